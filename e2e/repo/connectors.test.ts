/**
 * connectors/: each connector file is `{ "name", "config" }` for the ClickHouse sink, using only keys that
 * exist for it, with the required ones set; each topic's Avro value schema (connectors/<topic>-value.avsc)
 * parses and maps onto its ClickHouse table (created from sql/ in chdb) under the sink's type mapping,
 * judged by the panel's own contract check.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import { Session } from 'chdb';
import { parse as parseYaml } from 'yaml';
import { checkContract } from '@pipeline-panel/server/domain/contract/check';
import type { ClickHouseColumn } from '@pipeline-panel/server/contracts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const connectorsDir = join(repo, 'connectors');
const sqlDir = join(repo, 'sql');
const SINK_CLASS = 'com.clickhouse.kafka.connect.ClickHouseSinkConnector';
const AVRO_CONVERTER = 'io.confluent.connect.avro.AvroConverter';

// Sink keys: ClickHouseSinkConfig of clickhouse-kafka-connect v1.5.0 (docs/upstream-facts.md §5).
const SINK_KEYS = new Set([
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
  'keeperOnCluster',
  'zkPath',
  'zkDatabase',
  'tableRefreshInterval',
  'auto.evolve',
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
]);
// Connect's own connector-level keys (ConnectorConfig / SinkConnectorConfig).
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
]);
const CONNECT_PREFIXES = [
  'errors.',
  'transforms.',
  'predicates.',
  'consumer.override.',
  'key.converter.',
  'value.converter.',
  'header.converter.',
];

export interface ConnectorFile {
  name: string;
  config: Record<string, string>;
}

/** Problems with a sink connector config; empty when it is fine. */
export function lintSinkConfig(file: ConnectorFile): string[] {
  const problems: string[] = [];
  const c = file.config;
  for (const [key, value] of Object.entries(c)) {
    if (typeof value !== 'string') problems.push(`${key}: value must be a string (Connect config values are strings)`);
    if (!SINK_KEYS.has(key) && !CONNECT_KEYS.has(key) && !CONNECT_PREFIXES.some((p) => key.startsWith(p))) {
      problems.push(`${key}: not a config key of ${SINK_CLASS} or of Connect`);
    }
  }
  if (c['connector.class'] !== SINK_CLASS) problems.push(`connector.class must be ${SINK_CLASS}`);
  if ('topics' in c === 'topics.regex' in c) problems.push('set exactly one of topics / topics.regex');
  for (const key of ['hostname', 'port', 'ssl', 'database', 'username', 'password', 'value.converter']) {
    if (!c[key]) problems.push(`${key} is required`);
  }
  if (c.port && !/^\d+$/.test(c.port)) problems.push('port must be a number');
  if (c.ssl && !['true', 'false'].includes(c.ssl)) problems.push('ssl must be "true" or "false"');
  if (c['value.converter'] === AVRO_CONVERTER && !c['value.converter.schema.registry.url']) {
    problems.push('value.converter.schema.registry.url is required with the AvroConverter');
  }
  if (c.password && !/^\$\{(env|file|directory):[^}]+\}$/.test(c.password)) {
    problems.push('password must be a config-provider reference like ${env:CLICKHOUSE_PASSWORD}, never a literal');
  }
  if (c['errors.tolerance'] === 'all') {
    if (!c['errors.deadletterqueue.topic.name']) problems.push('errors.tolerance=all needs errors.deadletterqueue.topic.name');
    if (c['errors.deadletterqueue.topic.replication.factor'] !== '1')
      problems.push('errors.deadletterqueue.topic.replication.factor must be 1 on one broker (default 3)');
  }
  if (c.exactlyOnce === 'true') problems.push('exactlyOnce=true needs ClickHouse Keeper, which this stack does not run');
  return problems;
}

/** topic → table under the sink's routing: topic2TableMap, else the topic's own name. */
export function tableForTopic(config: Record<string, string>, topic: string): string {
  for (const pair of (config.topic2TableMap ?? '').split(',')) {
    const [t, table] = pair.split('=').map((s) => s.trim());
    if (t === topic && table) return table;
  }
  return topic;
}

