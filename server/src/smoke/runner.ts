import type { PipelineRef, SmokeCleanup, SmokeCleanupMode, SmokeRunReport, SmokeRunSummary, SmokeStepName } from '../contracts/smoke.ts';
import { AppError } from '../errors/app-error.ts';
import { getPipeline } from '../pipelines/index.ts';
import type { RunState, SmokeDeps, StepContext, StepFn } from './context.ts';
import { mergeCleanup, removeRowsOfRun, removeRunRows, whatStays } from './cleanup.ts';
import { toFailure } from './failure.ts';
import { OperationStore, runSteps } from '../operations/index.ts';
import { newRunId, newSmokeRun, STEP_ORDER, summaryOf, type SmokeRun } from './run.ts';
import { arriveStep } from './steps/arrive.ts';
import { compareStep } from './steps/compare.ts';
import { contractStep } from './steps/contract.ts';
import { deliveryStep } from './steps/delivery.ts';
import { produceStep } from './steps/produce.ts';
import { schemaStep } from './steps/schema.ts';

export { SMOKE_RECORDS as RECORDS, SMOKE_TIMEOUT_MS as TIMEOUT_MS } from '../contracts/smoke.ts';

const STEPS: Record<Exclude<SmokeStepName, 'report'>, StepFn> = {
  delivery: deliveryStep,
  contract: contractStep,
  schema: schemaStep,
  produce: produceStep,
  arrive: arriveStep,
  compare: compareStep,
};

/** The service a step talks to, blamed when an error does not name one. */
const STEP_SERVICE = {
  delivery: 'Kafka Connect',
  contract: 'ClickHouse',
  schema: 'Schema Registry',
  produce: 'Kafka',
  arrive: 'ClickHouse',
  compare: 'ClickHouse',
  report: 'Panel',
} as const;

export interface StartOptions {
  pipeline: string;
  records: number;
  timeoutMs: number;
  /** Register the schema file even though the subject's latest version differs (steps/schema.ts); default false. */
  register?: boolean;
  /** Remove the run's rows when it ends (cleanup.ts); default 'keep'. */
  cleanup?: SmokeCleanupMode;
}

export interface SmokeRunner {
  start(options: StartOptions): Promise<SmokeRun>;
  /** The run, or 404 SMOKE_RUN_NOT_FOUND (runs live in memory, the last `maxRuns` of them). */
  get(runId: string): SmokeRun;
  list(): SmokeRunSummary[];
  /** Aborts a running run at its current step; false when it had already finished (or is unknown: 404). */
  cancel(runId: string): boolean;
  /**
   * "Remove this run's rows" of a finished run (cleanup.ts removeRowsOfRun): `confirm` must be the run id (400
   * CONFIRMATION_MISMATCH), 409 SMOKE_RUN_RUNNING while it runs, 404 for an unknown run. Removals of one run go one
   * after the other, so a second one removes 0 rows and says so; the report's `cleanup` then totals them.
   */
  removeRows(runId: string, confirm: unknown): Promise<SmokeCleanup>;
  /** Cancels every running run and waits for them to settle (server shutdown). */
  close(): Promise<void>;
}

type Outcome = { status: SmokeRunReport['status']; step: SmokeStepName | null; message: string };

function tableOf(pipeline: PipelineRef): { database: string; table: string } {
  return { database: pipeline.database, table: pipeline.table };
}

/**
 * Runs smoke tests in the background, one report per run kept in memory (bounded). What cancel means: the current
 * step stops at its next await (a produce stops issuing batches and disconnects; the arrive wait ends), later
 * steps are skipped, and the run ends 'cancelled'. Records already produced stay in the topic (Kafka is
 * append-only) and rows that still arrive carry the run id prefix `smoke-…`, so they never mix with real data;
 * the schema step registers a version only for a new subject or with `register: true` (steps/schema.ts). With
 * `cleanup` 'after-pass' or 'always' the run's rows are removed before the run ends (cleanup.ts).
 */
