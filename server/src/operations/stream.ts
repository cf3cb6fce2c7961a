import type { FastifyReply, FastifyRequest } from 'fastify';
import { openSse, type SseChannel } from '../http/sse.ts';
import type { Operation, OperationEvent, OperationReport, OperationStep } from './operation.ts';

export const HEARTBEAT_MS = 15_000;

/**
 * Streams an operation over an SSE channel: every step as it is now (`step` events), then every later change, then
 * `done` with the final report, and the channel ends. It subscribes before it takes the snapshot and holds back
 * what arrives while replaying, sending only events newer than the snapshot: nothing is lost, nothing is sent
 * stale. A comment every `heartbeatMs` keeps proxies from closing an idle stream; a client that goes away just
 * unsubscribes.
 */
export async function pipeOperation<Step extends OperationStep, Report extends OperationReport<Step>>(
  channel: SseChannel,
  operation: Operation<Step, Report>,
  heartbeatMs = HEARTBEAT_MS,
): Promise<void> {
  let finished!: () => void;
  const over = new Promise<void>((resolve) => (finished = resolve));
  const send = (event: OperationEvent<Step, Report>) => {
    if (event.type === 'step') return channel.send('step', event.step);
    channel.send('done', event.report);
    finished();
  };
  let held: [OperationEvent<Step, Report>, number][] | null = [];
  const unsubscribe = operation.subscribe((event, seq) => (held ? held.push([event, seq]) : send(event)));
  const heartbeat = setInterval(() => channel.comment('heartbeat'), heartbeatMs);
  try {
    const seen = operation.seq;
    const wasDone = operation.done;
    const snapshot = operation.snapshot();
    for (const step of snapshot.steps) channel.send('step', step);
    if (wasDone) send({ type: 'done', report: snapshot });
    const later = held.filter(([, seq]) => seq > seen);
    held = null;
    for (const [event] of later) send(event);
    await Promise.race([over, channel.closed]);
  } finally {
    clearInterval(heartbeat);
    unsubscribe();
    channel.close();
  }
}

/** The route side: takes over the response as an SSE stream of the operation (see pipeOperation). */
export function streamOperation<Step extends OperationStep, Report extends OperationReport<Step>>(
  request: FastifyRequest,
  reply: FastifyReply,
  operation: Operation<Step, Report>,
  heartbeatMs = HEARTBEAT_MS,
): Promise<void> {
  return pipeOperation(openSse(request, reply), operation, heartbeatMs);
}
