/**
 * The harness in cluster mode (`tsx harness/cli.ts up --cluster`, or HARNESS_CLUSTER=1): three KRaft
 * controller+broker nodes, two Connect workers in one group, and the registry and the ClickHouse adapter as in the
 * single-node harness. The control endpoint can stop/start one broker and kill/start one Connect worker.
 * With `secure` (`up --cluster --secure`, or HARNESS_SECURE=1) it also starts the secure front of secure.ts: a
 * SASL_SSL listener on every broker, both workers' clients on it, nginx (TLS + basic auth) before the registry and the
 * Connect cluster, and the ClickHouse adapter on HTTPS.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startClickHouseHttp } from './clickhouse-http.ts';
import { startConnectWorker, type ConnectWorker } from './connect.ts';
import { extraPluginPaths } from './connect-plugins.ts';
import type { Harness, HarnessControl } from './index.ts';
import { startKafkaCluster } from './kafka-cluster.ts';
import { freePorts } from './ports.ts';
import { prepareJars } from './prepare.ts';
import { startRegistry } from './registry.ts';
import { makeSecureMaterial, secret, secureClientProperties, startTlsProxy, type SecureEndpoints, type TlsProxy } from './secure.ts';
import { isAlive, type ClusterEnv } from './state.ts';

export const CONNECT_WORKERS = ['connect-1', 'connect-2'];

export interface ClusterControl extends HarnessControl {
  brokerStop(nodeId: number): Promise<void>;
  brokerStart(nodeId: number): Promise<void>;
  /** SIGKILLs worker `index` (1-based) and waits until it is gone. */
  connectWorkerKill(index: number): Promise<void>;
  /** Starts worker `index` again on its port; resolves once its REST API answers. */
  connectWorkerStart(index: number): Promise<void>;
}

export interface ClusterHarness extends Harness {
  cluster: ClusterEnv;
  control: ClusterControl;
}

