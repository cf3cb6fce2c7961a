import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProbeResult } from '@pipeline-panel/server/contracts';
import { matchProbes, probeFacts, probeTargetOf } from './probe-match.ts';

const down = (target: ProbeResult['target']): ProbeResult => ({
  target,
  ok: false,
  checkedAt: '',
  latencyMs: 5,
  reason: 'refused',
  hint: 'start it',
});

test('probe targets match service names exactly, so kafka-connect is Connect and not Kafka', () => {
  assert.equal(probeTargetOf('kafka'), 'kafka');
  assert.equal(probeTargetOf('kafka-connect'), 'connect');
  assert.equal(probeTargetOf('Schema-Registry'), 'schema-registry');
  assert.equal(probeTargetOf('panel'), null);
});

test('probes without a matching service are returned separately', () => {
  const probes = [down('kafka'), down('clickhouse'), down('connect')];
  const { byService, unmatched } = matchProbes(['kafka', 'panel', 'clickhouse'], probes);
  assert.deepEqual([...byService.keys()], ['kafka', 'clickhouse']);
  assert.deepEqual(
    unmatched.map((p) => p.target),
    ['connect'],
  );
});

test('probeFacts renders lists, booleans and camelCase names for people', () => {
  const facts = probeFacts({
    target: 'connect',
    ok: true,
    checkedAt: '',
    latencyMs: 3,
    facts: { version: '3.9.0', clickHouseSinkInstalled: true, plugins: ['a', 'b'], empty: [], sinkVersion: '' },
  });
  assert.deepEqual(facts, [
    { name: 'version', value: '3.9.0' },
    { name: 'click house sink installed', value: 'yes' },
    { name: 'plugins', value: 'a, b', items: ['a', 'b'] },
    { name: 'empty', value: '—' },
    { name: 'sink version', value: 'unknown' },
  ]);
});
