import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEventData, reconnectDelayMs } from './sse.ts';

test('parseEventData reads JSON frames', () => {
  assert.deepEqual(parseEventData('{"type":"heartbeat","at":"2025-01-01T00:00:00Z"}'), { type: 'heartbeat', at: '2025-01-01T00:00:00Z' });
  assert.deepEqual(parseEventData('{"stream":"stderr","ts":null,"line":"boom"}'), { stream: 'stderr', ts: null, line: 'boom' });
});

test('parseEventData yields null for empty, truncated or non-string data', () => {
  assert.equal(parseEventData(''), null);
  assert.equal(parseEventData('{"type":"snap'), null);
  assert.equal(parseEventData(undefined), null);
  assert.equal(parseEventData(42), null);
});

test('reconnect back-off doubles and is capped', () => {
  assert.deepEqual([0, 1, 2, 3].map(reconnectDelayMs), [1_000, 2_000, 4_000, 8_000]);
  assert.equal(reconnectDelayMs(10), 15_000);
  assert.equal(reconnectDelayMs(-3), 1_000);
});
