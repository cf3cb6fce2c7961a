/**
 * The smoke test says what the pipeline really does and leaves it as it found it (issue 9), on the harness: real
 * Kafka, Apicurio (Confluent API) and chdb, delivering through a Kafka-engine table + materialized view
 * (smoke-support.ts). Each test has its own topic, subject and table.
 *   - the schema step never changes a subject silently (registered versions are looked up, not registered again);
 *   - a delivery stuck on a batch (code 252, too many partitions) is named early, long before the timeout;
 *   - generated dates keep a 10 000-record run inside two partitions of sql/001_orders.sql;
 *   - a run's rows, and only those, can be removed (POST /api/smoke-runs/:runId/cleanup, or the run's cleanup option);
 *   - expected values follow the table's real column types.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ClickHouseClient } from '@clickhouse/client';
import type { FastifyInstance } from 'fastify';
import { Kafka, logLevel } from 'kafkajs';
import type { CleanupSmokeRunResponse, SmokeRunReport, SmokeStep } from '@pipeline-panel/server/contracts';
import { splitStatements } from '@pipeline-panel/server/domain/sql-statements';
import type { PipelinePort } from '@pipeline-panel/server/ports';
import { removeRunRows } from '@pipeline-panel/server/smoke/cleanup';
import { acquireHarness, pipelinePort, removeProject, run, tempProject, type ServiceEnv } from './pipeline-support.ts';
import {
  clickhouseFor,
  createKafkaEngineDelivery,
  createOrdersTable,
  dropPipeline,
  ORDERS_SCHEMA,
  ORDERS_SQL,
  pipelineNames,
  smokeApp,
  stepLine,
  waitForRun,
  writePipelineFiles,
  type PipelineNames,
} from './smoke-support.ts';

let env: ServiceEnv;
let stopHarness: () => Promise<void> = async () => {};
let ch: ClickHouseClient;
let projectDir: string;
let port: PipelinePort;
let app: FastifyInstance;
const database = `safety_${run}`;
const created: PipelineNames[] = [];
const ordersSchema = JSON.parse(readFileSync(ORDERS_SCHEMA, 'utf8')) as { fields: object[] };

before(
  async () => {
    ({ env, stop: stopHarness } = await acquireHarness());
    ch = clickhouseFor(env);
    await ch.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
    projectDir = tempProject('safety');
    port = pipelinePort(env, projectDir);
    app = await smokeApp(port, projectDir);
  },
  { timeout: 600_000 },
);

after(
  async () => {
    await app?.close();
    await port?.clickhouse.close();
    for (const names of created) await dropPipeline(ch, names);
    await ch?.command({ query: `DROP DATABASE IF EXISTS ${database} SYNC` }).catch(() => undefined);
    await ch?.close();
    if (projectDir) removeProject(projectDir);
    await stopHarness();
  },
  { timeout: 120_000 },
);

/** Files + a table (the orders DDL, or `ddl` with {table} for the table name) + the Kafka-engine delivery. */
async function preparePipeline(
  label: string,
  opts: { schema?: object; ddl?: string; sql?: (text: string) => string } = {},
): Promise<PipelineNames> {
  const names = pipelineNames(run, label, database);
  created.push(names);
  writePipelineFiles(projectDir, names, opts.schema);
  if (opts.ddl) await ch.command({ query: opts.ddl.replace('{table}', `${names.database}.${names.table}`) });
  else if (opts.sql) {
    const text = opts.sql(readFileSync(ORDERS_SQL, 'utf8')).replace(/\bpipeline\.orders\b/g, `${names.database}.${names.table}`);
    for (const statement of splitStatements(text)) if (!/^CREATE DATABASE/i.test(statement.trim())) await ch.command({ query: statement });
  } else await createOrdersTable(ch, names.database, names.table);
  await createKafkaEngineDelivery(ch, env, names);
  return names;
}

async function start(body: Record<string, unknown>): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/smoke-runs', payload: body });
  assert.equal(response.statusCode, 202, response.body);
  return (response.json() as { runId: string }).runId;
}

const cleanup = (runId: string, confirm: string) =>
  app.inject({ method: 'POST', url: `/api/smoke-runs/${runId}/cleanup`, payload: { confirm } });

