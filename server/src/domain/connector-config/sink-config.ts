/**
 * Kafka Connect configuration for the ClickHouse sink (com.clickhouse.kafka.connect.ClickHouseSinkConnector,
 * v1.5.0). Keys come from the sink's ClickHouseSinkConfig.java (docs/upstream-facts.md §5) plus Connect's
 * connector-level keys. The output is the body of `PUT /connectors/<name>/config` (the `config` object) and of
 * `POST /connectors` ({ name, config }).
 */
import { validateIdentifier, validateTopicName } from '../names.ts';

export const SINK_CONNECTOR_CLASS = 'com.clickhouse.kafka.connect.ClickHouseSinkConnector';

export interface SinkConfigInput {
  name: string;
  topic: string;
  table: string;
  database: string;
  registryUrl: string;
  clickhouse: { hostname: string; port: number; ssl: boolean; username: string; passwordRef: string };
  dlqTopic?: string;
  tasksMax?: number;
  /** Overrides for the batch/poll settings; a value here replaces the default and its reason. */
  tuning?: Partial<Record<TuningKey, string>>;
}

export type TuningKey =
  | 'consumer.override.max.poll.records'
  | 'consumer.override.max.poll.interval.ms'
  | 'consumer.override.fetch.min.bytes'
  | 'consumer.override.fetch.max.wait.ms'
  | 'clickhouseClientInsertTimeoutMs'
  | 'errors.retry.timeout';

/** Defaults for batch/poll behaviour, each with the one-line reason shown in the wizard. */
export const TUNING_DEFAULTS: Record<TuningKey, { value: string; reason: string }> = {
  'consumer.override.max.poll.records': {
    value: '5000',
    reason: 'the sink inserts each poll as one batch; ClickHouse prefers few large inserts over many small ones (Connect default 500)',
  },
  'consumer.override.max.poll.interval.ms': {
    value: '300000',
    reason: 'must stay above clickhouseClientInsertTimeoutMs so a slow insert does not get the task kicked out of the group',
  },
  'consumer.override.fetch.min.bytes': {
    value: '1048576',
    reason: 'wait for ~1 MiB per fetch so batches are not tiny on a trickle of records',
  },
  'consumer.override.fetch.max.wait.ms': {
    value: '1000',
    reason: 'bounds the extra latency fetch.min.bytes adds to 1 s, so a smoke test still sees rows quickly',
  },
  clickhouseClientInsertTimeoutMs: {
    value: '240000',
    reason: 'the sink default (4 min), kept explicit so it is visibly below max.poll.interval.ms',
  },
  'errors.retry.timeout': {
    value: '60000',
    reason: 'retry transient ClickHouse errors for up to a minute before failing the task or dead-lettering',
  },
};

export interface GeneratedSinkConfig {
  name: string;
  config: Record<string, string>;
  /** One-line reason for each key whose value is a chosen default rather than required plumbing. */
  reasons: Record<string, string>;
}

export type GenerateSinkConfigResult = { ok: true; value: GeneratedSinkConfig } | { ok: false; errors: string[] };

