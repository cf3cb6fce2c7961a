/** A step as every long-running operation reports it: its status, when it started and how long it took. */
export interface OperationStep {
  status: string;
  startedAt: string | null;
  durationMs: number | null;
}

/** The report every operation keeps: its steps in order, and when it started and finished. */
export interface OperationReport<Step extends OperationStep> {
  status: string;
  startedAt: string;
  finishedAt: string | null;
  steps: Step[];
}

export type OperationEvent<Step, Report> = { type: 'step'; step: Step } | { type: 'done'; report: Report };

/** Receives every event with its sequence number (1, 2, …), so a late subscriber can tell what a snapshot already holds. */
export type OperationListener<Step, Report> = (event: OperationEvent<Step, Report>, seq: number) => void;

export interface OperationInit<Step, Report> {
  id: string;
  report: Report;
  /** A step's key within the report (`name` for smoke and wizard steps, `id` for reset steps). */
  keyOf: (step: Step) => string;
  /** Recomputes the report's fields derived from its steps (e.g. done/left lists) after every change. */
  derive?: (report: Report) => void;
  now?: () => number;
}

/**
 * One long-running operation (a smoke run, a reset, a wizard apply): its report, kept current step by step and
 * streamed to subscribers; an abort signal its work honours; and a single finish that tells everyone it is over.
 */
export class Operation<Step extends OperationStep, Report extends OperationReport<Step>> {
  readonly id: string;
  readonly report: Report;
  /** Resolves with the final report once finish() ran. */
  readonly finished: Promise<Report>;
  private readonly controller = new AbortController();
  private readonly listeners = new Set<OperationListener<Step, Report>>();
  private readonly startedAt = new Map<string, number>();
  private readonly keyOf: (step: Step) => string;
  private readonly derive: (report: Report) => void;
  private readonly now: () => number;
  private resolveFinished!: (report: Report) => void;
  private ended = false;
  private events = 0;

  constructor(init: OperationInit<Step, Report>) {
    this.id = init.id;
    this.report = init.report;
    this.keyOf = init.keyOf;
    this.derive = init.derive ?? (() => {});
    this.now = init.now ?? Date.now;
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
    this.derive(this.report);
  }

  /** True once finish() ran; the report no longer changes. */
  get done(): boolean {
    return this.ended;
  }

  /** How many events were emitted so far (the sequence number of the last one). */
  get seq(): number {
    return this.events;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  step(key: string): Step {
    const step = this.report.steps.find((s) => this.keyOf(s) === key);
    if (!step) throw new Error(`operation ${this.id} has no step "${key}"`);
    return step;
  }

  /** Applies a change to a step and tells every subscriber. */
  update(key: string, change: Partial<Step>): Step {
    const step = this.step(key);
    Object.assign(step, change);
    this.derive(this.report);
    this.emit({ type: 'step', step: structuredClone(step) });
    return step;
  }

  /** Marks a step running from now (its duration is measured from here). */
  begin(key: string, change: Partial<Step> = {}): Step {
    const at = this.now();
    this.startedAt.set(key, at);
    return this.update(key, { ...change, status: 'running', startedAt: new Date(at).toISOString() } as Partial<Step>);
  }

  /** Ends a step with `status`; its duration is the time since begin(). */
  end(key: string, status: Step['status'], change: Partial<Step> = {}): Step {
    return this.update(key, { ...change, status, durationMs: this.elapsed(key) } as Partial<Step>);
  }

  /** Milliseconds since the step began (0 when it never did). */
  elapsed(key: string): number {
    const t0 = this.startedAt.get(key);
    return t0 === undefined ? 0 : Math.max(0, this.now() - t0);
  }

  /** Asks the running work to stop at its next check of `signal`; false when the operation had already finished. */
  abort(reason: unknown): boolean {
    if (this.ended) return false;
    this.controller.abort(reason);
    return true;
  }

  /** Ends the operation once: stamps finishedAt, applies the final change, sends `done`, drops every subscriber. */
  finish(change: Partial<Report> = {}): Report {
    if (this.ended) return this.report;
    Object.assign(this.report, change);
    this.report.finishedAt = new Date(this.now()).toISOString();
    this.derive(this.report);
    this.ended = true;
    this.emit({ type: 'done', report: this.snapshot() });
    this.listeners.clear();
    this.resolveFinished(this.report);
    return this.report;
  }

  snapshot(): Report {
    return structuredClone(this.report);
  }

  /** Follows later events (a finished operation has none); returns the unsubscribe function. */
  subscribe(listener: OperationListener<Step, Report>): () => void {
    if (this.ended) return () => {};
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: OperationEvent<Step, Report>): void {
    const seq = ++this.events;
    for (const listener of [...this.listeners]) listener(event, seq);
  }
}
