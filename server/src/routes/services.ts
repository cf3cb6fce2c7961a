import { Type } from 'typebox';
import { ErrorResponses, EventStream } from '../contracts/common.ts';
import { ErrorCode } from '../contracts/error-codes.ts';
import {
  LogLine,
  ServiceActionBody,
  ServiceActionParams,
  ServiceActionResult,
  ServiceLogsParams,
  ServiceLogsQuery,
} from '../contracts/stack.ts';
import { AppError } from '../errors/app-error.ts';
import type { PanelApp } from '../http/panel-app.ts';
import { openSse } from '../http/sse.ts';
import type { ServicesPort } from '../ports.ts';

const tags = ['stack'];

export function serviceRoutes(app: PanelApp, services: ServicesPort): void {
  app.post(
    '/api/services/:service/:action',
    {
      schema: {
        tags,
        summary: 'Start, stop or restart a service (stop: type its name to confirm)',
        params: ServiceActionParams,
        body: ServiceActionBody,
        response: { 200: ServiceActionResult, ...ErrorResponses },
      },
    },
    async ({ params: { service, action }, body }) => {
      if (action === 'stop' && body.confirm !== service) {
        throw new AppError(
          400,
          'CONFIRMATION_REQUIRED',
          `Stopping ${service} needs the JSON body {"confirm":"${service}"}; nothing was stopped`,
          {
            expected: { confirm: service },
          },
        );
      }
      return services.action(service, action);
    },
  );

  app.get(
    '/api/services/:service/logs',
    {
      schema: {
        tags,
        summary: "A service's log lines, then new ones as they come (follow=true)",
        params: ServiceLogsParams,
        querystring: ServiceLogsQuery,
        response: EventStream('Log lines; `end` when the tail is done or the container stopped', {
          log: LogLine,
          end: Type.Object({}, { description: '{} (the stream is over)' }),
          'log-error': Type.Object({ code: ErrorCode }, { description: 'an ApiErrorBody' }),
        }),
      },
    },
    async (request, reply) => {
      const { service } = request.params;
      const { tail = 200, follow = true } = request.query;
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
