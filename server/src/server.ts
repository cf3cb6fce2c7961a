import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { ComposeSource } from './compose/source.ts';
import { loadConfig, type PanelConfig } from './config.ts';
import { createProjectDocker, createStackMonitor } from './docker/index.ts';
import { isAppError } from './errors/app-error.ts';
import { createUpstreamChanges } from './http/upstream-changes.ts';
import { closeStackClients, createProbeRunner, createStackClients } from './probes/index.ts';
import { createSchemaFiles } from './pipelines/index.ts';
import { createRepoFiles } from './repo-files/index.ts';
import { detectSelfContainerIds, readResetSettings, ResetService } from './reset/index.ts';
import type { ServicesPort } from './ports.ts';
import { remoteModeInfo, remoteReset, remoteServices, remoteStack } from './services/remote-mode.ts';

/** The fix shown when a stack service cannot be reached (service names from docker-compose.yml). */
function fix(config: PanelConfig, service: string, setting: string): string {
  if (config.mode === 'remote') return `Check that it is up and reachable from the panel, and ${setting}`;
  return `Start it with \`docker compose up -d ${service}\` and check \`docker compose logs ${service}\`, or point ${setting} at it`;
}

function readConfig(): PanelConfig {
  try {
    return loadConfig();
  } catch (error) {
    console.error(isAppError(error) ? error.message : error);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  let app: FastifyInstance | null = null;
  const compose = new ComposeSource(config.composePath, config.projectDir, { log: { warn: (obj, msg) => app?.log.warn(obj, msg) } });
  const projectDocker = createProjectDocker(config, compose);
  // The clients announce every write they send here; the read caches drop what they hold of that service.
  const changes = createUpstreamChanges();
  const clients = createStackClients(config, changes);
  const files = createRepoFiles(config.projectDir, { variant: config.fileVariant });
  const reset = new ResetService({
    target: { project: config.project, projectDir: config.projectDir, composePath: config.composePath },
    projectDocker,
    declared: async () => (await compose.model()).services,
    bootstrap: { projectDir: config.projectDir, files, ...clients },
    settings: readResetSettings(),
    selfIds: detectSelfContainerIds(),
    log: { error: (obj, msg) => app?.log.error(obj, msg) },
  });
  const monitor = createStackMonitor(projectDocker, compose, config.composePath, {
    warn: (obj, msg) => app?.log.warn(obj, msg),
    info: (obj, msg) => app?.log.info(obj, msg),
  });

  const remote = config.mode === 'remote';
  const remoteServicesPort = remoteServices(config.modeReason);
  const servicesPort: ServicesPort = remote
    ? remoteServicesPort
    : {
        action: async (service, action) => {
          const result = await projectDocker.serviceAction(service, action);
          await monitor.refreshNow();
          return result;
        },
        logs: (service, options, onLine) => projectDocker.serviceLogs(service, options, onLine),
      };

  app = await buildApp(
    {
      info: { project: config.project, composeFile: config.composePath, ...(remote ? { remote: remoteModeInfo(config) } : {}) },
      security: { allowedHosts: config.allowedHosts, allowedOrigins: config.allowedOrigins, token: config.token },
      stack: remote ? remoteStack(config.project, config.composePath) : monitor,
      probes: createProbeRunner(config, clients, changes),
      services: servicesPort,
      pipeline: {
        ...clients,
        files,
        changes,
        hints: {
          Kafka: fix(config, 'kafka', 'PANEL_KAFKA_BROKERS'),
          'Schema Registry': fix(config, 'schema-registry', 'PANEL_SCHEMA_REGISTRY_URL'),
          'Kafka Connect': fix(config, 'connect', 'PANEL_CONNECT_URL'),
          ClickHouse: fix(config, 'clickhouse', 'PANEL_CLICKHOUSE_URL'),
        },
      },
      reset: remote ? remoteReset(config.modeReason) : reset,
      smoke: {
        schemaFiles: createSchemaFiles(config.projectDir),
        sinkCommitIntervalMs: config.sinkCommitIntervalMs,
        serviceLogs: servicesPort.logs,
      },
      lineage: {
        schemaFiles: createSchemaFiles(config.projectDir),
        commitIntervalMs: config.sinkCommitIntervalMs,
        windowMs: config.figuresWindowMs,
      },
      wizard: { projectDir: config.projectDir },
      staticDir: config.staticDir,
    },
    // SSE streams never end on their own; close them when the server shuts down.
    { logger: { level: process.env.PANEL_LOG_LEVEL ?? 'info' }, forceCloseConnections: true },
  );
  app.addHook('onClose', async () => {
    await monitor.stop();
    await closeStackClients(clients);
  });

  // The Docker watch (and loading Docker's client library) starts once the first request is answered, or after a
  // second: the first answer never waits for it; /api/stack reads Docker on demand until then.
  let monitorStarted = false;
  const startMonitor = () => {
    if (monitorStarted || remote) return;
    monitorStarted = true;
    monitor.start();
  };
  app.addHook('onResponse', async () => startMonitor());
  setTimeout(startMonitor, 1000).unref();
  await app.listen({ host: config.host, port: config.port });
  app.log.info(
    { project: config.project, composeFile: config.composePath, tokenRequired: config.token !== null },
    `Pipeline Panel for ${remote ? `remote services (${config.modeReason})` : `compose project "${config.project}"`} on http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`,
  );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app!.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    app!.close().then(
      () => {
        clearTimeout(force);
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('Pipeline Panel failed to start:', isAppError(error) ? error.message : error);
  process.exit(1);
});
