import assert from 'node:assert/strict';
import { test } from 'node:test';
import { previewOrder, sortingKeyParts } from './catalog.ts';

test('splits a sorting key at top-level commas only', () => {
  assert.deepEqual(sortingKeyParts('customer_id, created_at, order_id'), ['customer_id', 'created_at', 'order_id']);
  assert.deepEqual(sortingKeyParts("toDate(ts, 'UTC'), `a,b`, id"), ["toDate(ts, 'UTC')", '`a,b`', 'id']);
  assert.deepEqual(sortingKeyParts(''), []);
});

test('previewOrder: MergeTree tables by insert block, other engines by sorting key or not at all, said honestly', () => {
  const base = { database: 'pipeline', table: 'orders', engineFull: 'MergeTree ORDER BY id', sortingKey: 'id', columnNames: ['id'] };
  const merge = previewOrder({ ...base, engine: 'ReplacingMergeTree' });
  assert.equal(merge.order, 'insertion');
  assert.equal(merge.sql, '_block_number DESC, _block_offset DESC');
  assert.match(merge.orderNote, /merges parts/);
  const persisted = previewOrder({
    ...base,
    engine: 'MergeTree',
    engineFull: 'MergeTree ORDER BY id SETTINGS enable_block_number_column = 1, enable_block_offset_column = 1, index_granularity = 8192',
  });
  assert.match(persisted.orderNote, /exact/);
  const keyed = previewOrder({ ...base, engine: 'EmbeddedRocksDB', sortingKey: 'id, toDate(ts)' });
  assert.deepEqual([keyed.order, keyed.sql, keyed.orderedBy], ['sorting-key', '`id` DESC', 'id DESC']);
  assert.match(keyed.orderNote, /not by arrival/);
  const none = previewOrder({ ...base, engine: 'Memory', sortingKey: '' });
  assert.deepEqual([none.order, none.sql, none.orderedBy], ['none', null, null]);
});
