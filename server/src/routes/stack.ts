import { ErrorResponses, EventStream } from '../contracts/common.ts';
import { FiguresEvent, StackEventsQuery } from '../contracts/lineage.ts';
import { ProbeResults, StackEvent, StackSnapshot } from '../contracts/stack.ts';
import type { PanelApp } from '../http/panel-app.ts';
import { openSse } from '../http/sse.ts';
import type { FiguresPort, ProbePort, StackPort } from '../ports.ts';

export interface StackRouteOptions {
  stack: StackPort;
  probes: ProbePort;
  heartbeatMs: number;
  /** The Pipelines screen's live figures (absent without the pipeline clients). */
  figures?: FiguresPort;
}

const tags = ['stack'];

export function stackRoutes(app: PanelApp, { stack, probes, heartbeatMs, figures }: StackRouteOptions): void {
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
      schema: {
        tags,
        summary: "Live stack changes; with ?figures=true also the Pipelines screen's live figures",
        querystring: StackEventsQuery,
        response: EventStream('Stack changes (and figures when asked); never ends on its own', {
          stack: StackEvent,
          figures: FiguresEvent,
        }),
      },
    },
    async (request, reply) => {
      const snapshot = await stack.snapshot();
      const sse = openSse(request, reply);
      const send = (event: StackEvent) => sse.send('stack', event);
      // Subscribe before the first send so no change between the two is lost.
      const unsubscribe = stack.subscribe(send);
      send({ type: 'snapshot', snapshot });
      // The figures' backfill, then a sample per tick; sampling runs only while such a stream is open.
      const unfollow = request.query.figures && figures ? figures.subscribe((event) => sse.send('figures', event)) : () => {};
      const heartbeat = setInterval(() => send({ type: 'heartbeat', at: new Date().toISOString() }), heartbeatMs);
      await sse.closed;
      clearInterval(heartbeat);
      unfollow();
      unsubscribe();
    },
  );
}
