import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDelay, replicaStatus, type ReplicaRow } from './replica-health.ts';

const row: ReplicaRow = {
  database: 'pipeline',
  table: 'orders',
  replicaName: 'clickhouse-2',
  isLeader: true,
  isReadonly: false,
  isSessionExpired: false,
  absoluteDelay: 0,
  queueSize: 0,
  insertsInQueue: 0,
  mergesInQueue: 0,
  totalReplicas: 2,
  activeReplicas: 2,
};

describe('replicaStatus', () => {
  test('in sync and all replicas active: ok', () => {
    assert.deepEqual(replicaStatus(row), { status: 'ok', reasons: [] });
  });
  test('behind or with a long queue: lagging, saying by how much', () => {
    assert.deepEqual(replicaStatus({ ...row, absoluteDelay: 303, queueSize: 150 }), {
      status: 'lagging',
      reasons: ['5 min 3 s behind', '150 entries queued'],
    });
  });
  test('read-only, expired session or an inactive replica: broken, before any lag', () => {
    assert.deepEqual(replicaStatus({ ...row, isReadonly: true, activeReplicas: 1, absoluteDelay: 900 }), {
      status: 'broken',
      reasons: ['read-only (no Keeper connection, or its metadata is lost)', '1 of 2 replicas active', '15 min behind'],
    });
    assert.equal(replicaStatus({ ...row, isSessionExpired: true }).status, 'broken');
  });
});

describe('formatDelay', () => {
  test('seconds, minutes, hours', () => {
    assert.deepEqual([formatDelay(42), formatDelay(60), formatDelay(303), formatDelay(7260)], ['42 s', '1 min', '5 min 3 s', '2 h 1 min']);
  });
});
