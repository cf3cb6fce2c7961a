import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newRunId, newSmokeRun, summaryOf } from './run.ts';

test('run ids are unique and say what they are', () => {
  const a = newRunId(new Date('2026-01-02T03:04:05.678Z'));
  assert.match(a, /^smoke-20260102T030405Z-[a-z0-9]+$/);
  assert.notEqual(newRunId(), newRunId());
});

test('a finished run carries its duration; the history summary leaves out steps and results', () => {
  const run = newSmokeRun({ runId: 'r1', pipeline: 'p', topic: 't', table: 'd.t', records: 1, timeoutMs: 5000 });
  assert.equal(run.id, 'r1');
  run.finish({ status: 'passed', message: 'ok' });
  assert.equal(typeof run.report.durationMs, 'number');
  const summary = summaryOf(run.report);
  assert.equal(summary.runId, 'r1');
  assert.equal('steps' in summary, false);
  assert.equal('mismatches' in summary, false);
});
