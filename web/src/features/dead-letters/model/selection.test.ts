import assert from 'node:assert/strict';
import { test } from 'node:test';
import { letterId, parseLetterId, toggle } from './selection.ts';

test('selected dead letters round-trip through their ids', () => {
  const id = letterId({ partition: 2, offset: 41 });
  assert.equal(id, '2/41');
  assert.deepEqual(parseLetterId(id), { partition: 2, offset: 41 });
  assert.deepEqual([...toggle(toggle(new Set(), id), '0/1')], ['2/41', '0/1']);
  assert.deepEqual([...toggle(new Set([id]), id)], []);
});
