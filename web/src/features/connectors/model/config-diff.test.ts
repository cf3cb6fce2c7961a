import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectorFile } from '@pipeline-panel/server/contracts';
import { deployLabel, describeDeploy, diffKind, fileStatus, sortedDiff } from './config-diff.ts';

const file = (over: Partial<ConnectorFile>): ConnectorFile => ({ file: 'f.json', name: 'f', connectorClass: 'C', deployed: false, diff: [], ...over });

test('diffKind tells added, removed and changed keys apart', () => {
  assert.equal(diffKind({ key: 'k', file: 'a', deployed: null }), 'added');
  assert.equal(diffKind({ key: 'k', file: null, deployed: 'a' }), 'removed');
  assert.equal(diffKind({ key: 'k', file: 'a', deployed: 'b' }), 'changed');
});

test('sortedDiff orders by key and tags the kind', () => {
  const rows = sortedDiff([
    { key: 'topics', file: 'b', deployed: 'a' },
    { key: 'file', file: '/tmp/x', deployed: null },
  ]);
  assert.deepEqual(rows.map((r) => [r.key, r.kind]), [['file', 'added'], ['topics', 'changed']]);
});

describe('fileStatus', () => {
  test('not deployed', () => assert.deepEqual(fileStatus(file({})), { tone: 'idle', label: 'not deployed' }));
  test('in sync', () => assert.equal(fileStatus(file({ deployed: true })).label, 'deployed · in sync'));
  test('differs', () => {
    const status = fileStatus(file({ deployed: true, diff: [{ key: 'a', file: '1', deployed: '2' }] }));
    assert.deepEqual(status, { tone: 'warn', label: 'deployed · 1 key differs' });
  });
  test('unreadable', () => assert.equal(fileStatus(file({ error: 'bad JSON' })).tone, 'bad'));
});

test('describeDeploy says created, updated or unchanged', () => {
  const diff = [{ key: 'a', file: '1', deployed: null }];
  assert.equal(describeDeploy({ name: 'n', created: true, changed: true, diff }), 'Created n with 1 config key.');
  assert.equal(describeDeploy({ name: 'n', created: false, changed: true, diff: [...diff, ...diff] }), 'Updated n: 2 keys changed.');
  assert.match(describeDeploy({ name: 'n', created: false, changed: false, diff: [] }), /unchanged/);
});

test('deployLabel', () => {
  assert.equal(deployLabel({ deployed: false, diff: [] }), 'Deploy');
  assert.equal(deployLabel({ deployed: true, diff: [{ key: 'a', file: '1', deployed: '2' }] }), 'Update');
  assert.equal(deployLabel({ deployed: true, diff: [] }), 'Redeploy');
});
