import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SmokeRunStore } from './run-store.ts';
import { newReport, newRunId, SmokeRun } from './run.ts';

const make = (n: number) =>
  new SmokeRun(newReport({ runId: `r${n}`, pipeline: 'p', topic: 't', table: 'd.t', records: 1, timeoutMs: 5000 }));

test('keeps the newest runs first and forgets finished runs beyond the bound, never running ones', () => {
  const store = new SmokeRunStore(2);
  const first = make(1);
  store.add(first);
  const second = make(2);
  second.report.status = 'passed';
  store.add(second);
  store.add(make(3));
  assert.deepEqual(
    store.summaries().map((s) => s.runId),
    ['r3', 'r1'],
  );
  assert.equal(store.get('r2'), undefined);
  assert.equal('steps' in store.summaries()[0]!, false);
});

test('run ids are unique and say what they are', () => {
  const a = newRunId(new Date('2026-01-02T03:04:05.678Z'));
  assert.match(a, /^smoke-20260102T030405Z-[a-z0-9]+$/);
  assert.notEqual(newRunId(), newRunId());
});
