import type { FastifyInstance } from 'fastify';
import type { StackEvent } from '../contracts/stack.ts';
import { openSse } from '../http/sse.ts';
import type { ProbePort, StackPort } from '../ports.ts';

export interface StackRouteOptions {
  stack: StackPort;
  probes: ProbePort;
  heartbeatMs: number;
}

export function stackRoutes(app: FastifyInstance, { stack, probes, heartbeatMs }: StackRouteOptions): void {
  app.get('/api/stack', () => stack.snapshot());

  app.get('/api/stack/probes', () => probes.runAll());

  app.get('/api/stack/events', async (request, reply) => {
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
  });
}
