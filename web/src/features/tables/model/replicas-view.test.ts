import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReplicaDelay, replicaTone } from './replicas-view.ts';

test('replica delay for people', () => {
  assert.deepEqual([0, 0.4, 42, 60, 303, 7260].map(formatReplicaDelay), ['in sync', 'in sync', '42 s', '1 min', '5 min 3 s', '2 h 1 min']);
});

test('replica status tones', () => {
  assert.deepEqual((['ok', 'lagging', 'broken'] as const).map(replicaTone), ['ok', 'warn', 'bad']);
});