export async function startClusterHarness(
  opts: { workDir?: string; timeoutMs?: number; clickhousePassword?: string; secure?: boolean; log?: (line: string) => void } = {},
): Promise<ClusterHarness> {
  const log = opts.log ?? (() => {});
  const timeoutMs = opts.timeoutMs ?? 240_000;
  const workDir = opts.workDir ?? mkdtempSync(join(tmpdir(), 'pipeline-panel-cluster-'));
  mkdirSync(workDir, { recursive: true });
  const jars = await prepareJars(log);
  const secure = opts.secure ?? process.env.HARNESS_SECURE === '1';
  // Random when secure, so a test can look for it in every response.
  const clickhousePassword = opts.clickhousePassword ?? (secure ? secret() : 'harness');
  const users = { panel: { name: 'panel', password: secret() }, connect: { name: 'connect-worker', password: secret() } };
  const material = secure ? makeSecureMaterial(workDir) : null;
  const stoppers: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  };

  try {
    const t0 = Date.now();
    const kafkaP = startKafkaCluster({
      jarsDir: jars.kafkaJarsDir,
      workDir,
      timeoutMs,
      secure: material ? { material, users: [users.panel, users.connect] } : undefined,
    }).then((k) => {
      stoppers.push(k.stop);
      return k;
    });
    const registryP = startRegistry({ runnerJar: jars.registryRunnerJar, workDir, timeoutMs }).then((r) => {
      stoppers.push(() => r.process.stop());
      return r;
    });
    const clickhouseP = startClickHouseHttp({
      dataDir: join(workDir, 'clickhouse'),
      password: clickhousePassword,
      tls: material
        ? { key: readFileSync(material.serverKeyFile, 'utf8'), cert: readFileSync(material.serverCertFile, 'utf8') }
        : undefined,
    }).then((c) => {
      stoppers.push(c.close);
      return c;
    });
    const ports = await freePorts(CONNECT_WORKERS.length);
    const workers: Array<ConnectWorker | undefined> = CONNECT_WORKERS.map(() => undefined);
    const startWorker = (index: number, brokers: string[]) =>
      startConnectWorker({
        jarsDir: jars.kafkaJarsDir,
        workDir,
        brokers,
        timeoutMs,
        port: ports[index],
        name: CONNECT_WORKERS[index],
        storage: { replicationFactor: 3, minInsyncReplicas: 2 },
        pluginPaths: [jars.connectPluginsDir, ...extraPluginPaths(workDir)],
        env: { CLICKHOUSE_USER: 'default', CLICKHOUSE_PASSWORD: clickhousePassword },
        clientProperties: material ? secureClientProperties(material, users.connect) : undefined,
      }).then((w) => {
        workers[index] = w;
        return w;
      });
    stoppers.push(async () => {
      await Promise.all(workers.map((w) => w?.process.stop()));
    });
    // Both at once: whichever creates an internal topic first wins, the other finds it (Connect's TopicAdmin takes
    // TopicExistsException as "already there").
    // A secure cluster's workers talk to the brokers over SASL_SSL only.
    const workerBrokers = (k: Awaited<typeof kafkaP>) => k.secureBrokers ?? k.brokers;
    const connectP = kafkaP.then((k) => Promise.all(CONNECT_WORKERS.map((_, i) => startWorker(i, workerBrokers(k)))));
    const results = await Promise.allSettled([kafkaP, registryP, clickhouseP, connectP]);
    const failures = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => String(r.reason instanceof Error ? r.reason.message : r.reason));
    if (failures.length > 0) throw new Error(`cluster harness failed to start:\n${failures.join('\n\n')}`);
    const [kafka, registry, clickhouse] = [await kafkaP, await registryP, await clickhouseP];
    const proxyUser = { name: 'panel', password: secret() };
    // Connect: worker 1 serves, worker 2 is nginx's backup. Either answers every REST call (a follower forwards writes
    // to the leader), but one serving worker keeps successive reads on one worker's view of the group's status, and
    // nginx fails over to the backup when worker 1 refuses connections (killed: control connectWorkerKill(1)).
    const proxy: TlsProxy | null = material
      ? await startTlsProxy({
          workDir,
          material,
          user: proxyUser,
          upstreams: { registry: registry.url, connect: workers.map((w) => w!.url) },
          timeoutMs,
        })
      : null;
    if (proxy) stoppers.push(() => proxy.process.stop());
    const secureEndpoints: SecureEndpoints | null =
      material && proxy && kafka.secureBrokers && clickhouse.httpsUrl
        ? {
            caFile: material.caFile,
            kafka: { brokers: kafka.secureBrokers, mechanism: 'SCRAM-SHA-512', username: users.panel.name, password: users.panel.password },
            registry: { url: proxy.urls.registry!, username: proxyUser.name, password: proxyUser.password },
            connect: { url: proxy.urls.connect!, username: proxyUser.name, password: proxyUser.password },
            clickhouse: { url: clickhouse.httpsUrl, user: clickhouse.user, password: clickhouse.password },
          }
        : null;
    log(`harness: cluster ready in ${((Date.now() - t0) / 1000).toFixed(1)}s (work dir ${workDir})`);

    const worker = (index: number) => {
      const w = workers[index - 1];
      if (!w) throw new Error(`the harness cluster has no Connect worker ${index} (workers 1..${CONNECT_WORKERS.length})`);
      return w;
    };
    // Only live ones: a stopped broker or a killed worker must not make the harness look down (state.ts liveHarnessEnv).
    const pids = () =>
      [
        ...kafka.nodes.map((n) => n.process.pid),
        registry.process.pid,
        ...workers.map((w) => w!.process.pid),
        ...(proxy ? [proxy.process.pid] : []),
      ].filter(isAlive);
    const keep = process.env.HARNESS_KEEP === '1';
    let stopped = false;
    const first = worker(1);
    const harness: ClusterHarness = {
      kafka: { brokers: kafka.brokers },
      connect: { url: first.url, pluginDir: first.pluginDir, groupId: first.groupId },
      registry: { url: registry.url },
      secure: secureEndpoints,
      clickhouse: { url: clickhouse.url, user: clickhouse.user, password: clickhouse.password },
      cluster: {
        kafka: { nodes: kafka.nodes.map(({ nodeId, rack, address }) => ({ nodeId, rack, address })) },
        connect: { workers: workers.map((w, i) => ({ name: CONNECT_WORKERS[i]!, url: w!.url, workerId: new URL(w!.url).host })) },
      },
      workDir,
      pids: pids(),
      logs: {
        kafka: kafka.nodes[0]!.process.logFile,
        connect: first.process.logFile,
        registry: registry.process.logFile,
        ...(proxy ? { nginx: proxy.process.logFile } : {}),
      },
      javaClientsClasspath: jars.javaClientsClasspath,
      control: {
        clickhouseStop: () => clickhouse.stop(),
        clickhouseStart: () => clickhouse.start(),
        connectKill: () => harness.control.connectWorkerKill(1),
        connectStart: () => harness.control.connectWorkerStart(1),
        async brokerStop(nodeId) {
          await kafka.stopNode(nodeId);
          harness.pids = pids();
        },
        async brokerStart(nodeId) {
          await kafka.startNode(nodeId);
          harness.pids = pids();
        },
        async connectWorkerKill(index) {
          const w = worker(index);
          process.kill(w.process.pid, 'SIGKILL');
          await w.process.exited;
          harness.pids = pids();
        },
        async connectWorkerStart(index) {
          const w = worker(index);
          const gone = await Promise.race([w.process.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 0))]);
          if (!gone) return;
          await startWorker(index - 1, workerBrokers(kafka));
          harness.pids = pids();
        },
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await stopAll();
        if (!keep) rmSync(workDir, { recursive: true, force: true });
      },
    };
    return harness;
  } catch (error) {
    await stopAll();
    throw error instanceof Error ? new Error(`${error.message}\n(work dir kept for debugging: ${workDir})`) : error;
  }
}
