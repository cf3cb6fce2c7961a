import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { writeLog4jConfig } from './log4j.ts';
import { freePorts } from './ports.ts';
import { scramFormatArgs, secureBrokerProperties, type SecureBrokerOptions } from './secure.ts';
import { javaBinary, runToCompletion, startProcess, waitUntil, type ServiceProcess } from './process.ts';

export interface KafkaBroker {
  /** host:port list for clients. */
  brokers: string[];
  /** The SASL_SSL listener's host:port list, when started with `secure`. */
  secureBrokers: string[] | null;
  clusterId: string;
  process: ServiceProcess;
}

/**
 * A single combined broker+controller in KRaft mode (the layout the compose stack's apache/kafka uses), run from the
 * Apache Kafka jars: `kafka.tools.StorageTool format` then `kafka.Kafka server.properties`.
 */
export async function startKafkaBroker(opts: {
  jarsDir: string;
  workDir: string;
  timeoutMs: number;
  /** Add a SASL_SSL (SCRAM-SHA-512) listener with these users (secure.ts). */
  secure?: SecureBrokerOptions;
}): Promise<KafkaBroker> {
  const dir = join(opts.workDir, 'kafka');
  mkdirSync(join(dir, 'data'), { recursive: true });
  const [port, controllerPort, securePort] = await freePorts(3);
  const secure = opts.secure
    ? { listener: `,SASL_SSL://127.0.0.1:${securePort}`, protocol: ',SASL_SSL:SASL_SSL' }
    : { listener: '', protocol: '' };
  // A KRaft cluster id is 16 random bytes, base64url without padding (what `kafka-storage random-uuid` prints).
  // It may start with "-", hence the `--cluster-id=` form below.
  const clusterId = randomBytes(16).toString('base64url');
  const properties = join(dir, 'server.properties');
  writeFileSync(
    properties,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}${secure.listener}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}${secure.listener}`,
      `listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT${secure.protocol}`,
      ...(opts.secure ? secureBrokerProperties(opts.secure.material) : []),
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      `log.dirs=${join(dir, 'data')}`,
      'num.partitions=1',
      'offsets.topic.replication.factor=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      '',
    ].join('\n'),
  );
  const logFile = join(dir, 'broker.log');
  const jvm = kafkaJvm(dir, 'broker', logFile, opts.jarsDir, '-Xmx512m');
  await runToCompletion(
    'kafka storage format',
    javaBinary(),
    [
      ...jvm,
      'kafka.tools.StorageTool',
      'format',
      `--cluster-id=${clusterId}`,
      '-c',
      properties,
      ...scramFormatArgs(opts.secure?.users ?? []),
    ],
    { cwd: dir, logFile: join(dir, 'storage-format.log'), timeoutMs: 180_000 },
  );
  // stdout/stderr and log4j share one file (both append), so a failed start has one place to look.
  const proc = startProcess('kafka broker', javaBinary(), [...jvm, 'kafka.Kafka', properties], { cwd: dir, logFile });
  const brokers = [`127.0.0.1:${port}`];
  await waitForBrokers({ name: 'kafka broker', logFile, exited: proc.exited }, brokers, (ids) => ids.length > 0, opts.timeoutMs);
  return { brokers, secureBrokers: opts.secure ? [`127.0.0.1:${securePort}`] : null, clusterId, process: proc };
}

/** The JVM options of a harness Kafka node: its own log4j2 file, the Kafka jars on the classpath. */
export function kafkaJvm(dir: string, name: string, logFile: string, jarsDir: string, heap: string): string[] {
  const log4j = writeLog4jConfig(dir, name, logFile);
  return [heap, '-Xms128m', '-XX:+UseSerialGC', `-Dlog4j2.configurationFile=${log4j}`, '-cp', join(jarsDir, '*')];
}

/** Waits until admin describeCluster (through `brokers`) lists node ids that satisfy `ready`. */
export async function waitForBrokers(
  service: { name: string; logFile: string; exited?: Promise<number | null> },
  brokers: string[],
  ready: (nodeIds: number[]) => boolean,
  timeoutMs: number,
): Promise<void> {
  const kafka = new Kafka({ clientId: 'harness-readiness', brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 } });
  await waitUntil(
    service,
    'admin describeCluster answered',
    async () => {
      const admin = kafka.admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        return ready(cluster.brokers.map((b) => b.nodeId));
      } finally {
        await admin.disconnect();
      }
    },
    timeoutMs,
  );
}
