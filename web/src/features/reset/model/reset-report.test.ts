import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResetReport, ResetStep } from '@pipeline-panel/server/contracts';
import { isFinished, stepElapsedMs } from './reset-report.ts';

const step = (id: ResetStep['id'], over: Partial<ResetStep> = {}): ResetStep => ({
  id,
  title: id,
  status: 'pending',
  startedAt: null,
  durationMs: null,
  detail: null,
  items: [],
  lines: [],
  failure: null,
  ...over,
});
const report: ResetReport = {
  operationId: 'reset-1',
  project: 'demo',
  status: 'running',
  startedAt: '2026-01-01T00:00:00Z',
  finishedAt: null,
  resumedFrom: null,
  steps: [step('inventory'), step('remove-containers')],
  done: [],
  left: [],
  failure: null,
};

test('a running step counts from its start; pending and skipped steps have no time', () => {
  const running = step('inventory', { status: 'running', startedAt: '2026-01-01T00:00:00.000Z', durationMs: 100 });
  assert.equal(stepElapsedMs(running, Date.parse('2026-01-01T00:00:02.000Z')), 2000);
  assert.equal(stepElapsedMs(step('inventory', { status: 'ok', durationMs: 1234 }), 0), 1234);
  assert.equal(stepElapsedMs(step('inventory', { status: 'skipped' }), 0), null);
  assert.equal(isFinished(report), false);
  assert.equal(isFinished({ ...report, status: 'failed' }), true);
});
