import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResetStep } from '../contracts/reset.ts';
import { ResetRun, stepsDoneBefore } from './steps.ts';

function clock() {
  let t = Date.parse('2026-01-01T00:00:00Z');
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

test('records status, start time and duration per step, and what is done and left', () => {
  const c = clock();
  const events: ResetStep[] = [];
  const run = new ResetRun('reset-1', 'demo', null, c.now);
  run.subscribe((e) => e.type === 'step' && events.push(e.step));
  run.begin('inventory', { detail: 'Working' });
  c.advance(250);
  run.succeed('inventory', '2 containers');
  run.begin('remove-containers', { detail: 'Working' });
  c.advance(100);
  run.progress('remove-containers', { line: 'Container demo-db-1 Stopping' });
  run.fail('remove-containers', { service: 'Docker Compose', message: 'rm failed', fix: 'run it by hand' });
  const report = run.finish();
  assert.equal(report.status, 'failed');
  assert.deepEqual(report.steps[0]!.durationMs, 250);
  assert.equal(report.steps[0]!.startedAt, '2026-01-01T00:00:00.000Z');
  assert.equal(report.steps[1]!.status, 'failed');
  assert.deepEqual(report.steps[1]!.lines, ['Container demo-db-1 Stopping']);
  assert.deepEqual(report.failure, { step: 'remove-containers', service: 'Docker Compose', message: 'rm failed', fix: 'run it by hand' });
  assert.deepEqual(report.done, ['Inventory the project']);
  assert.equal(report.left[0], 'Stop and remove containers');
  assert.ok(events.some((e) => e.id === 'remove-containers' && e.status === 'running'));
});

function failedAt(failing: ResetStep['id']) {
  const run = new ResetRun('reset-prev', 'demo');
  for (const step of run.report.steps) {
    if (step.id === failing) {
      run.fail(step.id, { service: 'x', message: 'm', fix: 'f' });
      break;
    }
    run.succeed(step.id, 'ok');
  }
  return run.finish();
}

test('a resumed run skips finished bootstrap steps and the removals once both finished; it re-runs up and the health check', () => {
  const skip = stepsDoneBefore(failedAt('bootstrap-connectors'));
  assert.deepEqual([...skip].sort(), ['bootstrap-schemas', 'bootstrap-sql', 'remove-containers', 'remove-volumes']);
  const resumed = new ResetRun('reset-2', 'demo', { from: 'reset-prev', skip });
  assert.equal(resumed.report.resumedFrom, 'reset-prev');
  assert.equal(resumed.step('bootstrap-sql').status, 'skipped');
  assert.match(resumed.step('bootstrap-sql').detail!, /reset-prev/);
  assert.equal(resumed.step('start').status, 'pending');
  assert.ok(resumed.report.done.includes('Re-apply sql/'));
});

test('when the volumes were not all removed, the resumed run removes containers and volumes again', () => {
  assert.deepEqual([...stepsDoneBefore(failedAt('remove-volumes'))], []);
  // skipped steps of a resumed run count as done for the next resume too
  const first = failedAt('bootstrap-schemas');
  const second = new ResetRun('reset-3', 'demo', { from: first.operationId, skip: stepsDoneBefore(first) });
  second.succeed('inventory', 'ok');
  second.fail('start', { service: 'db', message: 'unhealthy', fix: 'logs' });
  assert.deepEqual([...stepsDoneBefore(second.finish())].sort(), ['bootstrap-sql', 'remove-containers', 'remove-volumes']);
});
