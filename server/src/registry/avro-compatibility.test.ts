import assert from 'node:assert/strict';
import { test } from 'node:test';
import { panelIncompatibilities, panelMessage } from './avro-compatibility.ts';

const v1 = JSON.stringify({ type: 'record', name: 'T', fields: [{ name: 'a', type: 'string' }] });
const record = (fields: unknown[]) => JSON.stringify({ type: 'record', name: 'T', fields: [{ name: 'a', type: 'string' }, ...fields] });

test('a new field with a default is backward compatible', () => {
  assert.deepEqual(panelIncompatibilities('BACKWARD', record([{ name: 'b', type: 'int', default: 0 }]), [{ version: 1, schema: v1 }]), []);
});

test('every new field without a default is its own finding, naming the direction, field and version', () => {
  const findings = panelIncompatibilities(
    'BACKWARD',
    record([
      { name: 'b', type: 'int' },
      { name: 'c', type: 'long' },
    ]),
    [{ version: 1, schema: v1 }],
  );
  assert.deepEqual(
    findings.map((f) => [f.version, f.direction, f.path]),
    [
      [1, 'BACKWARD', 'b'],
      [1, 'BACKWARD', 'c'],
    ],
  );
  assert.match(panelMessage(findings[0]!), /^panel check: v1: adding field `b` without a default breaks BACKWARD/);
  assert.deepEqual(panelIncompatibilities('NONE', record([{ name: 'b', type: 'int' }]), [{ version: 1, schema: v1 }]), []);
});

test('versions that are not Avro are left out', () => {
  assert.deepEqual(
    panelIncompatibilities('BACKWARD', record([{ name: 'b', type: 'int' }]), [{ version: 1, schema: 'syntax = "proto3";' }]),
    [],
  );
});
