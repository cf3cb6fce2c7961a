import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SmokeCleanup } from '../contracts/smoke.ts';
import { mergeCleanup, removeRowsOfRun } from './cleanup.ts';

const runId = 'smoke-20260102T030405Z-abc123';
const first: SmokeCleanup = { removed: 15, remaining: 0, statement: 'DELETE', stays: ['the records'], message: 'removed 15 row(s)' };
const none: SmokeCleanup = { removed: 0, remaining: 0, statement: 'none', stays: ['the records'], message: 'nothing removed' };

test("the report's cleanup totals every removal; one that found nothing keeps the earlier account", () => {
  assert.deepEqual(mergeCleanup(null, first), first);
  assert.deepEqual(mergeCleanup(none, first), first);
  const again = mergeCleanup(first, none);
  assert.deepEqual(again, { ...first, message: 'removed 15 row(s); removing again found none left' });
  assert.equal(mergeCleanup(again, none).message, again.message, 'said once, however often it is repeated');
  const late = mergeCleanup(first, { ...first, removed: 3, message: 'removed 3 row(s)' });
  assert.deepEqual([late.removed, late.message], [18, 'removed 3 row(s) (18 removed in all)']);
});

/** Deps that must not be reached: the checks come before any file or ClickHouse call. */
const untouched = new Proxy({} as never, {
  get: () => {
    throw new Error('touched');
  },
});
const deps = { clickhouse: untouched, files: untouched, schemaFiles: untouched };
const report = { runId, pipeline: 'orders', runIdField: 'order_id', produced: 15, schema: null, status: 'passed' as const };

test('removing rows is refused unless confirmed with the run id, and while the run goes', async () => {
  for (const confirm of [undefined, '', 'yes', `${runId} `, runId.toUpperCase()]) {
    await assert.rejects(removeRowsOfRun(deps, report, confirm), { statusCode: 400, code: 'CONFIRMATION_MISMATCH' });
  }
  await assert.rejects(removeRowsOfRun(deps, { ...report, status: 'running' }, runId), { statusCode: 409, code: 'SMOKE_RUN_RUNNING' });
});

test('a run that produced nothing has nothing to remove, and says so without asking ClickHouse', async () => {
  const result = await removeRowsOfRun(deps, { ...report, runIdField: null, produced: 0, status: 'failed' }, runId);
  assert.deepEqual([result.removed, result.statement], [0, 'none']);
  assert.match(result.message, /produced nothing; nothing to remove/);
});