export function generateSinkConfig(input: SinkConfigInput): GenerateSinkConfigResult {
  const errors: string[] = [];
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(input.name ?? '')) {
    errors.push(
      `connector name ${JSON.stringify(input.name)} must be 1..200 characters of letters, digits, ".", "_" or "-" (it becomes a URL path segment and a file name)`,
    );
  }
  const topic = validateTopicName(input.topic);
  if (!topic.ok) errors.push(topic.reason);
  for (const [value, what] of [
    [input.table, 'table name'],
    [input.database, 'database name'],
  ] as const) {
    const r = validateIdentifier(value, what);
    if (!r.ok) errors.push(r.reason);
  }
  if (!/^https?:\/\/[^\s/]+(:\d+)?(\/\S*)?$/.test(input.registryUrl ?? ''))
    errors.push(`registryUrl ${JSON.stringify(input.registryUrl)} must be an http(s) URL`);
  const ch = input.clickhouse;
  if (!ch || !/^[A-Za-z0-9.-]+$/.test(ch.hostname ?? ''))
    errors.push(`clickhouse.hostname ${JSON.stringify(ch?.hostname)} must be a host name`);
  if (!ch || !Number.isInteger(ch.port) || ch.port < 1 || ch.port > 65535)
    errors.push(`clickhouse.port ${JSON.stringify(ch?.port)} must be 1..65535`);
  if (!ch || typeof ch.username !== 'string' || ch.username === '') errors.push('clickhouse.username is required');
  if (!ch || typeof ch.passwordRef !== 'string')
    errors.push(
      'clickhouse.passwordRef is required (a config provider reference such as ${file:/secrets/ch.properties:password}, or "" for no password)',
    );
  if (input.dlqTopic !== undefined) {
    const dlq = validateTopicName(input.dlqTopic);
    if (!dlq.ok) errors.push(`dead-letter topic: ${dlq.reason}`);
    else if (input.dlqTopic === input.topic) errors.push('the dead-letter topic must differ from the source topic');
  }
  const tasksMax = input.tasksMax ?? 1;
  if (!Number.isInteger(tasksMax) || tasksMax < 1) errors.push(`tasksMax must be a positive integer (got ${input.tasksMax})`);
  for (const [key, value] of Object.entries(input.tuning ?? {})) {
    if (!(key in TUNING_DEFAULTS)) errors.push(`tuning key "${key}" is not one of ${Object.keys(TUNING_DEFAULTS).join(', ')}`);
    else if (!/^\d+$/.test(String(value))) errors.push(`tuning ${key} must be a whole number (got ${JSON.stringify(value)})`);
  }
  if (errors.length > 0) return { ok: false, errors };

  const config: Record<string, string> = {
    'connector.class': SINK_CONNECTOR_CLASS,
    'tasks.max': String(tasksMax),
    topics: input.topic,
    // The sink writes to a table named like the topic unless mapped (ClickHouseSinkConfig topic2TableMap).
    topic2TableMap: `${input.topic}=${input.table}`,
    hostname: ch.hostname,
    port: String(ch.port),
    // ConfigDef says ssl=true but the code treats a missing value as false: always set it (docs/upstream-facts.md §5).
    ssl: String(ch.ssl),
    database: input.database,
    username: ch.username,
    password: ch.passwordRef,
    exactlyOnce: 'false',
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'value.converter': 'io.confluent.connect.avro.AvroConverter',
    'value.converter.schema.registry.url': input.registryUrl,
  };
  const reasons: Record<string, string> = {
    exactlyOnce:
      'true needs ClickHouse Keeper (KeeperMap); a single local node runs at-least-once — use ReplacingMergeTree to absorb duplicates',
    'tasks.max': "one task per connector is enough on a laptop; raise it up to the topic's partition count for throughput",
  };
  for (const key of Object.keys(TUNING_DEFAULTS) as TuningKey[]) {
    const override = input.tuning?.[key];
    config[key] = override ?? TUNING_DEFAULTS[key].value;
    reasons[key] = override === undefined ? TUNING_DEFAULTS[key].reason : 'set explicitly';
  }
  if (Number(config['clickhouseClientInsertTimeoutMs']) >= Number(config['consumer.override.max.poll.interval.ms'])) {
    return {
      ok: false,
      errors: [
        'clickhouseClientInsertTimeoutMs must stay below consumer.override.max.poll.interval.ms, or the consumer is evicted during a slow insert',
      ],
    };
  }
  if (input.dlqTopic !== undefined) {
    Object.assign(config, {
      'errors.tolerance': 'all',
      'errors.deadletterqueue.topic.name': input.dlqTopic,
      'errors.deadletterqueue.context.headers.enable': 'true',
      'errors.deadletterqueue.topic.replication.factor': '1',
      'errors.log.enable': 'true',
    });
    reasons['errors.tolerance'] =
      'bad records go to the dead-letter topic instead of stopping the task; retriable ClickHouse errors are still retried';
    reasons['errors.deadletterqueue.topic.replication.factor'] = 'a single broker cannot hold the default replication factor of 3';
  } else {
    config['errors.tolerance'] = 'none';
    reasons['errors.tolerance'] = 'without a dead-letter topic a bad record stops the task, so the failure is visible';
  }
  return { ok: true, value: { name: input.name, config, reasons } };
}