export function createSmokeRunner(deps: SmokeDeps, options: { maxRuns?: number } = {}): SmokeRunner {
  const store = new OperationStore<SmokeRun>(options.maxRuns ?? 20);
  /** The removal of each run's rows in progress (removals of one run are serialised). */
  const removals = new Map<string, Promise<unknown>>();

  function found(runId: string): SmokeRun {
    const run = store.get(runId);
    if (!run)
      throw new AppError(
        404,
        'SMOKE_RUN_NOT_FOUND',
        `No smoke run "${runId}" (runs live in the panel's memory; it keeps the last ${options.maxRuns ?? 20})`,
        { runId },
      );
    return run;
  }

  async function removeAndRecord(run: SmokeRun, confirm: unknown): Promise<SmokeCleanup> {
    const result = await removeRowsOfRun(deps, run.report, confirm);
    // A finished report changes once more here: it records what a later action removed.
    run.report.cleanup = mergeCleanup(run.report.cleanup, result);
    return result;
  }

  async function execute(run: SmokeRun, ctxBase: Omit<StepContext, 'progress'>): Promise<void> {
    const outcome = await runAll(run, ctxBase);
    await cleanUp(run, ctxBase, outcome.status);
    end(run, outcome.status, outcome.step, outcome.message);
  }

  async function runAll(run: SmokeRun, ctxBase: Omit<StepContext, 'progress'>): Promise<Outcome> {
    const { report } = run;
    const outcome = await runSteps(
      run,
      STEP_ORDER.filter((name) => name !== 'report').map((name) => ({
        key: name,
        run: async () => ({
          detail: await STEPS[name as keyof typeof STEPS]({ ...ctxBase, progress: (detail) => run.update(name, { detail }) }),
        }),
      })),
      {
        begin: () => ({ detail: '' }),
        fail: (name, error, cancelled) => {
          const { detail } = run.step(name);
          if (cancelled) return { status: 'cancelled', detail: `${detail ? `${detail}; ` : ''}cancelled` };
          return { status: 'failed', detail, failure: toFailure(error, STEP_SERVICE[name as SmokeStepName], deps.hints ?? {}) };
        },
      },
    );
    if (!outcome.ok) {
      const step = run.step(outcome.key);
      if (outcome.cancelled) return { status: 'cancelled', step: step.name, message: `Cancelled during "${step.title}"` };
      return { status: 'failed', step: step.name, message: `${step.title} failed (${step.failure!.service}): ${step.failure!.message}` };
    }
    const summary =
      `${report.records} record(s) produced to ${report.topic} arrived in ${report.table} via ${report.delivery?.via ?? '?'} ` +
      `and equal their records field by field`;
    run.begin('report');
    run.end('report', 'ok', { detail: summary });
    return { status: 'passed', step: null, message: summary };
  }

  /** The run's cleanup option: remove its rows after a pass, or always; says what stays either way. */
  async function cleanUp(run: SmokeRun, ctx: Omit<StepContext, 'progress'>, status: SmokeRunReport['status']): Promise<void> {
    const { report } = run;
    const mode = ctx.options.cleanup;
    const field = ctx.state.runIdField;
    if (mode === 'keep' || (mode === 'after-pass' && status !== 'passed') || !field || report.produced === 0) return;
    const stays = whatStays(ctx.pipeline, {
      runId: report.runId,
      runIdField: field,
      produced: report.produced,
      registered: report.schema?.registered === true,
    });
    try {
      const result = await removeRunRows(deps.clickhouse, { ...tableOf(ctx.pipeline), runIdField: field, runId: report.runId });
      report.cleanup = { ...result, stays };
    } catch (error) {
      report.cleanup = {
        removed: 0,
        remaining: -1,
        statement: 'none',
        stays,
        message: `the rows could not be removed: ${toFailure(error, 'ClickHouse', deps.hints ?? {}).message}`,
      };
    }
  }

  function end(run: SmokeRun, status: SmokeRunReport['status'], failedStep: SmokeStepName | null, message: string): void {
    for (const s of run.report.steps) if (s.status === 'pending') run.update(s.name, { status: 'skipped' });
    const cleanup = run.report.cleanup;
    run.finish({ status, failedStep, message: cleanup ? `${message}; cleanup: ${cleanup.message}` : message });
  }

  return {
    async start({ pipeline: id, records, timeoutMs, register = false, cleanup = 'keep' }) {
      const pipeline = await getPipeline(deps.files, deps.schemaFiles, id);
      const runId = newRunId();
      const run = newSmokeRun({
        runId,
        pipeline: pipeline.id,
        topic: pipeline.topic,
        table: `${pipeline.database}.${pipeline.table}`,
        records,
        timeoutMs,
      });
      run.report.cleanupMode = cleanup;
      run.report.cleanup = null;
      store.add(run);
      const state: RunState = {};
      const options = { register, cleanup };
      void execute(run, { deps, pipeline, run, runId, records, timeoutMs, options, signal: run.signal, state }).catch((error: unknown) => {
        // A bug in the runner itself: the run must still end.
        if (!run.done) end(run, 'failed', null, `internal error: ${(error as Error).message}`);
      });
      return run;
    },
    get: found,
    list: () => store.list().map((run) => summaryOf(run.report)),
    cancel: (runId) => found(runId).abort(new AppError(499, 'SMOKE_RUN_CANCELLED', 'cancelled')),
    async removeRows(runId, confirm) {
      const run = found(runId);
      const next = (removals.get(runId) ?? Promise.resolve()).catch(() => undefined).then(() => removeAndRecord(run, confirm));
      removals.set(runId, next);
      void next
        .catch(() => undefined)
        .finally(() => {
          if (removals.get(runId) === next) removals.delete(runId);
        });
      return next;
    },
    close: () => store.close(new AppError(499, 'SMOKE_RUN_CANCELLED', 'panel shutting down')),
  };
}
