import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RingBuffer } from './ring-buffer.ts';
import { ratePerSecond, sampleValues } from './sample-values.ts';
import { isCharted, keys } from './series-keys.ts';

describe('RingBuffer', () => {
  test('keeps the newest `capacity` items, oldest first, and drops stale ones from the old end', () => {
    const ring = new RingBuffer<number>(3);
    for (const n of [1, 2, 3, 4, 5]) ring.push(n);
    assert.deepEqual(ring.toArray(), [3, 4, 5]);
    assert.equal(ring.last(), 5);
    ring.dropWhile((n) => n < 5);
    assert.deepEqual(ring.toArray(), [5]);
    assert.throws(() => new RingBuffer(0), RangeError);
  });
});

describe('ratePerSecond', () => {
  test('per second between two readings; a gap, a counter going back or an unknown value is no rate', () => {
    assert.equal(ratePerSecond({ at: 0, value: 100 }, { at: 2000, value: 300 }, 6000), 100);
    assert.equal(ratePerSecond({ at: 0, value: 100 }, { at: 10_000, value: 300 }, 6000), null);
    assert.equal(ratePerSecond({ at: 0, value: 300 }, { at: 2000, value: 100 }, 6000), null);
    assert.equal(ratePerSecond({ at: 0, value: null }, { at: 2000, value: 100 }, 6000), null);
    assert.equal(ratePerSecond(null, { at: 2000, value: 100 }, 6000), null);
  });
});

describe('sampleValues', () => {
  const targets = {
    topics: ['orders'],
    dlqTopics: ['orders-dlq'],
    groups: [{ group: 'g', topic: 'orders' }],
    tables: [{ database: 'default', table: 'orders' }],
  };
  const tick = (at: number, end: number, committed: number, rows: number) => ({
    at,
    offsets: {
      topics: [
        { topic: 'orders', partitions: [{ partition: 0, start: 0, end }] },
        { topic: 'orders-dlq', partitions: [{ partition: 0, start: 1, end: 3 }] },
      ],
      missingTopics: [],
      groups: [{ group: 'g', offsets: [{ topic: 'orders', partition: 0, offset: committed }] }],
      groupErrors: [],
    },
    tables: [{ database: 'default', table: 'orders', engine: 'MergeTree', rows, activeParts: 2, lastModifiedAt: null }],
  });

  test('counters, lag and rates against the previous sample', () => {
    const first = sampleValues(targets, tick(0, 100, 40, 40), null, 6000);
    assert.equal(first.values[keys.topicRate('orders')], null, 'no previous sample: no rate');
    assert.equal(first.values[keys.groupLag('g', 'orders')], 60);
    assert.equal(first.values[keys.dlqMessages('orders-dlq')], 2);
    const second = sampleValues(targets, tick(2000, 300, 100, 140), first, 6000);
    assert.equal(second.values[keys.topicRate('orders')], 100);
    assert.equal(second.values[keys.tableRowsRate('default', 'orders')], 50);
    assert.equal(second.values[keys.tableParts('default', 'orders')], 2);
  });

  test('a service that did not answer gives nulls, never zeros', () => {
    const s = sampleValues(targets, { at: 0, offsets: null, tables: null }, null, 6000);
    assert.equal(s.values[keys.groupLag('g', 'orders')], null);
    assert.equal(s.values[keys.tableRows('default', 'orders')], null);
  });

  test('only the charted kinds go to the browser; keys never collide', () => {
    assert.equal(isCharted(keys.groupLag('g', 'orders')), true);
    assert.equal(isCharted(keys.groupCommitted('g', 'orders')), false);
    assert.notEqual(keys.groupLag('a/b', 'c'), keys.groupLag('a', 'b/c'));
  });
});
