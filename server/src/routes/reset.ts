import { ErrorResponses, EventStream } from '../contracts/common.ts';
import { ResetOperationParams, ResetPlan, ResetReport, ResetStep, StartResetRequest, StartResetResponse } from '../contracts/reset.ts';
import { AppError } from '../errors/app-error.ts';
import type { PanelApp } from '../http/panel-app.ts';
import { streamOperation, type Operation } from '../operations/index.ts';
import type { ResetPort } from '../ports.ts';

const OPERATION_ID = /^reset-[a-z0-9]+-[a-f0-9]+$/;
const tags = ['reset'];

function found(reset: ResetPort, operationId: string): Operation<ResetStep, ResetReport> {
  const operation = OPERATION_ID.test(operationId) ? reset.operation(operationId) : null;
  if (!operation)
    throw new AppError(
      404,
      'RESET_NOT_FOUND',
      `No reset operation "${operationId}" (the panel keeps the last few in memory until it restarts)`,
    );
  return operation;
}

/** Reset of the project's volumes: the plan, the operation (POST), its report and its live steps (SSE). */
export function resetRoutes(app: PanelApp, reset: ResetPort): void {
  app.get(
    '/api/reset/plan',
    { schema: { tags, summary: 'Exactly what a reset deletes, keeps and brings back', response: { 200: ResetPlan, ...ErrorResponses } } },
    (): Promise<ResetPlan> => reset.plan(),
  );

  app.get(
    '/api/reset/latest',
    { schema: { tags, summary: 'The last reset since the panel started', response: { 200: ResetReport, ...ErrorResponses } } },
    (): ResetReport => {
      const latest = reset.latest();
      if (!latest) throw new AppError(404, 'RESET_NOT_FOUND', 'No reset has run since the panel started');
      return latest;
    },
  );

  app.post(
    '/api/reset',
    {
      schema: {
        tags,
        summary: 'Delete the project’s data and bring the stack back (type the project name to confirm)',
        body: StartResetRequest,
        response: { 202: StartResetResponse, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const started = reset.start(request.body.confirm, request.body.fromScratch === true);
      return reply.status(202).send(started);
    },
  );

  app.get(
    '/api/reset/:operationId',
    { schema: { tags, summary: "A reset's report", params: ResetOperationParams, response: { 200: ResetReport, ...ErrorResponses } } },
    (request): ResetReport => found(reset, request.params.operationId).snapshot(),
  );

  app.get(
    '/api/reset/:operationId/events',
    {
      schema: {
        tags,
        summary: "A reset's steps as they happen",
        params: ResetOperationParams,
        response: EventStream('Steps, then `done`', { step: ResetStep, done: ResetReport }),
      },
    },
    (request, reply) => streamOperation(request, reply, found(reset, request.params.operationId)),
  );
}
