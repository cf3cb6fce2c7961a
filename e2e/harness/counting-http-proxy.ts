/**
 * A loopback HTTP proxy in front of one of the harness services (registry, Connect, ClickHouse) that counts the
 * requests reaching that service — how the integration tier proves the panel's reads are shared — and can be cut
 * (listener closed, open connections destroyed: the service looks down) and restored on the same port.
 */
import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface CountingHttpProxy {
  /** The target URL with the proxy's origin (a path prefix such as /apis/ccompat/v6 is kept). */
  url: string;
  /** "GET /subjects" → how many such requests reached the service since the last reset. */
  counts(): Map<string, number>;
  total(): number;
  reset(): void;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * What identifies one call: method, path and query without ClickHouse's per-request `query_id`, and the start of the
 * body (ClickHouse's query text is the POST body).
 */
export function callKey(method: string, url: string, body: Buffer): string {
  const parsed = new URL(url, 'http://proxy');
  parsed.searchParams.delete('query_id');
  const text = body.toString('utf8').replace(/\s+/g, ' ').trim();
  return `${method} ${parsed.pathname}${parsed.search}${text ? ` ${text.slice(0, 100)}` : ''}`;
}

export async function startCountingHttpProxy(targetUrl: string): Promise<CountingHttpProxy> {
  const target = new URL(targetUrl);
  const agent = new Agent({ keepAlive: true });
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const key = callKey(req.method ?? 'GET', req.url ?? '/', body);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
          agent,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  };
  let server: Server = createServer(forward);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server = createServer(forward);
      server.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  const port = await listen(0);
  const stop = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    url: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    counts: () => new Map(counts),
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    reset: () => counts.clear(),
    cut: stop,
    restore: async () => void (await listen(port)),
    close: async () => {
      await stop();
      agent.destroy();
    },
  };
}
