import type { FastifyReply, FastifyRequest } from 'fastify';

export interface SseChannel {
  send(event: string, data: unknown): void;
  comment(text: string): void;
  close(): void;
  /** Resolves when the client disconnects or close() was called. */
  closed: Promise<void>;
  isClosed(): boolean;
}

/** Takes over the response as a Server-Sent Events stream. */
export function openSse(request: FastifyRequest, reply: FastifyReply): SseChannel {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // Stops reverse proxies (nginx) from buffering the stream.
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  let closed = false;
  let resolveClosed!: () => void;
  const closedPromise = new Promise<void>((resolve) => (resolveClosed = resolve));
  const markClosed = () => {
    if (closed) return;
    closed = true;
    resolveClosed();
  };
  request.raw.once('close', markClosed);
  res.once('close', markClosed);
  return {
    send(event, data) {
      if (closed) return;
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    comment(text) {
      if (!closed) res.write(`: ${text}\n\n`);
    },
    close() {
      if (!closed) res.end();
      markClosed();
    },
    closed: closedPromise,
    isClosed: () => closed,
  };
}
