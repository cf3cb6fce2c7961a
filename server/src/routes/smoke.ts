import { ErrorResponses, EventStream, NoBody } from '../contracts/common.ts';
import {
  CancelSmokeRunResponse,
  CleanupSmokeRunRequest,
  CleanupSmokeRunResponse,
  SmokeRunListResponse,
  SmokeRunParams,
  SmokeRunReport,
  SmokeStep,
  StartSmokeRunRequest,
  StartSmokeRunResponse,
} from '../contracts/smoke.ts';
import type { PanelApp } from '../http/panel-app.ts';
import { streamOperation } from '../operations/index.ts';
import type { PipelinePort } from '../ports.ts';
import type { SchemaFiles } from '../pipelines/schema-files.ts';
import { createSmokeRunner, RECORDS, TIMEOUT_MS, type SmokeDeps, type SmokeRunner } from '../smoke/index.ts';
import { setPipelineErrorHandler } from './pipeline-scope.ts';
import { pipelineListRoutes } from './pipelines.ts';

const tags = ['smoke'];

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
  /** A runner made elsewhere (the routes' unit tests); default: createSmokeRunner over the port and the options above. */
  runner?: SmokeRunner;
}

/** Pipelines, contract check and smoke runs, in one scope whose 503s carry the services' fix hints. */
export async function smokeRoutes(app: PanelApp, port: PipelinePort, options: SmokeOptions): Promise<SmokeRunner> {
  const runner =
    options.runner ??
    createSmokeRunner(
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
  await app.register(async (scope: PanelApp) => {
    setPipelineErrorHandler(scope, port.hints ?? {});
    pipelineListRoutes(scope, { ...port, schemaFiles: options.schemaFiles });

    scope.post(
      '/api/smoke-runs',
      {
        schema: {
          tags,
          summary: "Start a pipeline's end-to-end smoke test",
          body: StartSmokeRunRequest,
          response: { 202: StartSmokeRunResponse, ...ErrorResponses },
        },
      },
      async (request, reply) => {
        const { pipeline, records = RECORDS.default, timeoutMs = TIMEOUT_MS.default, register = false, cleanup = 'keep' } = request.body;
        const run = await runner.start({ pipeline, records, timeoutMs, register, cleanup });
        return reply.status(202).send({ runId: run.report.runId });
      },
    );

    scope.get(
      '/api/smoke-runs',
      { schema: { tags, summary: 'Smoke runs kept in memory', response: { 200: SmokeRunListResponse, ...ErrorResponses } } },
      (): SmokeRunListResponse => ({ runs: runner.list() }),
    );

    scope.get(
      '/api/smoke-runs/:runId',
      { schema: { tags, summary: "A smoke run's report", params: SmokeRunParams, response: { 200: SmokeRunReport, ...ErrorResponses } } },
      (request): SmokeRunReport => runner.get(request.params.runId).snapshot(),
    );

    scope.post(
      '/api/smoke-runs/:runId/cancel',
      {
        schema: {
          tags,
          summary: 'Cancel a running smoke run',
          params: SmokeRunParams,
          body: NoBody,
          response: { 200: CancelSmokeRunResponse, ...ErrorResponses },
        },
      },
      (request): CancelSmokeRunResponse => ({ runId: request.params.runId, cancelled: runner.cancel(request.params.runId) }),
    );

    scope.post(
      '/api/smoke-runs/:runId/cleanup',
      {
        schema: {
          tags,
          summary: "Remove a finished smoke run's rows from its table (confirm with the run id; idempotent)",
          params: SmokeRunParams,
          body: CleanupSmokeRunRequest,
          response: { 200: CleanupSmokeRunResponse, ...ErrorResponses },
        },
      },
      async (request): Promise<CleanupSmokeRunResponse> => ({
        runId: request.params.runId,
        ...(await runner.removeRows(request.params.runId, request.body.confirm)),
      }),
    );

    const events = EventStream('Steps, then `done`', { step: SmokeStep, done: SmokeRunReport });
    scope.get(
      '/api/smoke-runs/:runId/events',
      { schema: { tags, summary: "A smoke run's steps as they happen", params: SmokeRunParams, response: events } },
      (request, reply) => streamOperation(request, reply, runner.get(request.params.runId)),
    );
  });
  return runner;
}
