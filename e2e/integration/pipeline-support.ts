/**
 * Shared by the schemas/connectors/clickhouse/topics integration tests: the harness services (the running one from
 * `tsx harness/cli.ts up`, else one started for the file) and the panel app built with REAL clients pointed at them.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { buildApp } from '@pipeline-panel/server/app';
import { createClickHouseClient } from '@pipeline-panel/server/clickhouse/index';
import { createConnectClient } from '@pipeline-panel/server/connect/index';
import { createKafkaClient } from '@pipeline-panel/server/kafka/index';
import { createRegistryClient } from '@pipeline-panel/server/registry/index';
import { createRepoFiles } from '@pipeline-panel/server/repo-files/index';
import type { PipelinePort } from '@pipeline-panel/server/ports';
import { startHarness } from '../harness/index.ts';
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
  return {
    kafka: createKafkaClient({ brokers: e.kafka.brokers, timeoutMs: 5_000 }),
    registry: createRegistryClient({ url: e.registry.url, timeoutMs }),
    connect: createConnectClient({ url: e.connect.url, timeoutMs }),
    clickhouse: createClickHouseClient({ url: e.clickhouse.url, username: e.clickhouse.user, password: e.clickhouse.password, timeoutMs }),
    files: createRepoFiles(projectDir),
    hints: { Kafka: 'start the harness (tsx harness/cli.ts up)', 'Schema Registry': 'start the harness', 'Kafka Connect': 'start the harness', ClickHouse: 'start the harness' },
  };
}

const unused = (what: string) => () => {
  throw new Error(`${what} is not part of these tests`);
};

export async function pipelineApp(port: PipelinePort): Promise<App> {
  return buildApp({
    info: { project: 'integration', composeFile: 'docker-compose.yml' },
    // app.inject sends Host: localhost:80.
    security: { allowedHosts: ['localhost:80'], allowedOrigins: ['http://localhost:80'], token: null },
    stack: { snapshot: unused('the stack screen'), subscribe: unused('the stack screen') },
    probes: { runAll: unused('probes') },
    services: { action: unused('service actions'), logs: unused('service logs') },
    pipeline: port,
  });
}

/** Registers before/after hooks; the returned object is filled in once `before` has run. */
export function useSuite(name: string): Suite {
  const suite = {} as Suite;
  let stopHarness: () => Promise<void> = async () => {};
  before(async () => {
    const live = liveHarnessEnv();
    if (live) suite.env = live;
    else {
      const harness = await startHarness({ log: (line) => console.error(line) });
      suite.env = harness;
      stopHarness = () => harness.stop();
    }
    suite.projectDir = mkdtempSync(join(tmpdir(), `pipeline-panel-${name}-`));
    mkdirSync(join(suite.projectDir, 'sql'));
    mkdirSync(join(suite.projectDir, 'connectors'));
    suite.port = pipelinePort(suite.env, suite.projectDir);
    suite.app = await pipelineApp(suite.port);
    suite.inject = async (options) => suite.app.inject(options);
  }, { timeout: 600_000 });
  after(async () => {
    await suite.app?.close();
    await suite.port?.clickhouse.close();
    if (suite.projectDir) rmSync(suite.projectDir, { recursive: true, force: true });
    await stopHarness();
  }, { timeout: 120_000 });
  return suite;
}

/** host:port on loopback that nothing listens on (just released by the OS), for "service down" checks. */
export async function downAddress(): Promise<string> {
  return `127.0.0.1:${await freePort()}`;
}
