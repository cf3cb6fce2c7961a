import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { availableActions, healthyIn, overallLook, serviceLook } from './service-look.ts';

describe('serviceLook', () => {
  test('a completed one-shot step is done, not stopped', () => {
    assert.deepEqual(serviceLook({ state: 'exited', health: 'none', completed: true }), { tone: 'ok', label: 'done' });
    assert.deepEqual(serviceLook({ state: 'exited', health: 'none', completed: false }), { tone: 'bad', label: 'stopped' });
  });
  const cases: [Parameters<typeof serviceLook>[0], string, string][] = [
    [{ state: 'running', health: 'healthy' }, 'ok', 'healthy'],
    [{ state: 'running', health: 'none' }, 'ok', 'running'],
    [{ state: 'running', health: 'starting' }, 'warn', 'starting'],
    [{ state: 'running', health: 'unhealthy' }, 'bad', 'unhealthy'],
    [{ state: 'exited', health: 'none' }, 'bad', 'stopped'],
    [{ state: 'dead', health: 'none' }, 'bad', 'dead'],
    [{ state: 'restarting', health: 'starting' }, 'warn', 'restarting'],
    [{ state: 'paused', health: 'healthy' }, 'warn', 'paused'],
    [{ state: 'created', health: 'none' }, 'idle', 'created'],
    [{ state: 'not-created', health: 'none' }, 'idle', 'not created'],
  ];
  for (const [input, tone, label] of cases) {
    test(`${input.state}/${input.health} → ${tone} "${label}"`, () => {
      assert.deepEqual(serviceLook(input), { tone, label });
    });
  }

  test('a stopped container is never shown as healthy, whatever its last health was', () => {
    assert.equal(serviceLook({ state: 'exited', health: 'healthy' }).tone, 'bad');
  });
});

test('overallLook maps every overall health to a tone', () => {
  assert.equal(overallLook('healthy').tone, 'ok');
  assert.equal(overallLook('starting').tone, 'warn');
  assert.equal(overallLook('degraded').tone, 'bad');
  assert.equal(overallLook('down').tone, 'bad');
  assert.equal(overallLook('unknown').tone, 'idle');
});

test('availableActions offers stop for running containers and start for stopped ones', () => {
  assert.deepEqual(availableActions('running'), { start: false, stop: true, restart: true });
  assert.deepEqual(availableActions('exited'), { start: true, stop: false, restart: true });
  assert.deepEqual(availableActions('not-created'), { start: false, stop: false, restart: false });
});

describe('healthyIn', () => {
  const ms = (n: number) => `${n} ms`;
  const base = { state: 'running', health: 'healthy', hasHealthcheck: true, timeToHealthyMs: null } as const;
  test('the measured time when the server knows it', () => {
    assert.equal(healthyIn({ ...base, timeToHealthyMs: 1200 }, ms).text, '1200 ms');
  });
  test('healthy before the panel looked: unknown, saying why (not a dash that reads like "not yet")', () => {
    const cell = healthyIn(base, ms);
    assert.equal(cell.text, 'unknown');
    assert.match(cell.title, /last 5 health checks/);
  });
  test('still starting: not yet; no healthcheck: n/a', () => {
    assert.equal(healthyIn({ ...base, health: 'starting' }, ms).title, 'Not healthy yet');
    assert.equal(healthyIn({ ...base, hasHealthcheck: false }, ms).text, 'n/a');
  });
});
