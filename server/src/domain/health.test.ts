import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ServiceStatus } from '../contracts/stack.ts';
import { aggregateHealth, computeHealthTiming, type HealthLogEntry } from './health.ts';

const entry = (startSec: number, exit: number): HealthLogEntry => ({
  Start: new Date(Date.UTC(2025, 0, 1, 0, 0, startSec)).toISOString(),
  End: new Date(Date.UTC(2025, 0, 1, 0, 0, startSec, 200)).toISOString(),
  ExitCode: exit,
});
const startedAt = new Date(Date.UTC(2025, 0, 1, 0, 0, 0)).toISOString();

describe('computeHealthTiming', () => {
  test('first success after failures is the healthy moment, exact', () => {
    const timing = computeHealthTiming(startedAt, 'healthy', [entry(1, 1), entry(2, 1), entry(3, 0), entry(4, 0)]);
    assert.equal(timing.healthySince, entry(3, 0).End);
    assert.equal(timing.timeToHealthyMs, 3200);
    assert.equal(timing.exact, true);
  });

  test('a short log of only successes is exact (nothing was dropped)', () => {
    const timing = computeHealthTiming(startedAt, 'healthy', [entry(1, 0), entry(2, 0)]);
    assert.equal(timing.timeToHealthyMs, 1200);
  });

  test('a full log of successes is not exact: no time-to-healthy', () => {
    const log = [entry(10, 0), entry(11, 0), entry(12, 0), entry(13, 0), entry(14, 0)];
    const timing = computeHealthTiming(startedAt, 'healthy', log);
    assert.equal(timing.exact, false);
    assert.equal(timing.healthySince, entry(10, 0).End);
    assert.equal(timing.timeToHealthyMs, null);
  });

  test('probes from before the current start are ignored', () => {
    const restarted = new Date(Date.UTC(2025, 0, 1, 0, 0, 5)).toISOString();
    const timing = computeHealthTiming(restarted, 'healthy', [entry(1, 0), entry(2, 0), entry(6, 1), entry(7, 0)]);
    assert.equal(timing.healthySince, entry(7, 0).End);
    assert.equal(timing.timeToHealthyMs, 2200);
  });

  test('not healthy → no timing', () => {
    assert.equal(computeHealthTiming(startedAt, 'unhealthy', [entry(1, 1)]).healthySince, null);
    assert.equal(computeHealthTiming(startedAt, 'starting', []).healthySince, null);
    assert.equal(computeHealthTiming(startedAt, undefined, undefined).healthySince, null);
  });
});

type S = Pick<ServiceStatus, 'state' | 'health' | 'declared'>;
const s = (state: S['state'], health: S['health'] = 'none', declared = true): S => ({ state, health, declared });

describe('aggregateHealth', () => {
  test('all running and healthy or without healthcheck → healthy', () => {
    assert.equal(aggregateHealth([s('running', 'healthy'), s('running')], true), 'healthy');
  });
  test('a starting healthcheck → starting', () => {
    assert.equal(aggregateHealth([s('running', 'healthy'), s('running', 'starting')], true), 'starting');
    assert.equal(aggregateHealth([s('running', 'healthy'), s('restarting')], true), 'starting');
  });
  test('one unhealthy or stopped while others run → degraded', () => {
    assert.equal(aggregateHealth([s('running', 'healthy'), s('running', 'unhealthy')], true), 'degraded');
    assert.equal(aggregateHealth([s('running', 'healthy'), s('exited')], true), 'degraded');
    assert.equal(aggregateHealth([s('running', 'starting'), s('not-created')], true), 'degraded');
  });
  test('nothing runs → down', () => {
    assert.equal(aggregateHealth([s('not-created'), s('exited')], true), 'down');
  });
  test('docker unreachable or nothing declared → unknown', () => {
    assert.equal(aggregateHealth([s('running', 'healthy')], false), 'unknown');
    assert.equal(aggregateHealth([s('running', 'healthy', false)], true), 'unknown');
  });
  test('undeclared containers do not count', () => {
    assert.equal(aggregateHealth([s('running', 'healthy'), s('exited', 'none', false)], true), 'healthy');
  });
});
