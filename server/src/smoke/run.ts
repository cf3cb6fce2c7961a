import type { SmokeRunReport, SmokeRunSummary, SmokeStep, SmokeStepName } from '../contracts/smoke.ts';
import { Operation } from '../operations/index.ts';

/** One smoke run: an operation whose report is the SmokeRunReport (steps included). */
export type SmokeRun = Operation<SmokeStep, SmokeRunReport>;

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

type RunInit = Pick<SmokeRunReport, 'runId' | 'pipeline' | 'topic' | 'table' | 'records' | 'timeoutMs'>;

export function newReport(init: RunInit): SmokeRunReport {
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

export function newSmokeRun(init: RunInit): SmokeRun {
  return new Operation<SmokeStep, SmokeRunReport>({
    id: init.runId,
    report: newReport(init),
    keyOf: (step) => step.name,
    // The run's duration is stamped with its end.
    derive: (report) => {
      if (report.finishedAt) report.durationMs = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
    },
  });
}

/** A run as the history lists it: the report without its steps and results. */
export function summaryOf(report: SmokeRunReport): SmokeRunSummary {
  const {
    steps: _s,
    delivery: _d,
    contract: _c,
    schema: _sc,
    runIdField: _f,
    produced: _p,
    arrived: _a,
    mismatches: _m,
    cleanupMode: _cm,
    cleanup: _cl,
    ...summary
  } = report;
  return { ...summary };
}

/** Unique per run and recognisable in the table: `smoke-<UTC timestamp>-<random>`. */
export function newRunId(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `smoke-${stamp}-${Math.random().toString(36).slice(2, 8)}`;
}
