import type { PipelineRef, SmokeCleanupMode, SmokeRunReport, SmokeStepName } from '../contracts/smoke.ts';
import { AppError } from '../errors/app-error.ts';
import { getPipeline } from '../pipelines/index.ts';
import type { RunState, SmokeDeps, StepContext, StepFn } from './context.ts';
import { removeRunRows, whatStays } from './cleanup.ts';
import { toFailure } from './failure.ts';
import { newReport, newRunId, SmokeRun, STEP_ORDER } from './run.ts';
import { SmokeRunStore } from './run-store.ts';
import { arriveStep } from './steps/arrive.ts';
import { compareStep } from './steps/compare.ts';
import { contractStep } from './steps/contract.ts';
import { deliveryStep } from './steps/delivery.ts';
import { produceStep } from './steps/produce.ts';
import { schemaStep } from './steps/schema.ts';

export const RECORDS = { min: 1, max: 100_000, default: 100 } as const;
export const TIMEOUT_MS = { min: 5_000, max: 600_000, default: 60_000 } as const;

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
  get(runId: string): SmokeRun | undefined;
  list(): ReturnType<SmokeRunStore['summaries']>;
  /** Aborts a running run at its current step; false when it had already finished (or is unknown: 404). */
  cancel(runId: string): boolean;
  /** Cancels every running run and waits for them to settle (server shutdown). */
  close(): Promise<void>;
}

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
  const store = new SmokeRunStore(options.maxRuns ?? 20);

  async function execute(run: SmokeRun, ctxBase: Omit<StepContext, 'progress'>): Promise<void> {
    const outcome = await runSteps(run, ctxBase);
    await cleanUp(run, ctxBase, outcome.status);
    end(run, outcome.status, outcome.step, outcome.message);
  }

  async function runSteps(
    run: SmokeRun,
    ctxBase: Omit<StepContext, 'progress'>,
  ): Promise<{ status: SmokeRunReport['status']; step: SmokeStepName | null; message: string }> {
    const { report } = run;
    for (const name of STEP_ORDER) {
      if (name === 'report') break;
      const started = Date.now();
      const ctx: StepContext = { ...ctxBase, progress: (detail) => run.update(name, { detail }) };
      run.update(name, { status: 'running', startedAt: new Date(started).toISOString(), detail: '' });
      try {
        if (run.signal.aborted) throw run.signal.reason;
        const detail = await STEPS[name](ctx);
        if (run.signal.aborted) throw run.signal.reason;
        run.update(name, { status: 'ok', durationMs: Date.now() - started, detail });
      } catch (error) {
        const durationMs = Date.now() - started;
        if (run.signal.aborted) {
          run.update(name, {
            status: 'cancelled',
            durationMs,
            detail: `${run.step(name).detail ? `${run.step(name).detail}; ` : ''}cancelled`,
          });
          return { status: 'cancelled', step: name, message: `Cancelled during "${run.step(name).title}"` };
        }
        const failure = toFailure(error, STEP_SERVICE[name], deps.hints ?? {});
        run.update(name, { status: 'failed', durationMs, failure, detail: run.step(name).detail });
        return { status: 'failed', step: name, message: `${run.step(name).title} failed (${failure.service}): ${failure.message}` };
      }
    }
    const summary =
      `${report.records} record(s) produced to ${report.topic} arrived in ${report.table} via ${report.delivery?.via ?? '?'} ` +
      `and equal their records field by field`;
    run.update('report', { status: 'ok', startedAt: new Date().toISOString(), durationMs: 0, detail: summary });
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

  function end(run: SmokeRun, status: SmokeRunReport['status'], step: SmokeStepName | null, message: string): void {
    for (const s of run.report.steps) if (s.status === 'pending') run.update(s.name, { status: 'skipped' });
    run.report.status = status;
    run.report.failedStep = step;
    run.report.message = run.report.cleanup ? `${message}; cleanup: ${run.report.cleanup.message}` : message;
    run.finish();
  }

  return {
    async start({ pipeline: id, records, timeoutMs, register = false, cleanup = 'keep' }) {
      const pipeline = await getPipeline(deps.files, deps.schemaFiles, id);
      const runId = newRunId();
      const run = new SmokeRun(
        newReport({
          runId,
          pipeline: pipeline.id,
          topic: pipeline.topic,
          table: `${pipeline.database}.${pipeline.table}`,
          records,
          timeoutMs,
        }),
      );
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
    get: (runId) => store.get(runId),
    list: () => store.summaries(),
    cancel(runId) {
      const run = store.get(runId);
      if (!run)
        throw new AppError(404, 'SMOKE_RUN_NOT_FOUND', `No smoke run "${runId}" (runs are kept in memory; the panel keeps the last ones)`);
      if (run.done) return false;
      run.controller.abort(new AppError(499, 'SMOKE_RUN_CANCELLED', 'cancelled'));
      return true;
    },
    async close() {
      const running = store.running();
      for (const run of running) run.controller.abort(new AppError(499, 'SMOKE_RUN_CANCELLED', 'panel shutting down'));
      await Promise.all(running.map((r) => r.finished));
    },
  };
}