/** Every key ClickHouseSinkConfig.java (v1.5.0) defines (configDef.define calls, plus client_version from ClickHouseSinkConnector). */
export const SINK_KEYS = new Set([
  'hostname',
  'port',
  'ssl',
  'database',
  'username',
  'password',
  'jdbcConnectionProperties',
  'client_version',
  'timeoutSeconds',
  'retryCount',
  'clickhouseClientInsertTimeoutMs',
  'topic2TableMap',
  'enableDbTopicSplit',
  'dbTopicSplitChar',
  'exactlyOnce',
  'zkPath',
  'zkDatabase',
  'keeperOnCluster',
  'tableRefreshInterval',
  'auto.evolve',
  'auto.evolve.struct.to.json',
  'clusterName',
  'suppressTableExistenceException',
  'clickhouseSettings',
  'bypassRowBinary',
  'bypassSchemaValidation',
  'dateTimeFormats',
  'tolerateStateMismatch',
  'ignorePartitionsWhenBatching',
  'bufferCount',
  'bufferFlushTime',
  'reportInsertedOffsets',
  'customInsertFormat',
  'insertFormat',
  'proxyType',
  'proxyHost',
  'proxyPort',
  'debeziumCDCEnabled',
  'bypassFieldCleanup',
  'ssl_socket_sni',
  'auto.evolve.ddl.refresh.retries',
  'errors.retry.timeout',
  'errors.tolerance',
]);

/** Connector-level keys Connect itself understands (ConnectorConfig / SinkConnectorConfig). */
const CONNECT_KEYS = new Set([
  'name',
  'connector.class',
  'tasks.max',
  'topics',
  'topics.regex',
  'key.converter',
  'value.converter',
  'header.converter',
  'config.action.reload',
  'transforms',
  'predicates',
  'errors.retry.timeout',
  'errors.retry.delay.max.ms',
  'errors.tolerance',
  'errors.log.enable',
  'errors.log.include.messages',
  'errors.deadletterqueue.topic.name',
  'errors.deadletterqueue.topic.replication.factor',
  'errors.deadletterqueue.context.headers.enable',
]);
/** Prefixes whose sub-keys belong to a plugin Connect instantiates (converters, SMTs, predicates, client overrides). */
const CONNECT_PREFIXES = [
  'key.converter.',
  'value.converter.',
  'header.converter.',
  'transforms.',
  'predicates.',
  'consumer.override.',
  'admin.override.',
];

export interface SinkConfigKeyReport {
  unknown: string[];
  missing: string[];
  problems: string[];
}

export function validateSinkConfigKeys(config: Record<string, unknown>): SinkConfigKeyReport {
  const unknown = Object.keys(config).filter(
    (k) => !SINK_KEYS.has(k) && !CONNECT_KEYS.has(k) && !CONNECT_PREFIXES.some((p) => k.startsWith(p) && k.length > p.length),
  );
  const missing: string[] = [];
  for (const key of ['connector.class', 'hostname']) if (!(key in config)) missing.push(key);
  const problems: string[] = [];
  const hasTopics = typeof config['topics'] === 'string' && config['topics'] !== '';
  const hasRegex = typeof config['topics.regex'] === 'string' && config['topics.regex'] !== '';
  if (!hasTopics && !hasRegex) missing.push('topics');
  if (hasTopics && hasRegex) problems.push('set either topics or topics.regex, not both (Connect rejects the pair)');
  if ('connector.class' in config && config['connector.class'] !== SINK_CONNECTOR_CLASS) {
    problems.push(`connector.class is ${JSON.stringify(config['connector.class'])}, not ${SINK_CONNECTOR_CLASS}`);
  }
  if (!('ssl' in config))
    problems.push('ssl is not set: ConfigDef documents true but the code treats a missing value as false; set it explicitly');
  if (!('port' in config)) problems.push('port is not set: the sink defaults to 8443 (ClickHouse Cloud); a local server listens on 8123');
  for (const [key, value] of Object.entries(config)) {
    if (typeof value !== 'string') problems.push(`${key} must be a string (Connect config values are strings), got ${typeof value}`);
  }
  const tolerance = config['errors.tolerance'];
  if (typeof config['errors.deadletterqueue.topic.name'] === 'string' && tolerance !== 'all') {
    problems.push('errors.deadletterqueue.topic.name is set but errors.tolerance is not "all", so nothing reaches the dead-letter topic');
  }
  return { unknown, missing, problems };
}
