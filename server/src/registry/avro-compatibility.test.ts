import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localIncompatibilityReasons } from './avro-compatibility.ts';

const v1 = JSON.stringify({ type: 'record', name: 'T', fields: [{ name: 'a', type: 'string' }] });
const withDefault = JSON.stringify({
  type: 'record',
  name: 'T',
  fields: [
    { name: 'a', type: 'string' },
    { name: 'b', type: 'int', default: 0 },
  ],
});
const withoutDefault = JSON.stringify({
  type: 'record',
  name: 'T',
  fields: [
    { name: 'a', type: 'string' },
    { name: 'b', type: 'int' },
  ],
});

test('a new field with a default is backward compatible', () => {
  assert.deepEqual(localIncompatibilityReasons('BACKWARD', withDefault, v1), []);
});

test('a new field without a default is not, and the reason names the direction', () => {
  const reasons = localIncompatibilityReasons('BACKWARD', withoutDefault, v1);
  assert.equal(reasons.length, 1);
  assert.match(reasons[0]!, /^panel check \(avsc\): the new schema cannot read data written with the latest version: /);
  assert.deepEqual(localIncompatibilityReasons('NONE', withoutDefault, v1), []);
});
