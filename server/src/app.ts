import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { PanelConfigResponse } from './contracts/stack.ts';
import { notFoundBody, registerErrorHandlers } from './http/error-handler.ts';
import type { PipelinePort, ProbePort, ResetPort, ServicesPort, StackPort } from './ports.ts';
import { healthRoutes } from './routes/health.ts';
import { pipelineRoutes } from './routes/pipeline.ts';
import { resetRoutes } from './routes/reset.ts';
import { serviceRoutes } from './routes/services.ts';
import { smokeRoutes, type SmokeOptions } from './routes/smoke.ts';
import { stackRoutes } from './routes/stack.ts';
import { wizardRoutes } from './routes/wizard.ts';
import { setPipelineErrorHandler } from './routes/pipeline-scope.ts';
import { createWizard, type ConnectorDefaults } from './wizard/index.ts';
import { registerSecurity } from './security/plugin.ts';
import type { SecurityPolicy } from './security/request-guard.ts';

export interface AppDeps {
  info: Omit<PanelConfigResponse, 'tokenRequired'>;
  security: SecurityPolicy;
  stack: StackPort;
  probes: ProbePort;
  services: ServicesPort;
  /** Schemas, connectors, tables and topics; those routes are absent when not given. */
  pipeline?: PipelinePort;
  /** Reset of the project's volumes; its routes are absent when not given. */
  reset?: ResetPort;
  /** Pipelines, contract check and smoke test (need `pipeline` too); their routes are absent when not given. */
  smoke?: SmokeOptions;
  /** The topic→table wizard (needs `pipeline`; starts smoke runs when `smoke` is given too); absent when not given. */
  wizard?: { projectDir: string; connectorDefaults?: ConnectorDefaults };
  /** Built web UI; served with an SPA fallback when the directory exists. */
  staticDir?: string | null;
  heartbeatMs?: number;
}

/** Builds the Fastify app from its dependencies (real clients in server.ts, fakes in unit tests). */
export async function buildApp(deps: AppDeps, options: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, ...options });
  registerErrorHandlers(app);
  registerSecurity(app, deps.security);

  healthRoutes(app, { ...deps.info, tokenRequired: deps.security.token !== null });
  stackRoutes(app, { stack: deps.stack, probes: deps.probes, heartbeatMs: deps.heartbeatMs ?? 15_000 });
  serviceRoutes(app, deps.services);
  if (deps.pipeline) await pipelineRoutes(app, deps.pipeline);
  if (deps.reset) resetRoutes(app, deps.reset);
  const smokeRunner = deps.pipeline && deps.smoke ? await smokeRoutes(app, deps.pipeline, deps.smoke) : undefined;
  if (deps.pipeline && deps.wizard) {
    const { hints, ...clients } = deps.pipeline;
    const wizard = createWizard({ ...clients, ...deps.wizard, smoke: smokeRunner });
    app.addHook('onClose', () => wizard.close());
    await app.register(async (scope) => {
      setPipelineErrorHandler(scope, hints ?? {});
      wizardRoutes(scope, wizard);
    });
  }

  const ui = deps.staticDir && existsSync(join(deps.staticDir, 'index.html')) ? deps.staticDir : null;
  if (ui) await app.register(fastifyStatic, { root: ui, wildcard: false, index: ['index.html'] });

  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && request.url !== '/api';
    if (ui && isPage) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return reply.status(404).send(notFoundBody(request.method, request.url));
  });
  return app;
}
