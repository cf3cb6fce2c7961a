import type { FastifyInstance } from 'fastify';
import type { ResetPlan, ResetReport, ResetStep, StartResetResponse } from '../contracts/reset.ts';
import { AppError } from '../errors/app-error.ts';
import { streamOperation, type Operation } from '../operations/index.ts';
import type { ResetPort } from '../ports.ts';

const OPERATION_ID = /^reset-[a-z0-9]+-[a-f0-9]+$/;

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
export function resetRoutes(app: FastifyInstance, reset: ResetPort): void {
  app.get('/api/reset/plan', (): Promise<ResetPlan> => reset.plan());

  app.get('/api/reset/latest', (): ResetReport => {
    const latest = reset.latest();
    if (!latest) throw new AppError(404, 'RESET_NOT_FOUND', 'No reset has run since the panel started');
    return latest;
  });

  app.post<{ Body: unknown }>('/api/reset', async (request, reply): Promise<StartResetResponse> => {
    const body = (request.body ?? {}) as { confirm?: unknown; fromScratch?: unknown };
    if (typeof body !== 'object' || Array.isArray(body))
      throw new AppError(400, 'BAD_REQUEST', 'The body must be a JSON object {"confirm": "<project name>"}');
    if (body.fromScratch !== undefined && typeof body.fromScratch !== 'boolean')
      throw new AppError(400, 'BAD_REQUEST', '"fromScratch" must be true or false');
    const started = reset.start(body.confirm, body.fromScratch === true);
    return reply.status(202).send(started);
  });

  app.get<{ Params: { operationId: string } }>('/api/reset/:operationId', (request): ResetReport =>
    found(reset, request.params.operationId).snapshot(),
  );

  app.get<{ Params: { operationId: string } }>('/api/reset/:operationId/events', (request, reply) =>
    streamOperation(request, reply, found(reset, request.params.operationId)),
  );
}
