import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EvolutionPlan } from '@pipeline-panel/server/contracts';
import { otherBlockers, planHeadline, startingDraft, stepBadge } from './plan-view.ts';

const plan = (over: Partial<EvolutionPlan>) =>
  ({
    canApply: true,
    blockers: [],
    additions: [],
    kept: [],
    draftRegistered: null,
    current: { source: 'registry', version: 1, schema: '' },
    ...over,
  }) as EvolutionPlan;

test('the headline says what the plan adds, keeps and registers — or that it is refused', () => {
  assert.equal(
    planHeadline(plan({ additions: [{}, {}] as EvolutionPlan['additions'], kept: [{}] as EvolutionPlan['kept'] })),
    'Ready: adds 2 columns, keeps 1 column of removed fields, registers v2',
  );
  assert.equal(planHeadline(plan({ draftRegistered: 3 })), 'Ready: adds no column, the draft is already v3');
  assert.equal(planHeadline(plan({ canApply: false, blockers: ['x'] })), 'Refused: 1 problem to fix first; nothing can be applied');
});

test('step badges: unchanged, changed, or the status', () => {
  assert.equal(stepBadge({ status: 'ok', changed: false }), 'unchanged');
  assert.equal(stepBadge({ status: 'ok', changed: true }), 'changed');
  assert.equal(stepBadge({ status: 'failed', changed: false }), 'failed');
});

test('the starting draft is the current schema pretty-printed', () => {
  assert.equal(startingDraft('{"a":1}'), '{\n  "a": 1\n}');
  assert.equal(startingDraft(null), '');
});

test('blockers besides the refusals (listed on their own)', () => {
  assert.deepEqual(otherBlockers({ blockers: ['refused a', 'registry says no'], refusals: [{}] as EvolutionPlan['refusals'] }), [
    'registry says no',
  ]);
});
