import type { EvolutionPlan, EvolutionStep } from '@pipeline-panel/server/contracts';

export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

export const STEP_TONE: Record<string, Tone> = {
  ok: 'ok',
  succeeded: 'ok',
  running: 'warn',
  failed: 'bad',
  skipped: 'idle',
  pending: 'idle',
};

/** A step's badge text: "done" for a step that found everything in place, else its status. */
export function stepBadge(step: Pick<EvolutionStep, 'status' | 'changed'>): string {
  if (step.status === 'ok' && step.changed === false) return 'unchanged';
  if (step.status === 'ok' && step.changed === true) return 'changed';
  return step.status;
}

/** The plan in one sentence: what it adds, keeps and refuses. */
export function planHeadline(plan: EvolutionPlan): string {
  if (!plan.canApply)
    return `Refused: ${plan.blockers.length} problem${plan.blockers.length === 1 ? '' : 's'} to fix first; nothing can be applied`;
  const parts = [
    plan.additions.length ? `adds ${plan.additions.length} column${plan.additions.length === 1 ? '' : 's'}` : 'adds no column',
    plan.kept.length ? `keeps ${plan.kept.length} column${plan.kept.length === 1 ? '' : 's'} of removed fields` : '',
    plan.draftRegistered !== null ? `the draft is already v${plan.draftRegistered}` : `registers v${(plan.current.version ?? 0) + 1}`,
  ].filter(Boolean);
  return `Ready: ${parts.join(', ')}`;
}

/** The draft the editor starts with: the current schema, pretty-printed. */
export function startingDraft(schema: string | null | undefined): string {
  if (!schema) return '';
  try {
    return JSON.stringify(JSON.parse(schema), null, 2);
  } catch {
    return schema;
  }
}

/** Blockers besides the refused changes, which the plan lists on their own (the API puts the refusals first). */
export function otherBlockers(plan: Pick<EvolutionPlan, 'blockers' | 'refusals'>): string[] {
  return plan.blockers.slice(plan.refusals.length);
}
