/**
 * Shared by the integration tests: the harness services (the running one from `tsx harness/cli.ts up`, else one
 * started for the file), temp project dirs, and the panel app built with REAL clients pointed at them.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { buildApp, type AppDeps } from '@pipeline-panel/server/app';
import { panelHeader } from '../lib/panel-header.ts';
import { createClickHouseClient } from '@pipeline-panel/server/clickhouse/index';
import { createConnectClient } from '@pipeline-panel/server/connect/index';
import { createKafkaClient } from '@pipeline-panel/server/kafka/index';
import { createRegistryClient } from '@pipeline-panel/server/registry/index';
import { createRepoFiles } from '@pipeline-panel/server/repo-files/index';
import { createUpstreamChanges } from '@pipeline-panel/server/http/upstream-changes';
import type { PipelinePort } from '@pipeline-panel/server/ports';
import { remoteControl } from '../harness/control-client.ts';
import { startHarness, type HarnessControl } from '../harness/index.ts';
import { freePort } from '../harness/ports.ts';
import { liveHarnessEnv, type HarnessEnv } from '../harness/state.ts';

export type ServiceEnv = Pick<HarnessEnv, 'kafka' | 'connect' | 'registry' | 'clickhouse'>;

/** Unique per run, so repeated runs against one long-lived harness never collide. */
export const run = `${Date.now().toString(36)}${process.pid.toString(36)}`;

/** The parts of Fastify's inject the tests use (fastify itself is not an e2e dependency). */
export interface InjectRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  payload?: object | string;
  headers?: Record<string, string>;
}
export interface InjectResponse {
  statusCode: number;
  body: string;
  json<T = unknown>(): T;
}
type App = Awaited<ReturnType<typeof buildApp>>;

export interface Suite {
  env: ServiceEnv;
  app: App;
  port: PipelinePort;
  /** The temp project dir the app reads sql/ and connectors/ from. */
  projectDir: string;
  inject(options: InjectRequest): Promise<InjectResponse>;
}

/** Clients with the panel's own timeouts (a little roomier than probes: a cold JVM on a busy machine is slow). */
export function pipelinePort(env: ServiceEnv, projectDir: string, overrides: Partial<ServiceEnv> = {}): PipelinePort {
  const e = { ...env, ...overrides };
  const timeoutMs = 10_000;
  // As in server.ts: the clients announce their writes, so the screens' cached reads show them at once.
  const changes = createUpstreamChanges();
  return {
    kafka: createKafkaClient({ brokers: e.kafka.brokers, timeoutMs: 5_000, changes }),
    registry: createRegistryClient({ url: e.registry.url, timeoutMs, changes }),
    connect: createConnectClient({ url: e.connect.url, timeoutMs, changes }),
    clickhouse: createClickHouseClient({
      url: e.clickhouse.url,
      username: e.clickhouse.user,
      password: e.clickhouse.password,
      timeoutMs,
      changes,
    }),
    files: createRepoFiles(projectDir),
    changes,
    hints: {
      Kafka: 'start the harness (tsx harness/cli.ts up)',
      'Schema Registry': 'start the harness',
      'Kafka Connect': 'start the harness',
      ClickHouse: 'start the harness',
    },
  };
}

/** Closes the clients' connections (the shared Kafka admin, the kept-alive HTTP pools, ClickHouse). */
export async function closePort(port: PipelinePort | undefined): Promise<void> {
  if (!port) return;
  await Promise.all([port.kafka.close(), port.registry.close(), port.connect.close(), port.clickhouse.close()]);
}

const unused = (what: string) => () => {
  throw new Error(`${what} is not part of these tests`);
};

/** The panel app with real clients; `extra` adds the smoke routes and/or the wizard. */
export async function pipelineApp(port: PipelinePort, extra: Pick<AppDeps, 'smoke' | 'wizard'> = {}): Promise<App> {
  const app = await buildApp({
    info: { project: 'integration', composeFile: 'docker-compose.yml' },
    // app.inject sends Host: localhost:80.
    security: { allowedHosts: ['localhost:80'], allowedOrigins: ['http://localhost:80'], token: null },
    stack: { snapshot: unused('the stack screen'), subscribe: unused('the stack screen') },
    probes: { runAll: unused('probes') },
    services: { action: unused('service actions'), logs: unused('service logs') },
    pipeline: port,
    ...extra,
  });
  // Like the panel's web client, every request of these tests carries the panel header (mutations need it).
  const inject = app.inject.bind(app);
  app.inject = ((options: InjectRequest) =>
    inject({ ...options, headers: { ...panelHeader, ...options.headers } })) as unknown as App['inject'];
  return app;
}

/** The running harness, else one started now; `stop` stops only a harness started here. */
/** The running harness (`cli.ts up`), else one started for this file; `control` stops and starts its services. */
export async function acquireHarness(): Promise<{ env: ServiceEnv; stop: () => Promise<void>; control: HarnessControl }> {
  const live = liveHarnessEnv();
  if (live) return { env: live, stop: async () => {}, control: remoteControl(live) };
  const harness = await startHarness({ log: (line) => console.error(line) });
  return { env: harness, stop: () => harness.stop(), control: harness.control };
}

/** A temp project dir with empty sql/ and connectors/. */
export function tempProject(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `pipeline-panel-${label}-`));
  mkdirSync(join(dir, 'sql'));
  mkdirSync(join(dir, 'connectors'));
  return dir;
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Registers before/after hooks; the returned object is filled in once `before` has run. */
export function useSuite(name: string): Suite {
  const suite = {} as Suite;
  let stopHarness: () => Promise<void> = async () => {};
  before(
    async () => {
      ({ env: suite.env, stop: stopHarness } = await acquireHarness());
      suite.projectDir = tempProject(name);
      suite.port = pipelinePort(suite.env, suite.projectDir);
      suite.app = await pipelineApp(suite.port);
      suite.inject = async (options) => suite.app.inject(options);
    },
    { timeout: 600_000 },
  );
  after(
    async () => {
      await suite.app?.close();
      await closePort(suite.port);
      if (suite.projectDir) removeProject(suite.projectDir);
      await stopHarness();
    },
    { timeout: 120_000 },
  );
  return suite;
}

/** GETs `url` until `done` holds for its JSON body; past the deadline throws `timeoutMessage(lastBody)`. */
export async function pollJson<T>(
  app: { inject(options: InjectRequest): Promise<InjectResponse> },
  url: string,
  done: (body: T) => boolean,
  timeoutMessage: (body: T) => string,
  timeoutMs: number,
  intervalMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = (await app.inject({ method: 'GET', url })).json<T>();
    if (done(body)) return body;
    if (Date.now() > deadline) throw new Error(timeoutMessage(body));
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** host:port on loopback that nothing listens on (just released by the OS), for "service down" checks. */
export async function downAddress(): Promise<string> {
  return `127.0.0.1:${await freePort()}`;
}