const step = (report: SmokeRunReport, name: SmokeStep['name']) => report.steps.find((s) => s.name === name)!;

async function count(names: PipelineNames, where = '1'): Promise<number> {
  const rows = await (
    await ch.query({ query: `SELECT count() AS n FROM ${names.database}.${names.table} WHERE ${where}`, format: 'JSONEachRow' })
  ).json<{
    n: string | number;
  }>();
  return Number(rows[0]?.n ?? 0);
}

async function topicEndOffset(topic: string): Promise<number> {
  const admin = new Kafka({ clientId: 'safety-test', brokers: env.kafka.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) return 0;
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, o) => sum + Number(o.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** The orders schema with one more optional field: a different schema the file does not match. */
function ordersWithExtraField(): string {
  return JSON.stringify({
    ...ordersSchema,
    fields: [...ordersSchema.fields, { name: 'channel', type: ['null', 'string'], default: null }],
  });
}

describe('the schema step never changes a subject silently', () => {
  test('the file already registered: its version and id are used and nothing is registered twice', { timeout: 300_000 }, async () => {
    const names = await preparePipeline('registered');
    const subject = `${names.topic}-value`;
    const { id } = await port.registry.register(subject, readFileSync(ORDERS_SCHEMA, 'utf8'));
    for (let i = 0; i < 2; i++) {
      const report = await waitForRun(app, await start({ pipeline: names.id, records: 5, timeoutMs: 180_000 }));
      assert.equal(report.status, 'passed', stepLine(report));
      assert.deepEqual(report.schema, { subject, id, version: 1, latestVersion: 1, registered: false });
      assert.match(step(report, 'schema').detail, /^already registered: .* v1 \(id \d+\), the latest version; nothing was registered/);
    }
    assert.deepEqual(await port.registry.versions(subject), [1]);
  });

  test(
    'the file is an older version than the latest: that version id encodes the records, the subject stays as it is',
    { timeout: 300_000 },
    async () => {
      const names = await preparePipeline('older');
      const subject = `${names.topic}-value`;
      const v1 = await port.registry.register(subject, readFileSync(ORDERS_SCHEMA, 'utf8'));
      await port.registry.register(subject, ordersWithExtraField());
      const report = await waitForRun(app, await start({ pipeline: names.id, records: 5, timeoutMs: 180_000 }));
      assert.equal(report.status, 'passed', stepLine(report));
      assert.deepEqual(report.schema, { subject, id: v1.id, version: 1, latestVersion: 2, registered: false });
      assert.match(step(report, 'schema').detail, /v1 \(id \d+\), an older version — the latest is v2; .*nothing was registered/);
      assert.deepEqual(await port.registry.versions(subject), [1, 2], 'the subject was not rolled back');
    },
  );

  test('a newer latest the file does not match: refused without register:true, registered with it', { timeout: 300_000 }, async () => {
    const names = await preparePipeline('newer');
    const subject = `${names.topic}-value`;
    const latest = await port.registry.register(subject, ordersWithExtraField());

    const refused = await waitForRun(app, await start({ pipeline: names.id, records: 5, timeoutMs: 180_000 }));
    assert.equal(refused.status, 'failed');
    assert.equal(refused.failedStep, 'schema', stepLine(refused));
    const failure = step(refused, 'schema').failure!;
    assert.equal(failure.code, 'SCHEMA_REGISTRATION_NEEDED');
    assert.equal(failure.service, 'Schema Registry');
    assert.match(
      failure.message,
      new RegExp(`connectors/${names.topic}-value\\.avsc is not registered under ${subject}.*the latest is v1 \\(id ${latest.id}\\)`),
    );
    assert.match(failure.fix, /"register": true/);
    assert.deepEqual(await port.registry.versions(subject), [1], 'nothing was registered');
    assert.equal(step(refused, 'produce').status, 'skipped');
    assert.equal(await topicEndOffset(names.topic), 0, 'nothing was produced');

    const agreed = await waitForRun(app, await start({ pipeline: names.id, records: 5, timeoutMs: 180_000, register: true }));
    assert.equal(agreed.status, 'passed', stepLine(agreed));
    assert.equal(agreed.schema?.registered, true);
    assert.equal(agreed.schema?.version, 2);
    assert.equal(agreed.schema?.latestVersion, 1);
    assert.deepEqual(await port.registry.versions(subject), [1, 2]);
  });
});

describe('a stuck delivery is named', () => {
  test(
    'PARTITION BY order_id makes every block exceed max_partitions_per_insert_block: the contract warns, arrive fails early naming code 252 and the fix',
    { timeout: 300_000 },
    async (t) => {
      const names = await preparePipeline('stuck', {
        sql: (text) => text.replace('PARTITION BY toYYYYMM(created_at)', 'PARTITION BY order_id'),
      });
      const records = 1_000;
      const timeoutMs = 240_000;
      const report = await waitForRun(app, await start({ pipeline: names.id, records, timeoutMs }));
      assert.equal(report.failedStep, 'arrive', stepLine(report));
      assert.equal(report.contract?.partitions?.exceeds, true);
      assert.match(
        step(report, 'contract').detail,
        /PARTITION BY order_id: a batch of up to 1000 smoke-test records can touch up to 1000 partitions/,
      );
      const arrive = step(report, 'arrive');
      const failure = arrive.failure!;
      t.diagnostic(`${failure.message}\nfix: ${failure.fix}`);
      assert.equal(failure.code, 'DELIVERY_STUCK');
      assert.equal(failure.service, 'ClickHouse');
      assert.match(failure.message, /Kafka engine .* is retrying a batch: \d+ record\(s\) wait in consumer group clickhouse-/);
      assert.match(failure.message, /Too many partitions for single INSERT block/);
      assert.match(failure.fix, /PARTITION BY.*max_partitions_per_insert_block/);
      assert.ok(arrive.durationMs! < timeoutMs / 3, `named after ${arrive.durationMs} ms, well before the ${timeoutMs} ms timeout`);
      assert.ok(report.arrived < records);
    },
  );
});

describe('records that fit the table', () => {
  test(
    '10 000 records into sql/001_orders.sql (PARTITION BY toYYYYMM(created_at)) touch at most two partitions and all arrive',
    { timeout: 600_000 },
    async () => {
      const names = await preparePipeline('tenk');
      const report = await waitForRun(app, await start({ pipeline: names.id, records: 10_000, timeoutMs: 480_000 }), undefined, 580_000);
      assert.equal(report.status, 'passed', stepLine(report));
      assert.equal(report.contract?.partitions?.exceeds, false);
      assert.ok((report.contract?.partitions?.partitions ?? 99) <= 2);
      const rows = await (
        await ch.query({
          query: `SELECT uniqExact(toYYYYMM(created_at)) AS months, min(created_at) AS first, max(created_at) AS last FROM ${database}.${names.table} WHERE startsWith(order_id, {p:String})`,
          query_params: { p: `${report.runId}-` },
          format: 'JSONEachRow',
        })
      ).json<{ months: string | number; first: string; last: string }>();
      assert.ok(Number(rows[0]?.months) <= 2, JSON.stringify(rows));
      const span = Date.parse(`${rows[0]!.last.replace(' ', 'T')}Z`) - Date.parse(`${rows[0]!.first.replace(' ', 'T')}Z`);
      assert.ok(span < 86_400_000, `timestamps span ${span} ms`);
    },
  );
});

describe("a run's rows can be removed, and only those", () => {
  const otherRun = 'smoke-20250101T000000Z-other';
  const insertOthers = (names: PipelineNames) =>
    ch.command({
      query: `INSERT INTO ${names.database}.${names.table} (order_id, customer_id, status, quantity, amount, currency, created_at, note) VALUES ('real-1', 1, 'NEW', 1, 1.5, 'EUR', now64(), NULL), ('real-2', 2, 'PAID', 2, 2.5, 'EUR', now64(), 'x'), ('${otherRun}-000001', 3, 'NEW', 1, 1, 'EUR', now64(), NULL)`,
    });

  test('cleanup: after-pass removes the run’s rows when it passes and states what stays', { timeout: 300_000 }, async () => {
    const names = await preparePipeline('cleanup');
    await insertOthers(names);
    const report = await waitForRun(app, await start({ pipeline: names.id, records: 20, timeoutMs: 180_000, cleanup: 'after-pass' }));
    assert.equal(report.status, 'passed', stepLine(report));
    assert.equal(report.cleanupMode, 'after-pass');
    assert.equal(report.cleanup?.removed, 20);
    assert.equal(report.cleanup?.remaining, 0);
    assert.equal(report.cleanup?.statement, 'DELETE');
    assert.match(
      report.cleanup?.stays.join(' ') ?? '',
      new RegExp(`20 record\\(s\\) produced to topic ${names.topic}: Kafka topics are append-only`),
    );
    assert.match(report.message, /cleanup: removed 20 row\(s\)/);
    assert.equal(await count(names, `startsWith(order_id, '${report.runId}-')`), 0);
    assert.equal(await count(names), 3, 'the other rows are untouched');
    assert.equal(await count(names, `startsWith(order_id, '${otherRun}-')`), 1, 'another run’s row is untouched');
  });

  test(
    '"remove this run’s rows" through the route: exactly its rows, confirmed by its run id, idempotent, told in the report',
    { timeout: 300_000 },
    async () => {
      const names = await preparePipeline('remove');
      await insertOthers(names);
      const report = await waitForRun(app, await start({ pipeline: names.id, records: 15, timeoutMs: 180_000 }));
      assert.equal(report.status, 'passed', stepLine(report));
      assert.equal(report.cleanupMode, 'keep');
      assert.equal(report.cleanup, null);

      const refused = await cleanup(report.runId, 'yes');
      assert.equal(refused.statusCode, 400);
      assert.equal(refused.json().code, 'CONFIRMATION_MISMATCH');
      assert.equal(await count(names), 18, 'a refused removal deletes nothing');
      const unknown = await cleanup('smoke-20250101T000000Z-gone', 'smoke-20250101T000000Z-gone');
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().code, 'SMOKE_RUN_NOT_FOUND');

      // Two at once (a double click): one removes the rows, the other finds none left.
      const both = await Promise.all([cleanup(report.runId, report.runId), cleanup(report.runId, report.runId)]);
      for (const res of both) assert.equal(res.statusCode, 200, res.body);
      const [a, b] = both.map((res) => res.json() as CleanupSmokeRunResponse);
      assert.deepEqual([a!.removed, b!.removed].sort(), [0, 15]);
      const done = a!.removed === 15 ? a! : b!;
      assert.equal(done.runId, report.runId);
      assert.equal(done.statement, 'DELETE');
      assert.equal(done.remaining, 0);
      assert.match(done.message, new RegExp(`removed 15 row\\(s\\) of ${report.runId} from ${names.database}\\.${names.table}`));
      assert.match(done.stays.join(' '), new RegExp(`15 record\\(s\\) produced to topic ${names.topic}: Kafka topics are append-only`));
      assert.match(done.stays.join(' '), new RegExp(`dead letters of the run on ${names.dlq}`));
      assert.equal(await count(names), 3, 'the other rows are untouched');
      assert.equal(await count(names, `startsWith(order_id, '${otherRun}-')`), 1, 'another run’s row is untouched');

      const again = await cleanup(report.runId, report.runId);
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().removed, 0);
      assert.match(again.json().message, /nothing removed/);
      const after = (await app.inject({ method: 'GET', url: `/api/smoke-runs/${report.runId}` })).json() as SmokeRunReport;
      assert.equal(after.cleanup?.removed, 15, 'the report totals what went');
      assert.equal(after.cleanup?.statement, 'DELETE');
      assert.match(after.cleanup?.message ?? '', /removed 15 row\(s\).*; removing again found none left$/);
    },
  );

  test('a running run’s rows are not removed: 409 until it ends', { timeout: 120_000 }, async () => {
    const names = await preparePipeline('busy');
    const runId = await start({ pipeline: names.id, records: 5, timeoutMs: 60_000 });
    const res = await cleanup(runId, runId);
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'SMOKE_RUN_RUNNING');
    await app.inject({ method: 'POST', url: `/api/smoke-runs/${runId}/cancel` });
    assert.notEqual((await waitForRun(app, runId)).status, 'running');
  });

  test(
    'the run id and field are checked strictly; a table with a projection falls back to ALTER TABLE … DELETE',
    { timeout: 120_000 },
    async () => {
      const table = `projected_${run}`;
      await ch.command({
        query: `CREATE TABLE ${database}.${table} (id String, n Int64, PROJECTION by_n (SELECT n, count() GROUP BY n)) ENGINE = ReplacingMergeTree ORDER BY id SETTINGS deduplicate_merge_projection_mode = 'rebuild'`,
      });
      await ch.command({
        query: `INSERT INTO ${database}.${table} VALUES ('smoke-20250101T000000Z-abc-000001', 1), ('smoke-20250101T000000Z-abc-000002', 2), ('smoke-20250101T000000Z-abcd-000001', 3), ('keep', 4)`,
      });
      const rows = { database, table, runIdField: 'id', runId: 'smoke-20250101T000000Z-abc' };
      await assert.rejects(
        removeRunRows(port.clickhouse, { ...rows, runId: "x' OR 1=1 --" }),
        (e: Error & { code?: string }) => e.code === 'INVALID_RUN_ID',
      );
      await assert.rejects(
        removeRunRows(port.clickhouse, { ...rows, runIdField: 'n' }),
        (e: Error & { code?: string }) => e.code === 'RUN_ID_FIELD_INVALID',
      );
      const result = await removeRunRows(port.clickhouse, rows);
      assert.deepEqual([result.removed, result.remaining, result.statement], [2, 0, 'ALTER TABLE DELETE']);
      const left = await (
        await ch.query({ query: `SELECT id FROM ${database}.${table} ORDER BY id`, format: 'JSONEachRow' })
      ).json<{ id: string }>();
      assert.deepEqual(
        left.map((r) => r.id),
        ['keep', 'smoke-20250101T000000Z-abcd-000001'],
        'a run id that merely shares the prefix keeps its rows (the match is <runId>-)',
      );
      await ch.command({ query: `DROP TABLE ${database}.${table} SYNC` });
    },
  );
});

