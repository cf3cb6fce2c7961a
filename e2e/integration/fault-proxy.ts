/**
 * Fault injection for a real service: an HTTP proxy on loopback in front of it that forwards every request, except
 * those a rule matches — their connection is cut, as when the service stops mid-way. The service behind is the
 * harness's own; only the cut is staged.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';

export interface FaultProxy {
  /** The proxy's URL with the target's path (e.g. http://127.0.0.1:N/apis/ccompat/v6). */
  url: string;
  /** Cut the connection of requests matching `rule` (null: forward everything). */
  refuse(rule: ((req: IncomingMessage) => boolean) | null): void;
  /** How many requests were cut. */
  readonly refused: number;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const base = new URL(target);
  let rule: ((req: IncomingMessage) => boolean) | null = null;
  let refused = 0;
  const server: Server = createServer((req, res) => {
    if (rule?.(req)) {
      refused++;
      req.socket.destroy();
      return;
    }
    const upstream = httpRequest(
      { hostname: base.hostname, port: base.port, method: req.method, path: req.url, headers: { ...req.headers, host: base.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  return {
    url: `http://127.0.0.1:${port}${base.pathname.replace(/\/$/, '')}`,
    refuse(next) {
      rule = next;
    },
    get refused() {
      return refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
