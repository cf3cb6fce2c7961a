import { ErrorResponses, EventStream } from '../contracts/common.ts';
import { ProbeResults, StackEvent, StackSnapshot } from '../contracts/stack.ts';
import type { PanelApp } from '../http/panel-app.ts';
import { openSse } from '../http/sse.ts';
import type { ProbePort, StackPort } from '../ports.ts';

export interface StackRouteOptions {
  stack: StackPort;
  probes: ProbePort;
  heartbeatMs: number;
}

const tags = ['stack'];

export function stackRoutes(app: PanelApp, { stack, probes, heartbeatMs }: StackRouteOptions): void {
  app.get(
    '/api/stack',
    {
      schema: {
        tags,
        summary: 'Declared services, containers, health and start-up order',
        response: { 200: StackSnapshot, ...ErrorResponses },
      },
    },
    () => stack.snapshot(),
  );

  app.get(
    '/api/stack/probes',
    { schema: { tags, summary: "Probe each of the stack's services", response: { 200: ProbeResults, ...ErrorResponses } } },
    () => probes.runAll(),
  );

  app.get(
    '/api/stack/events',
    {
      schema: { tags, summary: 'Live stack changes', response: EventStream('Stack changes; never ends on its own', { stack: StackEvent }) },
    },
    async (request, reply) => {
      const snapshot = await stack.snapshot();
      const sse = openSse(request, reply);
      const send = (event: StackEvent) => sse.send('stack', event);
      // Subscribe before the first send so no change between the two is lost.
      const unsubscribe = stack.subscribe(send);
      send({ type: 'snapshot', snapshot });
      const heartbeat = setInterval(() => send({ type: 'heartbeat', at: new Date().toISOString() }), heartbeatMs);
      await sse.closed;
      clearInterval(heartbeat);
      unsubscribe();
    },
  );
}
