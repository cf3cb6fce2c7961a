import type { FastifyInstance } from 'fastify';
import { checkRequest, type SecurityPolicy } from './request-guard.ts';

/** Applies the Host / Origin / token policy to every request before routing. */
export function registerSecurity(app: FastifyInstance, policy: SecurityPolicy): void {
  app.addHook('onRequest', async (request) => {
    const rejection = checkRequest(request.method, request.headers, policy);
    if (rejection) throw rejection;
  });
}
