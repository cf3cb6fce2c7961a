import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import type { PanelConfigResponse } from './contracts/stack.ts';
import {
  clientErrorHandler,
  MAX_BODY_BYTES,
  MAX_PARAM_LENGTH,
  notFoundBody,
  registerErrorHandlers,
  sendError,
} from './http/error-handler.ts';
import { registerJsonBody } from './http/json-body.ts';
import { lazySerializers } from './http/lazy-serializers.ts';
import { registerOpenApi } from './http/openapi.ts';
import { registerDataAgeHeader, registerRequestLog } from './http/request-log.ts';
import { registerFreshReads } from './http/fresh-read.ts';
import type { PanelApp } from './http/panel-app.ts';
import { validatorCompiler } from './http/validation/compiler.ts';
import type { PipelinePort, ProbePort, ResetPort, ServicesPort, StackPort } from './ports.ts';
import { createLineageService, type LineageDeps } from './services/lineage.ts';
import { invalidateOnChanges, METADATA_READS, ReadCache } from './services/read-cache.ts';
import { healthRoutes } from './routes/health.ts';
import { lineageRoutes } from './routes/lineage.ts';
import { pipelineRoutes } from './routes/pipeline.ts';
import { resetRoutes } from './routes/reset.ts';
import { serviceRoutes } from './routes/services.ts';
import { smokeRoutes, type SmokeOptions } from './routes/smoke.ts';
import { stackRoutes } from './routes/stack.ts';
import { wizardRoutes } from './routes/wizard.ts';
import { setPipelineErrorHandler } from './routes/pipeline-scope.ts';
import { createWizard, type ConnectorDefaults } from './wizard/index.ts';
import { evolutionRoutes } from './routes/evolution.ts';
import { createEvolution } from './services/evolution/index.ts';
import { createSchemaFiles } from './pipelines/index.ts';
import { registerSecurity } from './security/plugin.ts';
import type { SecurityPolicy } from './security/request-guard.ts';

type ValidatorFactory = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']
>;

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
  /**
   * The topic→table wizard and schema evolution, which write into `projectDir` (need `pipeline`; start smoke runs
   * when `smoke` is given too); absent when not given.
   */
  wizard?: { projectDir: string; connectorDefaults?: ConnectorDefaults };
  /** The Pipelines screen's options (needs `pipeline`): schema files for the contract rule, the sink commit interval. */
  lineage?: Omit<LineageDeps, keyof PipelinePort | 'cache'>;
  /** Built web UI; served with an SPA fallback when the directory exists. */
  staticDir?: string | null;
  heartbeatMs?: number;
}

/** Builds the Fastify app from its dependencies (real clients in server.ts, fakes in unit tests). */
export async function buildApp(deps: AppDeps, options: FastifyServerOptions = {}): Promise<PanelApp> {
  const app: PanelApp = Fastify({
    logger: false,
    // One line per request would cost more than a cached read itself; registerRequestLog logs the mutations.
    logController: new LogController({ disableRequestLogging: true }),
    // Both compilers build a route's code on its first request. Fastify's own validator factory (which loads Ajv at
    // start-up) is replaced by the panel's compiler; Fastify calls it with the route definition it documents.
    schemaController: {
      compilersFactory: { buildSerializer: lazySerializers(), buildValidator: (() => validatorCompiler) as unknown as ValidatorFactory },
    },
    ...options,
    bodyLimit: MAX_BODY_BYTES,
    // Legal names are longer than Fastify's default of 100 (topics 249, subjects 255 characters, percent-encoded).
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Malformed URLs and over-long parameters never reach a route: answer them in the panel's shape too.
    frameworkErrors: (error, request, reply) => sendError(error, request, reply),
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  registerErrorHandlers(app);
  registerJsonBody(app);
  registerRequestLog(app);
  registerDataAgeHeader(app);
  registerFreshReads(app);
  registerSecurity(app, deps.security);
  // A POST/PUT/DELETE without a body is read as `{}`, so its schema says which field is missing.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.method !== 'GET' && request.method !== 'HEAD') request.body = {};
  });
  await registerOpenApi(app);

  healthRoutes(app, { ...deps.info, tokenRequired: deps.security.token !== null });
  const lineage = deps.pipeline ? createLineage(app, deps.pipeline, deps.lineage ?? { schemaFiles: deps.smoke?.schemaFiles }) : undefined;
  stackRoutes(app, { stack: deps.stack, probes: deps.probes, heartbeatMs: deps.heartbeatMs ?? 15_000, figures: lineage?.sampler });
  serviceRoutes(app, deps.services);
  if (deps.pipeline) await pipelineRoutes(app, deps.pipeline);
  if (deps.pipeline && lineage) {
    const hints = deps.pipeline.hints ?? {};
    await app.register(async (scope: PanelApp) => {
      setPipelineErrorHandler(scope, hints);
      lineageRoutes(scope, lineage);
    });
  }
  if (deps.reset) resetRoutes(app, deps.reset);
  const smokeRunner = deps.pipeline && deps.smoke ? await smokeRoutes(app, deps.pipeline, deps.smoke) : undefined;
  if (deps.pipeline && deps.wizard) {
    const { hints, ...clients } = deps.pipeline;
    const wizard = createWizard({ ...clients, ...deps.wizard, smoke: smokeRunner });
    const evolution = createEvolution({
      ...clients,
      projectDir: deps.wizard.projectDir,
      schemaFiles: deps.smoke?.schemaFiles ?? createSchemaFiles(deps.wizard.projectDir),
      smoke: smokeRunner,
    });
    app.addHook('onClose', () => Promise.all([wizard.close(), evolution.close()]).then(() => undefined));
    await app.register(async (scope: PanelApp) => {
      setPipelineErrorHandler(scope, hints ?? {});
      wizardRoutes(scope, wizard);
      evolutionRoutes(scope, evolution);
    });
  }

  const ui = deps.staticDir && existsSync(join(deps.staticDir, 'index.html')) ? deps.staticDir : null;
  if (ui) await app.register((await import('@fastify/static')).default, { root: ui, wildcard: false, index: ['index.html'] });

  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && request.url !== '/api';
    if (ui && isPage) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return reply.status(404).send(notFoundBody(request.method, request.url));
  });
  return app;
}

/** The Pipelines screen's service, with its own read cache (dropped on the clients' announced writes). */
function createLineage(app: PanelApp, port: PipelinePort, options: NonNullable<AppDeps['lineage']>) {
  const cache = new ReadCache(METADATA_READS);
  const stopFollowing = invalidateOnChanges(cache, port.changes);
  const lineage = createLineageService({ ...port, ...options, cache });
  app.addHook('onClose', async () => {
    stopFollowing();
    await lineage.close();
  });
  return lineage;
}
