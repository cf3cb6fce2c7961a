import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSteps } from './run-steps.ts';
import { testOperation } from './testing.ts';

const fail = (_key: string, error: unknown, cancelled: boolean) => ({
  status: cancelled ? ('cancelled' as const) : ('failed' as const),
  detail: (error as Error).message,
});

test('runs the steps in order, merges what each returns, and skips what it is told to', async () => {
  const op = testOperation();
  const order: string[] = [];
  const outcome = await runSteps(
    op,
    ['a', 'b', 'c'].map((key) => ({
      key,
      run: async () => {
        order.push(key);
        return key === 'c' ? { status: 'skipped' as const, detail: 'nothing to do' } : { detail: `${key} done` };
      },
    })),
    { skip: (key) => key === 'b', begin: () => ({ detail: 'Working…' }), fail },
  );
  assert.deepEqual(outcome, { ok: true });
  assert.deepEqual(order, ['a', 'c']);
  assert.deepEqual(
    op.report.steps.map((s) => [s.name, s.status, s.detail]),
    [
      ['a', 'ok', 'a done'],
      ['b', 'pending', ''],
      ['c', 'skipped', 'nothing to do'],
    ],
  );
  assert.notEqual(op.step('a').durationMs, null);
});

test('the first failure is recorded with `fail` and stops the run', async () => {
  const op = testOperation();
  const outcome = await runSteps(
    op,
    [
      { key: 'a', run: async () => {} },
      {
        key: 'b',
        run: async () => {
          throw new Error('broken');
        },
      },
      { key: 'c', run: async () => assert.fail('must not run') },
    ],
    { fail },
  );
  assert.equal(outcome.ok, false);
  assert.equal(!outcome.ok && outcome.key, 'b');
  assert.equal(!outcome.ok && outcome.cancelled, false);
  assert.deepEqual(
    op.report.steps.map((s) => s.status),
    ['ok', 'failed', 'pending'],
  );
  assert.equal(op.step('b').detail, 'broken');
});

test('an abort during a step ends it cancelled, even when the step itself returned normally', async () => {
  const op = testOperation();
  const outcome = await runSteps(
    op,
    [
      {
        key: 'a',
        run: async () => {
          op.abort(new Error('cancelled by the user'));
          return { detail: 'finished anyway' };
        },
      },
      { key: 'b', run: async () => assert.fail('must not run') },
    ],
    { fail },
  );
  assert.equal(!outcome.ok && outcome.cancelled, true);
  assert.equal(op.step('a').status, 'cancelled');
  assert.equal(op.step('a').detail, 'cancelled by the user');
  assert.equal(op.step('b').status, 'pending');
});
