import assert from 'node:assert/strict';
import { test } from 'node:test';
import { upsertStep, withStreamedSteps } from './operation-stream.ts';

test('a streamed step replaces the one with its key, or is appended in arrival order', () => {
  let steps: { name: string; status: string }[] = [];
  steps = upsertStep(steps, { name: 'a', status: 'running' });
  steps = upsertStep(steps, { name: 'b', status: 'pending' });
  steps = upsertStep(steps, { name: 'a', status: 'ok' });
  assert.deepEqual(steps, [
    { name: 'a', status: 'ok' },
    { name: 'b', status: 'pending' },
  ]);
  const byId = upsertStep([{ id: 'inventory', status: 'running' }], { id: 'inventory', status: 'ok' }, 'id');
  assert.deepEqual(byId, [{ id: 'inventory', status: 'ok' }]);
});

test('streamed steps are applied over a fetched report, which keeps its order and other fields', () => {
  const report = {
    status: 'running',
    steps: [
      { id: 'x', status: 'ok' },
      { id: 'y', status: 'pending' },
    ],
  };
  const merged = withStreamedSteps(report, [{ id: 'y', status: 'running' }], 'id');
  assert.deepEqual(merged, {
    status: 'running',
    steps: [
      { id: 'x', status: 'ok' },
      { id: 'y', status: 'running' },
    ],
  });
  assert.equal(withStreamedSteps(report, [] as typeof report.steps, 'id'), report);
});
