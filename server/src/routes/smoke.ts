import type { FastifyInstance } from 'fastify';
import type {
  CancelSmokeRunResponse,
  SmokeCleanupMode,
  SmokeRunListResponse,
  SmokeRunReport,
  StartSmokeRunResponse,
} from '../contracts/smoke.ts';
import { AppError } from '../errors/app-error.ts';
import { openSse } from '../http/sse.ts';
import type { PipelinePort } from '../ports.ts';
import type { SchemaFiles } from '../pipelines/schema-files.ts';
import { createSmokeRunner, RECORDS, TIMEOUT_MS, type SmokeDeps, type SmokeRunner } from '../smoke/index.ts';
import { objectBody, setPipelineErrorHandler } from './pipeline-scope.ts';
import { pipelineListRoutes } from './pipelines.ts';

export interface SmokeOptions {
  /** connectors/*.avsc of the project. */
  schemaFiles: SchemaFiles;
  /** Finished runs kept in memory; default 20. */
  maxRuns?: number;
  /** How often the arrive step counts rows; default 1000 ms. */
  pollIntervalMs?: number;
  /** The Connect worker's offset.flush.interval.ms (SmokeDeps.sinkCommitIntervalMs). */
  sinkCommitIntervalMs?: number;
  /** A compose service's log lines, for quoting Connect's errors when a sink is stuck (SmokeDeps.serviceLogs). */
  serviceLogs?: SmokeDeps['serviceLogs'];
}

const CLEANUP_MODES: SmokeCleanupMode[] = ['keep', 'after-pass', 'always'];

function intIn(value: unknown, name: string, range: { min: number; max: number; default: number }): number {
  if (value === undefined) return range.default;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
    throw new AppError(
      400,
      'VALIDATION_FAILED',
      `${name} must be an integer from ${range.min} to ${range.max} (got ${JSON.stringify(value)}); nothing was started`,
      { field: name },
    );
  }
  return value;
}

/** Pipelines, contract check and smoke runs, in one scope whose 503s carry the services' fix hints. */
export async function smokeRoutes(app: FastifyInstance, port: PipelinePort, options: SmokeOptions): Promise<SmokeRunner> {
  const runner = createSmokeRunner(
    {
      ...port,
      schemaFiles: options.schemaFiles,
      pollIntervalMs: options.pollIntervalMs,
      sinkCommitIntervalMs: options.sinkCommitIntervalMs,
      serviceLogs: options.serviceLogs,
    },
    { maxRuns: options.maxRuns },
  );
  app.addHook('onClose', () => runner.close());
  const found = (runId: string) => {
    const run = runner.get(runId);
    if (!run)
      throw new AppError(
        404,
        'SMOKE_RUN_NOT_FOUND',
        `No smoke run "${runId}" (runs live in the panel's memory; it keeps the last ${options.maxRuns ?? 20})`,
        { runId },
      );
    return run;
  };

  await app.register(async (scope) => {
    setPipelineErrorHandler(scope, port.hints ?? {});
    pipelineListRoutes(scope, { ...port, schemaFiles: options.schemaFiles });

    scope.post('/api/smoke-runs', async (request, reply): Promise<StartSmokeRunResponse> => {
      const body = objectBody(request.body, '{"pipeline": "orders-clickhouse-sink", "records": 100, "timeoutMs": 60000}');
      if (typeof body.pipeline !== 'string' || body.pipeline === '') {
        throw new AppError(400, 'VALIDATION_FAILED', 'pipeline is required: the id from GET /api/pipelines; nothing was started', {
          field: 'pipeline',
        });
      }
      const records = intIn(body.records, 'records', RECORDS);
      const timeoutMs = intIn(body.timeoutMs, 'timeoutMs', TIMEOUT_MS);
      if (body.register !== undefined && typeof body.register !== 'boolean') {
        throw new AppError(400, 'VALIDATION_FAILED', 'register must be true or false; nothing was started', { field: 'register' });
      }
      if (body.cleanup !== undefined && !CLEANUP_MODES.includes(body.cleanup as SmokeCleanupMode)) {
        throw new AppError(400, 'VALIDATION_FAILED', `cleanup must be one of ${CLEANUP_MODES.join(', ')}; nothing was started`, {
          field: 'cleanup',
        });
      }
      const run = await runner.start({
        pipeline: body.pipeline,
        records,
        timeoutMs,
        register: body.register === true,
        cleanup: (body.cleanup as SmokeCleanupMode | undefined) ?? 'keep',
      });
      reply.status(202);
      return { runId: run.report.runId };
    });

    scope.get('/api/smoke-runs', (): SmokeRunListResponse => ({ runs: runner.list() }));

    scope.get<{ Params: { runId: string } }>('/api/smoke-runs/:runId', (request): SmokeRunReport => found(request.params.runId).snapshot());

    scope.post<{ Params: { runId: string } }>('/api/smoke-runs/:runId/cancel', (request): CancelSmokeRunResponse => ({
      runId: request.params.runId,
      cancelled: runner.cancel(request.params.runId),
    }));

    scope.get<{ Params: { runId: string } }>('/api/smoke-runs/:runId/events', async (request, reply) => {
      const run = found(request.params.runId);
      const sse = openSse(request, reply);
      // Replay and subscribe in the same tick, so no step update falls between them.
      const snapshot = run.snapshot();
      for (const step of snapshot.steps) if (step.status !== 'pending') sse.send('step', step);
      if (run.done) {
        sse.send('done', snapshot);
        sse.close();
        return;
      }
      const unsubscribe = run.subscribe((event) => {
        if (event.type === 'step') sse.send('step', event.step);
        else {
          sse.send('done', event.report);
          sse.close();
        }
      });
      const heartbeat = setInterval(() => sse.comment('heartbeat'), 15_000);
      await sse.closed;
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
  return runner;
}
