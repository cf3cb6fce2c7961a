import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startClickHouseHttp, type ClickHouseHttp } from './clickhouse-http.ts';
import { startConnectWorker, type ConnectWorker } from './connect.ts';
import { extraPluginPaths } from './connect-plugins.ts';
import { startKafkaBroker, type KafkaBroker } from './kafka.ts';
import { prepareJars } from './prepare.ts';
import { startRegistry, type Registry } from './registry.ts';
import {
  makeSecureMaterial,
  secret,
  secureClientProperties,
  startTlsProxy,
  type SecureEndpoints,
  type SecureMaterial,
  type TlsProxy,
} from './secure.ts';

export interface HarnessOptions {
  /** Where data and logs go; a fresh temp dir by default. */
  workDir?: string;
  /** Readiness timeout per service. Default 120 s (a cold JVM on 2 busy cores can be slow). */
  timeoutMs?: number;
  /** Password of the ClickHouse adapter's user `default`. */
  clickhousePassword?: string;
  /** See startConnectWorker. */
  connectPluginDiscovery?: 'service_load' | 'hybrid_warn' | 'only_scan';
  /**
   * Also start the secure front (secure.ts): SASL_SSL on the broker (Connect uses it), the registry and Connect behind
   * nginx with TLS and basic auth, ClickHouse over HTTPS. Default: HARNESS_SECURE=1.
   */
  secure?: boolean;
  /** Keep workDir (data and logs) after stop(). Default: kept only when HARNESS_KEEP=1. */
  keepWorkDir?: boolean;
  log?: (line: string) => void;
}

export interface Harness {
  kafka: { brokers: string[] };
  connect: { url: string; pluginDir: string; groupId: string };
  registry: { url: string };
  clickhouse: { url: string; user: string; password: string };
  /** The secure endpoints and their credentials, when started with `secure`. */
  secure: SecureEndpoints | null;
  workDir: string;
  /** Pids of the child processes (for a pid file). */
  pids: number[];
  logs: Record<'kafka' | 'connect' | 'registry', string> & { nginx?: string };
  /** Classpath of the ClickHouse Java clients probe (harness/java). */
  javaClientsClasspath: string;
  /** Fault injection for the sink tier: the ClickHouse adapter and the Connect worker, stopped and started in place. */
  control: HarnessControl;
  stop(): Promise<void>;
}

export interface HarnessControl {
  /** Stops the ClickHouse adapter's listener (data kept; new connections refused until clickhouseStart). */
  clickhouseStop(): Promise<void>;
  clickhouseStart(): Promise<void>;
  /** SIGKILLs the Connect worker (no shutdown hooks, no offset commit) and waits for it to be gone. */
  connectKill(): Promise<void>;
  /** Starts the Connect worker again on the same port with the same config; resolves once its REST API answers. */
  connectStart(): Promise<void>;
}

/**
 * Starts the real services the integration and browser tiers run against: a KRaft Kafka broker, a Connect worker,
 * Apicurio Registry (Confluent-compatible API) and ClickHouse's engine behind an HTTP adapter. Broker, registry and
 * ClickHouse start in parallel; Connect starts once the broker answers. On any failure everything already started
 * is stopped and the error names the service and its log file.
 */