describe('expected values follow the real column types', () => {
  test(
    'Enum8, FixedString padding, DateTime64 in Europe/Berlin, Decimal trailing zeros, LowCardinality(Nullable), Date, micros: every row equal',
    { timeout: 300_000 },
    async () => {
      const schema = {
        type: 'record',
        name: 'Typed',
        namespace: 'pipeline.typed',
        fields: [
          { name: 'id', type: 'string' },
          { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID', 'SHIPPED'] } },
          { name: 'currency', type: { type: 'fixed', name: 'Currency', size: 3 } },
          { name: 'code', type: 'string' },
          { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
          { name: 'created_at', type: { type: 'long', logicalType: 'timestamp-millis' } },
          { name: 'seen_at', type: { type: 'long', logicalType: 'timestamp-micros' } },
          { name: 'day', type: { type: 'int', logicalType: 'date' } },
          { name: 'note', type: ['null', 'string'], default: null },
          { name: 'big', type: 'long' },
          { name: 'tags', type: { type: 'array', items: 'long' } },
        ],
      };
      const names = await preparePipeline('typed', {
        schema,
        ddl:
          "CREATE TABLE {table} (id String, status Enum8('NEW' = 1, 'PAID' = 2, 'SHIPPED' = 3), currency FixedString(3), code FixedString(24), " +
          "amount Decimal(12, 2), created_at DateTime64(3, 'Europe/Berlin'), seen_at DateTime64(6, 'UTC'), day Date, note LowCardinality(Nullable(String)), " +
          'big Int64, tags Array(Int64)) ENGINE = MergeTree PARTITION BY toYYYYMM(created_at) ORDER BY id',
      });
      const report = await waitForRun(app, await start({ pipeline: names.id, records: 200, timeoutMs: 180_000 }));
      assert.equal(report.status, 'passed', stepLine(report));
      assert.deepEqual(report.mismatches, []);
      assert.match(step(report, 'compare').detail, /^200 \/ 200 rows equal their records in all 11 columns/);
    },
  );
});
