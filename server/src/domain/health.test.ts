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
  test('a log that reaches back to the start: the first passing probe is the healthy moment', () => {
    const timing = computeHealthTiming(startedAt, 'healthy', [entry(1, 1), entry(2, 1), entry(3, 0), entry(4, 0)]);
    assert.equal(timing.healthySince, entry(3, 0).End);
    assert.equal(timing.timeToHealthyMs, 3200);
    assert.equal(timing.exact, true);
  });

  test('a short log of only successes is exact (nothing was dropped)', () => {
    const timing = computeHealthTiming(startedAt, 'healthy', [entry(1, 0), entry(2, 0)]);
    assert.equal(timing.timeToHealthyMs, 1200);
  });

  test('a full log that starts long after the container did is unknown, even with a failure in it', () => {
    // The panel started an hour after the stack: five recent probes, one of them a blip. Not "healthy in 1 h".
    const late = [entry(3600, 0), entry(3610, 1), entry(3620, 0), entry(3630, 0), entry(3640, 0)];
    for (const log of [late, late.map((e) => ({ ...e, ExitCode: 0 }))]) {
      const timing = computeHealthTiming(startedAt, 'healthy', log, 10_000);
      assert.equal(timing.exact, false);
      assert.equal(timing.timeToHealthyMs, null);
      assert.equal(timing.healthySince, null);
    }
  });

  test('a full log whose first probe came within one interval of the start does cover it', () => {
    const log = [entry(2, 1), entry(4, 1), entry(6, 0), entry(8, 0), entry(10, 0)];
    assert.equal(computeHealthTiming(startedAt, 'healthy', log, 2_000).timeToHealthyMs, 6200);
    assert.equal(computeHealthTiming(startedAt, 'healthy', log).exact, false, 'without the interval it cannot tell');
  });

  test('probes from before the current start are ignored, and prove the log covers the start', () => {
    const restarted = new Date(Date.UTC(2025, 0, 1, 0, 0, 5)).toISOString();
    const timing = computeHealthTiming(restarted, 'healthy', [entry(1, 0), entry(2, 0), entry(6, 1), entry(7, 0), entry(8, 0)]);
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
  test('a one-shot step that completed counts as neither down nor failing', () => {
    assert.equal(aggregateHealth([s('running', 'healthy'), { ...s('exited'), completed: true }], true), 'healthy');
  });
  test('undeclared containers do not count', () => {
    assert.equal(aggregateHealth([s('running', 'healthy'), s('exited', 'none', false)], true), 'healthy');
  });
});
