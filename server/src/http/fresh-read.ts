/**
 * A request sent with `Cache-Control: no-cache` (a screen's Refresh button) wants the service's answer of now, not the
 * read cache's: someone changed the data outside the panel. The flag travels with the request's async context, so the
 * read cache can honour it without every service and route passing it along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';

const freshReads = new AsyncLocalStorage<boolean>();

export function freshReadRequested(): boolean {
  return freshReads.getStore() === true;
}

export function wantsFreshRead(cacheControl: string | string[] | undefined): boolean {
  const value = Array.isArray(cacheControl) ? cacheControl.join(',') : (cacheControl ?? '');
  return /(^|,)\s*(no-cache|max-age\s*=\s*0)\s*(,|$)/i.test(value);
}

/** Runs each request asking for a fresh read inside that context (callback hook: the context spans the handler). */
export function registerFreshReads(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.method === 'GET' && wantsFreshRead(request.headers['cache-control'])) freshReads.run(true, done);
    else done();
  });
}

/** For tests and callers outside a request. */
export function withFreshRead<T>(fn: () => T): T {
  return freshReads.run(true, fn);
}
