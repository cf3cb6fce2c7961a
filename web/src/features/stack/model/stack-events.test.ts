import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceStatus, snapshotOf } from '../testing/fixtures.ts';
import { applyStackEvent } from './stack-events.ts';

const before = snapshotOf([serviceStatus('kafka')]);

test('a snapshot event replaces the cached snapshot', () => {
  const after = snapshotOf([serviceStatus('kafka', { state: 'exited', health: 'none' })]);
  assert.equal(applyStackEvent(before, { type: 'snapshot', snapshot: after }), after);
});

test('docker-disconnected marks Docker unreachable and keeps the last known services', () => {
  const next = applyStackEvent(before, { type: 'docker-disconnected', error: 'socket hang up' });
  assert.equal(next?.dockerReachable, false);
  assert.equal(next?.dockerError, 'socket hang up');
  assert.deepEqual(next?.services, before.services);
  assert.equal(applyStackEvent(undefined, { type: 'docker-disconnected', error: 'x' }), undefined);
});

test('heartbeats change nothing', () => {
  assert.equal(applyStackEvent(before, { type: 'heartbeat', at: '2025-01-01T00:00:00Z' }), before);
});
