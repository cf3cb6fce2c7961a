import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffConfigs } from './config-diff.ts';

test('an undeployed connector differs in every key of the file', () => {
  assert.deepEqual(diffConfigs('c', { a: '1', b: '2' }, null), [
    { key: 'a', file: '1', deployed: null },
    { key: 'b', file: '2', deployed: null },
  ]);
});

test('identical configs have no diff, ignoring the name Connect adds', () => {
  assert.deepEqual(diffConfigs('c', { a: '1' }, { a: '1', name: 'c' }), []);
  assert.deepEqual(diffConfigs('c', { a: '1', name: 'c' }, { a: '1', name: 'c' }), []);
});

test('changed, added and removed keys are listed in key order', () => {
  assert.deepEqual(diffConfigs('c', { a: '1', c: 'new' }, { a: '2', b: 'old', name: 'c' }), [
    { key: 'a', file: '1', deployed: '2' },
    { key: 'b', file: null, deployed: 'old' },
    { key: 'c', file: 'new', deployed: null },
  ]);
});
