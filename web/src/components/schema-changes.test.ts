import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SchemaChange } from '@pipeline-panel/server/contracts';
import { bySource, changesSummary, changeTone, formatPath } from './schema-changes.ts';

const change = (over: Partial<SchemaChange>): SchemaChange => ({
  kind: 'field-added',
  path: 'note',
  fromPath: 'note',
  before: null,
  after: 'string',
  description: 'field `note` added',
  breaking: false,
  breaks: [],
  reason: 'safe under BACKWARD',
  ...over,
});

test('tone: breaking is bad; a break the level does not check, or a note, is a caution; else safe', () => {
  assert.equal(changeTone(change({ breaking: true, breaks: [{ direction: 'BACKWARD', kind: 'X', detail: '' }] })), 'bad');
  assert.equal(changeTone(change({ breaks: [{ direction: 'FORWARD', kind: 'X', detail: '' }] })), 'warn');
  assert.equal(changeTone(change({ reason: 'safe. Note: readers differ' })), 'warn');
  assert.equal(changeTone(change({})), 'ok');
});

test('summary and paths', () => {
  assert.equal(changesSummary([], 'BACKWARD'), 'No changes');
  assert.equal(changesSummary([change({}), change({ breaking: true })], 'FULL'), '2 changes · 1 breaking under FULL');
  assert.equal(changesSummary([change({})], 'NONE'), '1 change · none breaking under NONE');
  assert.equal(formatPath(''), '(root)');
  assert.equal(formatPath('a.b'), 'a.b');
});

test('registry reasons and panel findings are split by source', () => {
  const items = [
    { source: 'panel' as const, version: 1, direction: 'BACKWARD' as const, path: 'a', message: 'p' },
    { source: 'registry' as const, version: null, direction: null, path: null, message: 'r' },
  ];
  assert.deepEqual(
    bySource(items).registry.map((i) => i.message),
    ['r'],
  );
  assert.deepEqual(
    bySource(items).panel.map((i) => i.message),
    ['p'],
  );
});
