import { existsSync, readFileSync } from 'node:fs';
import { clusterEnvJsonPath, envJsonPath } from './paths.ts';
import type { SecureEndpoints } from './secure.ts';

/** What `cli.ts up` writes to e2e/.harness/env.json for the test tiers (and `cli.ts env` prints). */
export interface HarnessEnv {
  kafka: { brokers: string[] };
  connect: { url: string; pluginDir: string; groupId: string };
  registry: { url: string };
  clickhouse: { url: string; user: string; password: string };
  /** The secure endpoints (`up --secure`); absent or null otherwise. */
  secure?: SecureEndpoints | null;
  /** The `serve` process's fault-injection endpoint (cli.ts startControl). */
  control: { url: string };
  /** Classpath of the ClickHouse Java clients probe (harness/java). */
  javaClientsClasspath: string;
  workDir: string;
  logs: Record<string, string>;
  /** The `serve` process that owns the services, then the Java children. */
  pids: number[];
  /** Only in cluster mode (`up --cluster`): its nodes and workers. */
  cluster?: ClusterEnv;
}

/** The cluster harness's Kafka nodes and Connect workers (worker 1 is `connect.url`). */
export interface ClusterEnv {
  kafka: { nodes: Array<{ nodeId: number; rack: string; address: string }> };
  /** workerId: what Connect's status API calls the worker (its advertised host:port). */
  connect: { workers: Array<{ name: string; url: string; workerId: string }> };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The running harness described by env.json, if its processes are all still alive. */
export function liveHarnessEnv(path = envJsonPath): HarnessEnv | undefined {
  if (!existsSync(path)) return undefined;
  const env = JSON.parse(readFileSync(path, 'utf8')) as HarnessEnv;
  return env.pids.length > 0 && env.pids.every(isAlive) ? env : undefined;
}

/** The variables the panel server and the test tiers read. */
export type ServiceEnv = Pick<HarnessEnv, 'kafka' | 'connect' | 'registry' | 'clickhouse' | 'workDir'> &
  Partial<Pick<HarnessEnv, 'control'>>;

/** The variables the panel server and the test tiers read (a harness started in-process has no control endpoint). */
export function toEnvVars(env: ServiceEnv): Record<string, string> {
  return {
    PANEL_KAFKA_BROKERS: env.kafka.brokers.join(','),
    PANEL_CONNECT_URL: env.connect.url,
    PANEL_SCHEMA_REGISTRY_URL: env.registry.url,
    PANEL_CLICKHOUSE_URL: env.clickhouse.url,
    PANEL_CLICKHOUSE_USER: env.clickhouse.user,
    PANEL_CLICKHOUSE_PASSWORD: env.clickhouse.password,
    HARNESS_CONNECT_PLUGIN_DIR: env.connect.pluginDir,
    HARNESS_WORK_DIR: env.workDir,
    ...(env.control ? { HARNESS_CONTROL_URL: env.control.url } : {}),
  };
}

/** The running cluster harness (`up --cluster`), if any. */
export function liveClusterHarnessEnv(): (HarnessEnv & { cluster: ClusterEnv }) | undefined {
  const env = liveHarnessEnv(clusterEnvJsonPath);
  return env?.cluster ? (env as HarnessEnv & { cluster: ClusterEnv }) : undefined;
}