export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const log = opts.log ?? (() => {});
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const workDir = opts.workDir ?? mkdtempSync(join(tmpdir(), 'pipeline-panel-harness-'));
  mkdirSync(workDir, { recursive: true });
  const jars = await prepareJars(log);

  const started: Array<{ stop(): Promise<void> }> = [];
  const track = <T extends { stop(): Promise<void> }>(p: Promise<T>): Promise<T> =>
    p.then((s) => {
      started.push(s);
      return s;
    });

  const secure = opts.secure ?? process.env.HARNESS_SECURE === '1';
  // A secure harness's password is random, so the redaction test can look for it in every response and log.
  const clickhousePassword = opts.clickhousePassword ?? (secure ? secret() : 'harness');
  let material: SecureMaterial | null = null;
  const users = { panel: { name: 'panel', password: secret() }, connect: { name: 'connect-worker', password: secret() } };
  try {
    const t0 = Date.now();
    material = secure ? makeSecureMaterial(workDir) : null;
    const secureBroker = material ? { material, users: [users.panel, users.connect] } : undefined;
    const kafkaP = track(
      startKafkaBroker({ jarsDir: jars.kafkaJarsDir, workDir, timeoutMs, secure: secureBroker }).then((k) => asStoppable(k, k.process)),
    );
    const registryP = track(
      startRegistry({ runnerJar: jars.registryRunnerJar, workDir, timeoutMs }).then((r) => asStoppable(r, r.process)),
    );
    const clickhouseP = track(
      startClickHouseHttp({
        dataDir: join(workDir, 'clickhouse'),
        password: clickhousePassword,
        tls: material
          ? { key: readFileSync(material.serverKeyFile, 'utf8'), cert: readFileSync(material.serverCertFile, 'utf8') }
          : undefined,
      }).then((c) => asStoppable(c, { stop: c.close })),
    );
    const connectOptions = (brokers: string[], port?: number) => ({
      jarsDir: jars.kafkaJarsDir,
      workDir,
      brokers,
      timeoutMs,
      port,
      pluginPaths: [jars.connectPluginsDir, ...extraPluginPaths(workDir)],
      // What ${env:CLICKHOUSE_USER} / ${env:CLICKHOUSE_PASSWORD} in connectors/*.json resolve to, as in the stack.
      env: { CLICKHOUSE_USER: 'default', CLICKHOUSE_PASSWORD: clickhousePassword },
      pluginDiscovery: opts.connectPluginDiscovery,
      clientProperties: material ? secureClientProperties(material, users.connect) : undefined,
    });
    // A secure harness's worker talks to the broker over SASL_SSL only.
    const workerBrokers = (k: KafkaBroker) => k.secureBrokers ?? k.brokers;
    // The worker behind a stable handle, so the sink tier can kill and restart it while the rest keeps running.
    let connectWorker: ConnectWorker | undefined;
    const connectP = kafkaP.then((k) =>
      track(
        startConnectWorker(connectOptions(workerBrokers(k.value))).then((c) => {
          connectWorker = c;
          return asStoppable(c, { stop: () => connectWorker?.process.stop() ?? Promise.resolve() });
        }),
      ),
    );
    const results = await Promise.allSettled([kafkaP, registryP, clickhouseP, connectP]);
    const failures = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => String(r.reason instanceof Error ? r.reason.message : r.reason));
    if (failures.length > 0) throw new Error(`harness failed to start:\n${failures.join('\n\n')}`);
    const [kafka, registry, clickhouse, connect] = [await kafkaP, await registryP, await clickhouseP, await connectP].map(
      (s) => s.value,
    ) as [KafkaBroker, Registry, ClickHouseHttp, ConnectWorker];
    const proxyUser = { name: 'panel', password: secret() };
    const proxy: TlsProxy | null = material
      ? await track(
          startTlsProxy({
            workDir,
            material,
            user: proxyUser,
            upstreams: { registry: registry.url, connect: connect.url },
            timeoutMs,
          }).then((p) => asStoppable(p, p.process)),
        ).then((p) => p.value)
      : null;
    log(`harness: all services ready in ${((Date.now() - t0) / 1000).toFixed(1)}s (work dir ${workDir})`);
    const keep = opts.keepWorkDir ?? process.env.HARNESS_KEEP === '1';
    let stopped = false;
    const harness: Harness = {
      kafka: { brokers: kafka.brokers },
      connect: { url: connect.url, pluginDir: connect.pluginDir, groupId: connect.groupId },
      registry: { url: registry.url },
      clickhouse: { url: clickhouse.url, user: clickhouse.user, password: clickhouse.password },
      secure:
        material && proxy && kafka.secureBrokers && clickhouse.httpsUrl
          ? {
              caFile: material.caFile,
              kafka: {
                brokers: kafka.secureBrokers,
                mechanism: 'SCRAM-SHA-512',
                username: users.panel.name,
                password: users.panel.password,
              },
              registry: { url: proxy.urls.registry!, username: proxyUser.name, password: proxyUser.password },
              connect: { url: proxy.urls.connect!, username: proxyUser.name, password: proxyUser.password },
              clickhouse: { url: clickhouse.httpsUrl, user: clickhouse.user, password: clickhouse.password },
            }
          : null,
      workDir,
      pids: [kafka.process.pid, registry.process.pid, connect.process.pid, ...(proxy ? [proxy.process.pid] : [])],
      logs: {
        kafka: kafka.process.logFile,
        connect: connect.process.logFile,
        registry: registry.process.logFile,
        ...(proxy ? { nginx: proxy.process.logFile } : {}),
      },
      javaClientsClasspath: jars.javaClientsClasspath,
      control: {
        clickhouseStop: () => clickhouse.stop(),
        clickhouseStart: () => clickhouse.start(),
        async connectKill() {
          const worker = connectWorker;
          if (!worker) return;
          process.kill(worker.process.pid, 'SIGKILL');
          await worker.process.exited;
        },
        async connectStart() {
          if (connectWorker && !(await hasExited(connectWorker))) return;
          connectWorker = await startConnectWorker(connectOptions(workerBrokers(kafka), connect.port));
          harness.pids = [kafka.process.pid, registry.process.pid, connectWorker.process.pid, ...(proxy ? [proxy.process.pid] : [])];
        },
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await stopAll(started);
        if (!keep) rmSync(workDir, { recursive: true, force: true });
      },
    };
    return harness;
  } catch (error) {
    await stopAll(started);
    throw error instanceof Error ? new Error(`${error.message}\n(work dir kept for debugging: ${workDir})`) : error;
  }
}

async function hasExited(worker: ConnectWorker): Promise<boolean> {
  return Promise.race([worker.process.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 0))]);
}

function asStoppable<T>(value: T, stopper: { stop(): Promise<void> }): { value: T; stop(): Promise<void> } {
  return { value, stop: () => stopper.stop() };
}

/** Connect first (it needs the broker to shut down cleanly), then the rest. */
async function stopAll(started: Array<{ stop(): Promise<void> }>): Promise<void> {
  const ordered = [...started].reverse();
  for (const s of ordered) await s.stop().catch(() => undefined);
}
