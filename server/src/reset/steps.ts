import type { ResetFailure, ResetItem, ResetReport, ResetStep, ResetStepId } from '../contracts/reset.ts';

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

/** "skipped" always means: finished by the run this one resumed. */
type Listener = (step: ResetStep) => void;

/** The bookkeeping of one reset run: step states, timings, done/left. No I/O. */
export class ResetRun {
  readonly report: ResetReport;
  private readonly started = new Map<ResetStepId, number>();

  constructor(
    operationId: string,
    project: string,
    private readonly onStep: Listener = () => {},
    resume: { from: string; skip: Set<ResetStepId> } | null = null,
    private readonly now: () => number = Date.now,
  ) {
    this.report = {
      operationId,
      project,
      status: 'running',
      startedAt: new Date(this.now()).toISOString(),
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
    };
    this.refreshLists();
  }

  step(id: ResetStepId): ResetStep {
    return this.report.steps.find((s) => s.id === id)!;
  }

  isSkipped(id: ResetStepId): boolean {
    return this.step(id).status === 'skipped';
  }

  begin(id: ResetStepId, detail: string): void {
    const step = this.step(id);
    this.started.set(id, this.now());
    Object.assign(step, { status: 'running', startedAt: new Date(this.now()).toISOString(), durationMs: 0, detail });
    this.emit(step);
  }

  progress(id: ResetStepId, change: { detail?: string; item?: ResetItem; line?: string }): void {
    const step = this.step(id);
    if (change.detail !== undefined) step.detail = change.detail;
    if (change.item) step.items.push(change.item);
    if (change.line !== undefined) {
      step.lines.push(change.line);
      if (step.lines.length > MAX_LINES) step.lines.splice(0, step.lines.length - MAX_LINES);
    }
    step.durationMs = this.elapsed(id);
    this.emit(step);
  }

  succeed(id: ResetStepId, detail: string): void {
    const step = this.step(id);
    Object.assign(step, { status: 'ok', detail, durationMs: this.elapsed(id) });
    this.refreshLists();
    this.emit(step);
  }

  fail(id: ResetStepId, failure: Omit<ResetFailure, 'step'>): void {
    const step = this.step(id);
    const full: ResetFailure = { step: id, ...failure };
    Object.assign(step, { status: 'failed', detail: failure.message, durationMs: this.elapsed(id), failure: full });
    this.report.failure = full;
    this.report.status = 'failed';
    this.refreshLists();
    this.emit(step);
  }

  /** Ends the run: succeeded when no step failed. */
  finish(): ResetReport {
    if (this.report.status === 'running') this.report.status = 'succeeded';
    this.report.finishedAt = new Date(this.now()).toISOString();
    this.refreshLists();
    return this.report;
  }

  private elapsed(id: ResetStepId): number {
    const t0 = this.started.get(id);
    return t0 === undefined ? 0 : Math.max(0, this.now() - t0);
  }

  private refreshLists(): void {
    const isDone = (s: ResetStep) => s.status === 'ok' || s.status === 'skipped';
    this.report.done = this.report.steps.filter(isDone).map((s) => s.title);
    this.report.left = this.report.steps.filter((s) => !isDone(s)).map((s) => s.title);
  }

  private emit(step: ResetStep): void {
    this.onStep(step);
  }
}
