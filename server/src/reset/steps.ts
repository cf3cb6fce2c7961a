import type { ResetFailure, ResetItem, ResetReport, ResetStep, ResetStepId } from '../contracts/reset.ts';
import { Operation } from '../operations/index.ts';

/** The reset's steps in order, with the titles the UI and the done/left lists show. */
export const RESET_STEPS: readonly { id: ResetStepId; title: string }[] = [
  { id: 'inventory', title: 'Inventory the project' },
  { id: 'remove-containers', title: 'Stop and remove containers' },
  { id: 'remove-volumes', title: 'Remove volumes' },
  { id: 'start', title: 'Bring the stack back (docker compose up -d --wait)' },
  { id: 'healthy', title: 'Wait until healthy' },
  { id: 'bootstrap-sql', title: 'Re-apply sql/' },
  { id: 'bootstrap-schemas', title: 'Re-register schemas' },
  { id: 'bootstrap-connectors', title: 'Re-deploy connectors' },
  { id: 'report', title: 'Report' },
];

const MAX_LINES = 200;

/** Steps that only read or converge state: they run again on every run, including a resumed one. */
const ALWAYS_RUN: ReadonlySet<ResetStepId> = new Set(['inventory', 'start', 'healthy', 'report']);
const DESTRUCTIVE: readonly ResetStepId[] = ['remove-containers', 'remove-volumes'];

/**
 * Which steps a run resuming `previous` may skip: bootstrap steps the previous run finished, and the removals
 * once BOTH finished (the stack may already hold fresh data; removing again would wipe it). Everything else runs
 * again — it is idempotent (re-listing, removing what is already gone, `up -d --wait` of a running stack).
 */
export function stepsDoneBefore(previous: ResetReport): Set<ResetStepId> {
  const finished = new Set(previous.steps.filter((s) => s.status === 'ok' || s.status === 'skipped').map((s) => s.id));
  const skip = new Set<ResetStepId>();
  const removalsDone = DESTRUCTIVE.every((id) => finished.has(id));
  for (const id of finished) {
    if (ALWAYS_RUN.has(id)) continue;
    if (DESTRUCTIVE.includes(id) && !removalsDone) continue;
    skip.add(id);
  }
  return skip;
}

/**
 * One reset run: an operation whose report is the ResetReport. "skipped" always means: finished by the run this one
 * resumed. The done/left lists follow every step change.
 */
export class ResetRun extends Operation<ResetStep, ResetReport> {
  constructor(
    operationId: string,
    project: string,
    resume: { from: string; skip: Set<ResetStepId> } | null = null,
    now: () => number = Date.now,
  ) {
    super({
      id: operationId,
      keyOf: (step) => step.id,
      derive: refreshLists,
      now,
      report: {
        operationId,
        project,
        status: 'running',
        startedAt: new Date(now()).toISOString(),
        finishedAt: null,
        resumedFrom: resume?.from ?? null,
        steps: RESET_STEPS.map(({ id, title }) => ({
          id,
          title,
          status: resume?.skip.has(id) ? 'skipped' : 'pending',
          startedAt: null,
          durationMs: null,
          detail: resume?.skip.has(id) ? `Done by the previous run ${resume.from}; not repeated` : null,
          items: [],
          lines: [],
          failure: null,
        })),
        done: [],
        left: [],
        failure: null,
      },
    });
  }

  isSkipped(id: ResetStepId): boolean {
    return this.step(id).status === 'skipped';
  }

  /** A running step's progress: a new detail, an item it handled, or a line of Compose output (bounded). */
  progress(id: ResetStepId, change: { detail?: string; item?: ResetItem; line?: string }): void {
    const step = this.step(id);
    const next: Partial<ResetStep> = { durationMs: this.elapsed(id) };
    if (change.detail !== undefined) next.detail = change.detail;
    if (change.item) next.items = [...step.items, change.item];
    if (change.line !== undefined) next.lines = [...step.lines, change.line].slice(-MAX_LINES);
    this.update(id, next);
  }

  succeed(id: ResetStepId, detail: string): void {
    this.end(id, 'ok', { detail });
  }

  /** The failure of a step is the run's failure: the run ends failed. */
  failure(id: ResetStepId, failure: Omit<ResetFailure, 'step'>): Partial<ResetStep> & { status: 'failed' } {
    const full: ResetFailure = { step: id, ...failure };
    this.report.failure = full;
    this.report.status = 'failed';
    return { status: 'failed', detail: failure.message, failure: full };
  }

  fail(id: ResetStepId, failure: Omit<ResetFailure, 'step'>): void {
    const { status, ...change } = this.failure(id, failure);
    this.end(id, status, change);
  }

  /** Ends the run: succeeded when no step failed. */
  override finish(change: Partial<ResetReport> = {}): ResetReport {
    return super.finish({ status: this.report.status === 'running' ? 'succeeded' : this.report.status, ...change });
  }
}

function refreshLists(report: ResetReport): void {
  const isDone = (s: ResetStep) => s.status === 'ok' || s.status === 'skipped';
  report.done = report.steps.filter(isDone).map((s) => s.title);
  report.left = report.steps.filter((s) => !isDone(s)).map((s) => s.title);
}
