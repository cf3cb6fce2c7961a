import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sortingKeyParts } from './catalog.ts';

test('splits a sorting key at top-level commas only', () => {
  assert.deepEqual(sortingKeyParts('customer_id, created_at, order_id'), ['customer_id', 'created_at', 'order_id']);
  assert.deepEqual(sortingKeyParts("toDate(ts, 'UTC'), `a,b`, id"), ["toDate(ts, 'UTC')", '`a,b`', 'id']);
  assert.deepEqual(sortingKeyParts(''), []);
});
