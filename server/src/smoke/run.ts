import type { SmokeRunReport, SmokeStep, SmokeStepName } from '../contracts/smoke.ts';

export type SmokeRunEvent = { type: 'step'; step: SmokeStep } | { type: 'done'; report: SmokeRunReport };

export const STEP_TITLES: Record<SmokeStepName, string> = {
  delivery: 'Delivery path (sink connector or Kafka engine)',
  contract: 'Contract: schema ↔ table columns',
  schema: 'Schema registered in the registry',
  produce: 'Produce records to Kafka',
  arrive: 'Rows arrive in ClickHouse',
  compare: 'Compare rows field by field',
  report: 'Report',
};

export const STEP_ORDER: SmokeStepName[] = ['delivery', 'contract', 'schema', 'produce', 'arrive', 'compare', 'report'];

/** One smoke run's live state: the report (steps included), its abort controller and its listeners. */
export class SmokeRun {
  readonly controller = new AbortController();
  private readonly listeners = new Set<(event: SmokeRunEvent) => void>();
  private finishedResolve!: () => void;
  readonly finished = new Promise<void>((resolve) => (this.finishedResolve = resolve));

  constructor(readonly report: SmokeRunReport) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get done(): boolean {
    return this.report.status !== 'running';
  }

  step(name: SmokeStepName): SmokeStep {
    return this.report.steps.find((s) => s.name === name)!;
  }

  /** Applies a change to a step and tells every subscriber. */
  update(name: SmokeStepName, change: Partial<SmokeStep>): void {
    const step = this.step(name);
    Object.assign(step, change);
    this.emit({ type: 'step', step: { ...step } });
  }

  finish(): void {
    this.report.finishedAt = new Date().toISOString();
    this.report.durationMs = Date.parse(this.report.finishedAt) - Date.parse(this.report.startedAt);
    this.emit({ type: 'done', report: this.snapshot() });
    this.listeners.clear();
    this.finishedResolve();
  }

  snapshot(): SmokeRunReport {
    return structuredClone(this.report);
  }

  /** Subscribes to later events; the caller replays `snapshot()` first. */
  subscribe(listener: (event: SmokeRunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: SmokeRunEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

export function newReport(init: Pick<SmokeRunReport, 'runId' | 'pipeline' | 'topic' | 'table' | 'records' | 'timeoutMs'>): SmokeRunReport {
  return {
    ...init,
    status: 'running',
    startedAt: new Date().toISOString(),
    finishedAt: null,
    durationMs: null,
    failedStep: null,
    message: 'running',
    steps: STEP_ORDER.map((name) => ({ name, title: STEP_TITLES[name], status: 'pending', startedAt: null, durationMs: null, detail: '' })),
    delivery: null,
    contract: null,
    schema: null,
    runIdField: null,
    produced: 0,
    arrived: 0,
    mismatches: [],
  };
}

/** Unique per run and recognisable in the table: `smoke-<UTC timestamp>-<random>`. */
export function newRunId(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `smoke-${stamp}-${Math.random().toString(36).slice(2, 8)}`;
}
