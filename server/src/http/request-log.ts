import type { PanelApp } from './panel-app.ts';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Request logging that costs less than the request: Fastify's line per request is off (`disableRequestLogging`), so
 * reads — polled by every open screen — log nothing when they succeed; their failures are logged by the error
 * handler. Every mutation gets one line with its outcome and duration.
 */
export function registerRequestLog(app: PanelApp): void {
  app.addHook('onResponse', async (request, reply) => {
    if (READS.has(request.method)) return;
    request.log.info(
      { method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'mutation answered',
    );
  });
}

/** Responses carrying `fetchedAt` (cached reads) also say their age in a header, for scripts and proxies. */
export function registerDataAgeHeader(app: PanelApp): void {
  app.addHook('preSerialization', async (_request, reply, payload) => {
    const fetchedAt = (payload as { fetchedAt?: unknown } | null)?.fetchedAt;
    if (typeof fetchedAt === 'string') reply.header('x-data-age-ms', String(Math.max(0, Date.now() - Date.parse(fetchedAt))));
    return payload;
  });
}
