import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kafkaJvm, waitForBrokers } from './kafka.ts';
import { freePorts } from './ports.ts';
import { javaBinary, runToCompletion, startProcess, type ServiceProcess } from './process.ts';
import { scramFormatArgs, secureBrokerProperties, type SecureBrokerOptions } from './secure.ts';

export interface KafkaClusterNode {
  nodeId: number;
  rack: string;
  /** host:port of its client listener. */
  address: string;
  readonly process: ServiceProcess;
}

export interface KafkaCluster {
  brokers: string[];
  /** Every node's SASL_SSL listener (host:port), when started with `secure`. */
  secureBrokers: string[] | null;
  clusterId: string;
  nodes: KafkaClusterNode[];
  /** Stops one node with SIGTERM (a controlled shutdown: its partitions lose it from their ISR) and waits for its exit. */
  stopNode(nodeId: number): Promise<void>;
  /** Starts a stopped node again with its data and ports; resolves once the cluster lists it. */
  startNode(nodeId: number): Promise<void>;
  stop(): Promise<void>;
}

export const CLUSTER_RACKS = ['zone-a', 'zone-b', 'zone-c'];

/**
 * Three combined KRaft controller+broker nodes with static voters (the layout of docker-compose.cluster.yml), from the
 * same Apache Kafka jars as the single broker. Replicated like the compose cluster: new and internal topics at RF 3,
 * min.insync.replicas 2, one rack per node. With `secure`, every node also gets the SASL_SSL (SCRAM-SHA-512) listener of
 * secure.ts, and every node's storage is formatted with the same SCRAM users (KIP-900: each node's metadata log starts
 * with them, so whichever controller leads knows them). Brokers replicate over PLAINTEXT, on loopback.
 */
export async function startKafkaCluster(opts: {
  jarsDir: string;
  workDir: string;
  timeoutMs: number;
  secure?: SecureBrokerOptions;
}): Promise<KafkaCluster> {
  const count = CLUSTER_RACKS.length;
  const ports = await freePorts(count * 3);
  const clientPort = (i: number) => ports[i]!;
  const controllerPort = (i: number) => ports[count + i]!;
  const securePort = (i: number) => ports[2 * count + i]!;
  const secureListener = (i: number) => (opts.secure ? `,SASL_SSL://127.0.0.1:${securePort(i)}` : '');
  const clusterId = randomBytes(16).toString('base64url');
  const voters = CLUSTER_RACKS.map((_, i) => `${i + 1}@127.0.0.1:${controllerPort(i)}`).join(',');
  const brokers = CLUSTER_RACKS.map((_, i) => `127.0.0.1:${clientPort(i)}`);

  const specs = CLUSTER_RACKS.map((rack, i) => {
    const nodeId = i + 1;
    const dir = join(opts.workDir, `kafka-${nodeId}`);
    mkdirSync(join(dir, 'data'), { recursive: true });
    const properties = join(dir, 'server.properties');
    writeFileSync(
      properties,
      [
        'process.roles=broker,controller',
        `node.id=${nodeId}`,
        `controller.quorum.voters=${voters}`,
        `listeners=PLAINTEXT://127.0.0.1:${clientPort(i)},CONTROLLER://127.0.0.1:${controllerPort(i)}${secureListener(i)}`,
        `advertised.listeners=PLAINTEXT://127.0.0.1:${clientPort(i)}${secureListener(i)}`,
        `listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT${opts.secure ? ',SASL_SSL:SASL_SSL' : ''}`,
        ...(opts.secure ? secureBrokerProperties(opts.secure.material) : []),
        'controller.listener.names=CONTROLLER',
        'inter.broker.listener.name=PLAINTEXT',
        `broker.rack=${rack}`,
        `log.dirs=${join(dir, 'data')}`,
        'num.partitions=1',
        'default.replication.factor=3',
        'min.insync.replicas=2',
        'offsets.topic.replication.factor=3',
        'transaction.state.log.replication.factor=3',
        'transaction.state.log.min.isr=2',
        'share.coordinator.state.topic.replication.factor=3',
        'share.coordinator.state.topic.min.isr=2',
        'group.initial.rebalance.delay.ms=0',
        '',
      ].join('\n'),
    );
    const logFile = join(dir, 'broker.log');
    const jvm = kafkaJvm(dir, `broker-${nodeId}`, logFile, opts.jarsDir, '-Xmx384m');
    return { nodeId, rack, dir, properties, logFile, jvm, address: brokers[i]! };
  });

  await Promise.all(
    specs.map((s) =>
      runToCompletion(
        `kafka storage format (node ${s.nodeId})`,
        javaBinary(),
        [
          ...s.jvm,
          'kafka.tools.StorageTool',
          'format',
          `--cluster-id=${clusterId}`,
          '-c',
          s.properties,
          ...scramFormatArgs(opts.secure?.users ?? []),
        ],
        { cwd: s.dir, logFile: join(s.dir, 'storage-format.log'), timeoutMs: 120_000 },
      ),
    ),
  );

  const processes = new Map<number, ServiceProcess>();
  const launch = (s: (typeof specs)[number]) => {
    const proc = startProcess(`kafka node ${s.nodeId}`, javaBinary(), [...s.jvm, 'kafka.Kafka', s.properties], {
      cwd: s.dir,
      logFile: s.logFile,
    });
    processes.set(s.nodeId, proc);
    return proc;
  };
  const spec = (nodeId: number) => {
    const s = specs.find((x) => x.nodeId === nodeId);
    if (!s) throw new Error(`the harness cluster has no Kafka node ${nodeId} (nodes 1..${count})`);
    return s;
  };
  const running = async (nodeId: number) =>
    Promise.race([processes.get(nodeId)!.exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 0))]);
  const stopAll = () => Promise.all([...processes.values()].map((p) => p.stop(30_000))).then(() => undefined);

  try {
    for (const s of specs) launch(s);
    const first = specs[0]!;
    await waitForBrokers(
      { name: 'kafka cluster', logFile: first.logFile, exited: Promise.race([...processes.values()].map((p) => p.exited)) },
      brokers,
      (ids) => ids.length === count,
      opts.timeoutMs,
    );
  } catch (error) {
    await stopAll();
    throw error;
  }

  return {
    brokers,
    secureBrokers: opts.secure ? CLUSTER_RACKS.map((_, i) => `127.0.0.1:${securePort(i)}`) : null,
    clusterId,
    nodes: specs.map((s) => ({
      nodeId: s.nodeId,
      rack: s.rack,
      address: s.address,
      get process() {
        return processes.get(s.nodeId)!;
      },
    })),
    async stopNode(nodeId) {
      spec(nodeId);
      await processes.get(nodeId)!.stop(30_000);
    },
    async startNode(nodeId) {
      const s = spec(nodeId);
      if (await running(nodeId)) return;
      const proc = launch(s);
      const others = brokers.filter((b) => b !== s.address);
      await waitForBrokers(
        { name: `kafka node ${nodeId}`, logFile: s.logFile, exited: proc.exited },
        others,
        (ids) => ids.includes(nodeId),
        opts.timeoutMs,
      );
    },
    stop: stopAll,
  };
}
