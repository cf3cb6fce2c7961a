import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeLog4jConfig } from './log4j.ts';
import { freePort } from './ports.ts';
import { javaBinary, startProcess, waitUntil, type ServiceProcess } from './process.ts';

export interface ConnectWorker {
  url: string;
  port: number;
  /** Directory on the worker's plugin.path; a plugin dropped here is seen after a worker restart. */
  pluginDir: string;
  groupId: string;
  process: ServiceProcess;
}

/**
 * A Kafka Connect distributed worker (org.apache.kafka.connect.cli.ConnectDistributed) on the harness broker. The
 * FileStream connectors are on its classpath; Apicurio's converter (Confluent wire format, through the harness
 * registry) is a plugin on its plugin.path, beside any extra plugins (HARNESS_CONNECT_PLUGINS: the ClickHouse sink).
 * Worker defaults: StringConverter keys, schemaless JsonConverter values. The env config provider is configured as in
 * the compose stack, so connector configs may say ${env:NAME}; `env` is what those names resolve to.
 */
export async function startConnectWorker(opts: {
  jarsDir: string;
  workDir: string;
  brokers: string[];
  timeoutMs: number;
  /** plugin.path entries besides the worker's own plugins/ directory. */
  pluginPaths?: string[];
  /** Environment of the worker process (what ${env:NAME} in a connector config reads). */
  env?: Record<string, string>;
  /** Listen on this port (a restart keeps its URL); a free one by default. */
  port?: number;
  /** 'service_load' (default) skips the slow reflective classpath scan; 'hybrid_warn' also finds plugins without manifests. */
  pluginDiscovery?: 'service_load' | 'hybrid_warn' | 'only_scan';
  /** Client properties of the worker's own connection to the broker (secure.ts: SASL_SSL); its connectors' clients get them too. */
  clientProperties?: string[];
  /** Directory under workDir and process name; 'connect' by default (the cluster harness runs connect-1, connect-2). */
  name?: string;
  /** Replication of the internal topics the worker creates; RF 1 by default (one broker). */
  storage?: { replicationFactor: number; minInsyncReplicas: number };
}): Promise<ConnectWorker> {
  const name = opts.name ?? 'connect';
  const dir = join(opts.workDir, name);
  const pluginDir = join(dir, 'plugins');
  mkdirSync(pluginDir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const groupId = 'harness-connect';
  const properties = join(dir, 'connect.properties');
  writeFileSync(
    properties,
    [
      `bootstrap.servers=${opts.brokers.join(',')}`,
      `group.id=${groupId}`,
      'config.storage.topic=_harness-connect-configs',
      'offset.storage.topic=_harness-connect-offsets',
      'status.storage.topic=_harness-connect-status',
      ...storageLines(opts.storage ?? { replicationFactor: 1, minInsyncReplicas: 1 }),
      'key.converter=org.apache.kafka.connect.storage.StringConverter',
      'value.converter=org.apache.kafka.connect.json.JsonConverter',
      'value.converter.schemas.enable=false',
      `listeners=${url}`,
      'rest.advertised.host.name=127.0.0.1',
      `rest.advertised.port=${port}`,
      `plugin.path=${[pluginDir, ...(opts.pluginPaths ?? [])].join(',')}`,
      // KIP-887's provider, as the compose stack's worker has it (CONNECT_CONFIG_PROVIDERS=env).
      'config.providers=env',
      'config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider',
      `plugin.discovery=${opts.pluginDiscovery ?? 'service_load'}`,
      'offset.flush.interval.ms=1000',
      // A test worker is killed and restarted in place (sink tier): reassign a lost worker's tasks after 10 s rather
      // than the default 5 min, and let a dead sink task's consumer leave its group after 10 s rather than 45 s.
      'scheduled.rebalance.max.delay.ms=10000',
      'consumer.session.timeout.ms=10000',
      'consumer.heartbeat.interval.ms=3000',
      ...(opts.clientProperties ?? []).flatMap((line) => ['', 'producer.', 'consumer.', 'admin.'].map((prefix) => `${prefix}${line}`)),
      '',
    ].join('\n'),
  );
  const logFile = join(dir, 'connect.log');
  const log4j = writeLog4jConfig(dir, 'connect', logFile);
  const processName = name === 'connect' ? 'kafka connect' : `kafka ${name}`;
  const proc = startProcess(
    processName,
    javaBinary(),
    [
      '-Xmx512m',
      '-Xms128m',
      '-XX:+UseSerialGC',
      `-Dlog4j2.configurationFile=${log4j}`,
      '-cp',
      join(opts.jarsDir, '*'),
      'org.apache.kafka.connect.cli.ConnectDistributed',
      properties,
    ],
    { cwd: dir, logFile, env: opts.env },
  );
  await waitUntil(
    { name: processName, logFile, exited: proc.exited },
    'GET / and GET /connector-plugins lists FileStreamSink',
    async () => {
      const root = await fetch(`${url}/`, { signal: AbortSignal.timeout(2000) });
      if (!root.ok) return false;
      const plugins = await fetch(`${url}/connector-plugins`, { signal: AbortSignal.timeout(2000) });
      if (!plugins.ok) return false;
      const list = (await plugins.json()) as Array<{ class: string }>;
      return list.some((p) => p.class.endsWith('FileStreamSinkConnector'));
    },
    opts.timeoutMs,
  );
  return { url, port, pluginDir, groupId, process: proc };
}

/**
 * The internal topics' replication. Connect passes any other `<storage>.storage.*` key to the topic it creates
 * (KIP-605), so `min.insync.replicas` is set only when it is more than the broker's default of 1.
 */
function storageLines({ replicationFactor, minInsyncReplicas }: { replicationFactor: number; minInsyncReplicas: number }): string[] {
  return ['config', 'offset', 'status'].flatMap((store) => [
    `${store}.storage.replication.factor=${replicationFactor}`,
    ...(minInsyncReplicas > 1 ? [`${store}.storage.min.insync.replicas=${minInsyncReplicas}`] : []),
  ]);
}