const connectorFiles = readdirSync(connectorsDir)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('connectors/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'connectors-test-'));
  const session = new Session(dir);
  before(() => {
    for (const f of readdirSync(sqlDir)
      .filter((f) => f.endsWith('.sql'))
      .sort())
      session.query(readFileSync(join(sqlDir, f), 'utf8'));
  });
  after(() => {
    session.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  function columnsOf(database: string, table: string): ClickHouseColumn[] {
    const out = session.query(`DESCRIBE TABLE ${database}.${table}`, 'JSONEachRow').trim();
    return out.split('\n').map((line) => {
      const c = JSON.parse(line) as { name: string; type: string; default_type: string };
      return { name: c.name, type: c.type, defaultKind: c.default_type as ClickHouseColumn['defaultKind'] };
    });
  }

  function tableExists(database: string, table: string): boolean {
    return session.query(`EXISTS TABLE ${database}.${table}`, 'TSV').trim() === '1';
  }

  test('holds at least one connector', () => assert.ok(connectorFiles.length > 0));

  for (const fileName of connectorFiles) {
    describe(fileName, () => {
      const file = JSON.parse(readFileSync(join(connectorsDir, fileName), 'utf8')) as ConnectorFile;
      const topics = (file.config?.topics ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);

      test('is { name, config } and named like its file', () => {
        assert.deepEqual(Object.keys(file).sort(), ['config', 'name']);
        assert.equal(`${file.name}.json`, fileName);
        assert.equal(file.config.name, undefined, 'the name travels at top level; PUT /connectors/<name>/config takes .config');
      });

      test('uses only known keys and sets the required ones', () => {
        assert.deepEqual(lintSinkConfig(file), []);
      });

      test('its password reference is provided to the Connect worker', () => {
        const ref = /^\$\{env:([^}]+)\}$/.exec(file.config.password ?? '')?.[1];
        if (!ref) return;
        const compose = parseYaml(readFileSync(join(repo, 'docker-compose.yml'), 'utf8')) as {
          services: Record<string, { environment?: Record<string, unknown> }>;
        };
        const connectEnv = compose.services.connect?.environment ?? {};
        assert.ok(ref in connectEnv, `connect service must set ${ref} for \${env:${ref}}`);
        assert.ok(connectEnv.CONNECT_CONFIG_PROVIDERS, 'the env config provider must be enabled on the worker');
      });

      for (const topic of topics) {
        const table = tableForTopic(file.config, topic);
        const database = file.config.database ?? 'default';

        test(`topic ${topic} → table ${database}.${table} exists in sql/`, () => {
          assert.ok(tableExists(database, table), `${database}.${table} is not created by any file in sql/`);
        });

        test(`topic ${topic}: Avro value schema parses and matches ${database}.${table} column for column`, () => {
          const schemaPath = join(connectorsDir, `${topic}-value.avsc`);
          assert.ok(existsSync(schemaPath), `missing ${topic}-value.avsc next to ${fileName}`);
          const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
          assert.doesNotThrow(() => avro.Type.forSchema(schema as avro.Schema), 'avsc cannot parse the schema');
          const report = checkContract(schema, columnsOf(database, table));
          const problems = report.fields.filter((f) => f.verdict !== 'ok').map((f) => `${f.verdict}: ${f.reason}`);
          assert.deepEqual(problems, [], report.summary);
          assert.equal(report.verdict, 'ok');
        });
      }
    });
  }

  test('every .avsc in connectors/ belongs to a connector topic', () => {
    const topics = connectorFiles.flatMap((f) =>
      ((JSON.parse(readFileSync(join(connectorsDir, f), 'utf8')) as ConnectorFile).config.topics ?? '').split(',').map((t) => t.trim()),
    );
    for (const f of readdirSync(connectorsDir).filter((f) => f.endsWith('.avsc'))) {
      assert.ok(
        topics.some((t) => f === `${t}-value.avsc`),
        `${f} is not the value schema of any connector topic`,
      );
    }
  });

  describe('a mismatch is reported with the field and both types', () => {
    const schema = JSON.parse(readFileSync(join(connectorsDir, 'orders-value.avsc'), 'utf8')) as {
      fields: Array<{ name: string; type: unknown }>;
    };

    test('double field into an Int32 column', () => {
      const broken = structuredClone(schema);
      broken.fields.find((f) => f.name === 'quantity')!.type = 'double';
      const report = checkContract(broken, columnsOf('pipeline', 'orders'));
      assert.equal(report.verdict, 'error');
      const verdict = report.fields.find((f) => f.field === 'quantity');
      assert.ok(verdict, 'no verdict for field quantity');
      assert.equal(verdict.verdict, 'error');
      assert.match(verdict.avroType ?? '', /double/);
      assert.equal(verdict.columnType, 'Int32');
      assert.match(verdict.reason, /quantity/);
      assert.match(verdict.reason, /Int32/);
      assert.match(verdict.reason, /double/i);
    });

    test('a non-Nullable column no field fills', () => {
      const broken = structuredClone(schema);
      broken.fields = broken.fields.filter((f) => f.name !== 'customer_id');
      const report = checkContract(broken, columnsOf('pipeline', 'orders'));
      assert.equal(report.verdict, 'error');
      const verdict = report.fields.find((f) => f.column === 'customer_id');
      assert.ok(verdict, 'no verdict for column customer_id');
      assert.equal(verdict.verdict, 'error');
      assert.match(verdict.reason, /customer_id/);
      assert.match(verdict.reason, /Int64/);
    });

    test('the config linter rejects an unknown key and a literal password', () => {
      const file = JSON.parse(readFileSync(join(connectorsDir, 'orders-clickhouse-sink.json'), 'utf8')) as ConnectorFile;
      const problems = lintSinkConfig({
        ...file,
        config: { ...file.config, hostName: 'clickhouse', password: 'hunter2', 'errors.deadletterqueue.topic.replication.factor': '3' },
      });
      assert.ok(
        problems.some((p) => p.startsWith('hostName:')),
        problems.join('\n'),
      );
      assert.ok(
        problems.some((p) => p.startsWith('password must be')),
        problems.join('\n'),
      );
      assert.ok(
        problems.some((p) => p.includes('replication.factor must be 1')),
        problems.join('\n'),
      );
    });
  });
});
