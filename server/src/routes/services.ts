import type { FastifyInstance } from 'fastify';
import type { LogLine, ServiceAction } from '../contracts/stack.ts';
import { AppError } from '../errors/app-error.ts';
import { openSse } from '../http/sse.ts';
import type { ServicesPort } from '../ports.ts';

export const MAX_TAIL = 5000;
const DEFAULT_TAIL = 200;
const ACTIONS: readonly ServiceAction[] = ['start', 'stop', 'restart'];
const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

interface ServiceParams {
  service: string;
}

export function serviceRoutes(app: FastifyInstance, services: ServicesPort): void {
  app.post<{ Params: ServiceParams & { action: string }; Body: unknown }>('/api/services/:service/:action', async (request) => {
    const { service, action } = request.params;
    if (!ACTIONS.includes(action as ServiceAction)) {
      throw new AppError(404, 'ROUTE_NOT_FOUND', `Unknown action "${action}"; use start, stop or restart`);
    }
    assertServiceName(service);
    if (action === 'stop') {
      const confirm = (request.body as { confirm?: unknown } | undefined)?.confirm;
      if (confirm !== service) {
        throw new AppError(400, 'CONFIRMATION_REQUIRED', `Stopping ${service} needs the JSON body {"confirm":"${service}"}`, {
          expected: { confirm: service },
        });
      }
    }
    return services.action(service, action as ServiceAction);
  });

  app.get<{ Params: ServiceParams; Querystring: Record<string, string | undefined> }>(
    '/api/services/:service/logs',
    async (request, reply) => {
      const { service } = request.params;
      assertServiceName(service);
      const tail = parseTail(request.query.tail);
      const follow = parseFollow(request.query.follow);
      // Resolve the container (404/403/409) before switching to SSE, so errors keep the JSON error shape.
      const pending: LogLine[] = [];
      let forward = (line: LogLine): void => {
        pending.push(line);
      };
      const handle = await services.logs(service, { tail, follow }, (line) => forward(line));
      const sse = openSse(request, reply);
      forward = (line) => sse.send('log', line);
      pending.splice(0).forEach(forward);
      void sse.closed.then(() => handle.close());
      await Promise.race([handle.done, sse.closed]);
      sse.send('end', {});
      sse.close();
      handle.close();
    },
  );
}

function assertServiceName(service: string): void {
  if (!SERVICE_NAME.test(service)) throw new AppError(400, 'BAD_REQUEST', `"${service}" is not a valid service name`);
}

function parseTail(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_TAIL;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n > MAX_TAIL) {
    throw new AppError(400, 'INVALID_TAIL', `tail must be a whole number from 0 to ${MAX_TAIL} (got "${value}")`, { max: MAX_TAIL });
  }
  return n;
}

function parseFollow(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new AppError(400, 'BAD_REQUEST', `follow must be true or false (got "${value}")`);
}
