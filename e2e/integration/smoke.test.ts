/**
 * The smoke test end to end on the harness: real Kafka, Apicurio (Confluent API), Connect and chdb. Delivery into
 * the table is ClickHouse's Kafka engine + a materialized view created by each test (see smoke-support.ts; the
 * official sink's path is the sink tier's, e2e/sink). Each test has its own topic and table.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClickHouseClient } from '@clickhouse/client';
import type { FastifyInstance } from 'fastify';
import { Kafka, logLevel } from 'kafkajs';
import type { SmokeRunReport, SmokeStep } from '@pipeline-panel/server/contracts';
import type { PipelinePort } from '@pipeline-panel/server/ports';
import { acquireHarness, downAddress, pipelinePort, removeProject, run, tempProject, type ServiceEnv } from './pipeline-support.ts';
import {
  clickhouseFor,
  createKafkaEngineDelivery,
  createOrdersTable,
  dropPipeline,
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
const database = `smoke_${run}`;
const created: PipelineNames[] = [];

before(
  async () => {
    ({ env, stop: stopHarness } = await acquireHarness());
    ch = clickhouseFor(env);
    await ch.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
    projectDir = tempProject('smoke');
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

/** Files + table (+ the Kafka-engine delivery stand-in unless told otherwise) for one test's pipeline. */
async function preparePipeline(
  label: string,
  opts: { table?: boolean; delivery?: 'full' | 'never' | 'none' } = {},
): Promise<PipelineNames> {
  const names = pipelineNames(run, label, database);
  created.push(names);
  writePipelineFiles(projectDir, names);
  if (opts.table !== false) await createOrdersTable(ch, names.database, names.table);
  const delivery = opts.delivery ?? 'full';
  if (delivery !== 'none') await createKafkaEngineDelivery(ch, env, names, delivery === 'never' ? '0' : '1');
  return names;
}

async function start(target: FastifyInstance, body: Record<string, unknown>): Promise<string> {
  const response = await target.inject({ method: 'POST', url: '/api/smoke-runs', payload: body });
  assert.equal(response.statusCode, 202, response.body);
  return (response.json() as { runId: string }).runId;
}

const step = (report: SmokeRunReport, name: SmokeStep['name']) => report.steps.find((s) => s.name === name)!;

async function topicEndOffset(topic: string): Promise<number> {
  const admin = new Kafka({ clientId: 'smoke-test', brokers: env.kafka.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, o) => sum + Number(o.high), 0);
  } finally {
    await admin.disconnect();
  }
}

describe('smoke test on the harness', () => {
  test('green end to end: every step ok, all rows arrive and equal their records field by field', { timeout: 300_000 }, async () => {
    const names = await preparePipeline('green');
    const listed = (await app.inject({ method: 'GET', url: '/api/pipelines' })).json() as {
      pipelines: { id: string; table: string; schemaFile: string | null }[];
    };
    assert.deepEqual(listed.pipelines.find((p) => p.id === names.id)?.schemaFile, `${names.topic}-value.avsc`);

    const runId = await start(app, { pipeline: names.id, records: 50, timeoutMs: 180_000 });
    assert.match(runId, /^smoke-\d{8}T\d{6}Z-[a-z0-9]+$/);
    const report = await waitForRun(app, runId);
    assert.equal(report.status, 'passed', stepLine(report));
    assert.deepEqual(
      report.steps.map((s) => s.status),
      ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
    );
    for (const s of report.steps) {
      assert.ok(s.startedAt, `${s.name} has a start time`);
      assert.equal(typeof s.durationMs, 'number');
    }
    assert.equal(report.delivery?.kind, 'kafka-engine');
    assert.equal(report.contract?.verdict, 'ok');
    assert.equal(report.produced, 50);
    assert.equal(report.arrived, 50);
    assert.deepEqual(report.mismatches, []);
    assert.equal(report.runIdField, 'order_id');
    assert.match(step(report, 'compare').detail, /^50 \/ 50 rows equal their records in all 8 columns/);

    // The rows really are there, typed: decimals and timestamps as ClickHouse stores them.
    const rows = await (
      await ch.query({
        query: `SELECT count() AS n, toTypeName(any(amount)) AS t FROM ${database}.${names.table} WHERE startsWith(order_id, {p:String})`,
        query_params: { p: `${runId}-` },
        format: 'JSONEachRow',
      })
    ).json<{ n: string | number; t: string }>();
    assert.deepEqual(
      rows.map((r) => ({ n: Number(r.n), t: r.t })),
      [{ n: 50, t: 'Decimal(12, 2)' }],
    );

    // A late subscriber gets every step replayed, then the final report.
    const events = await app.inject({ method: 'GET', url: `/api/smoke-runs/${runId}/events` });
    assert.equal(events.headers['content-type'], 'text/event-stream; charset=utf-8');
    assert.equal(events.body.match(/^event: step$/gm)?.length, 7);
    assert.match(events.body, /^event: done\ndata: \{"runId":"smoke-/m);

    // Running it again is idempotent for the registry: the schema is found, not registered twice.
    const again = await waitForRun(app, await start(app, { pipeline: names.id, records: 5, timeoutMs: 180_000 }));
    assert.equal(again.status, 'passed', stepLine(again));
    assert.match(step(again, 'schema').detail, /^already registered: .* v1 /);
    const list = (await app.inject({ method: 'GET', url: '/api/smoke-runs' })).json() as { runs: { runId: string }[] };
    assert.deepEqual(
      list.runs.slice(0, 2).map((r) => r.runId),
      [again.runId, runId],
    );
  });

  test('red at delivery when the table is missing: names ClickHouse and the sql/ fix', { timeout: 120_000 }, async () => {
    const names = await preparePipeline('notable', { table: false, delivery: 'none' });
    const report = await waitForRun(app, await start(app, { pipeline: names.id, records: 5, timeoutMs: 5_000 }));
    assert.equal(report.status, 'failed');
    assert.equal(report.failedStep, 'delivery', stepLine(report));
    const failure = step(report, 'delivery').failure!;
    assert.equal(failure.service, 'ClickHouse');
    assert.match(failure.message, new RegExp(`no table ${database}\\.${names.table}`));
    assert.match(failure.fix, /sql\//);
    assert.deepEqual(
      report.steps.slice(1).map((s) => s.status),
      ['skipped', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped'],
    );
  });

  test(
    'red at delivery when nothing moves the topic and the sink plugin is missing: the fix names the plugin, not just "deploy"',
    { timeout: 120_000 },
    async () => {
      // The harness worker has no ClickHouse sink plugin, so deploying the connector would be refused: that is the blocker.
      const names = await preparePipeline('nodelivery', { delivery: 'none' });
      const report = await waitForRun(app, await start(app, { pipeline: names.id, records: 5, timeoutMs: 5_000 }));
      assert.equal(report.failedStep, 'delivery', stepLine(report));
      const failure = step(report, 'delivery').failure!;
      assert.equal(failure.service, 'Kafka Connect');
      assert.match(
        failure.message,
        /no sink connector can be deployed yet: Plugin com\.clickhouse\.kafka\.connect\.ClickHouseSinkConnector is not installed/,
      );
      assert.match(failure.message, /Kafka-engine table/);
      assert.match(
        failure.fix,
        /^install the ClickHouse sink plugin first — .*docker compose build connect.*clickhouse-kafka-connect-v1\.5\.0\.zip/,
      );
      assert.match(failure.fix, new RegExp(`; then deploy connectors/${names.id}\\.json`));
    },
  );

  test(
    'red at schema when the subject holds an incompatible version under BACKWARD: asked first, then the registry refused it',
    { timeout: 120_000 },
    async () => {
      const names = await preparePipeline('incompatible');
      const subject = `${names.topic}-value`;
      await port.registry.register(
        subject,
        JSON.stringify({ type: 'record', name: 'Order', namespace: 'pipeline.orders', fields: [{ name: 'order_id', type: 'long' }] }),
      );
      await port.registry.setCompatibility(subject, 'BACKWARD');
      // Without consent the file's schema is not registered over the subject's latest version.
      const asked = await waitForRun(app, await start(app, { pipeline: names.id, records: 5, timeoutMs: 5_000 }));
      assert.equal(asked.failedStep, 'schema', stepLine(asked));
      assert.equal(step(asked, 'schema').failure?.code, 'SCHEMA_REGISTRATION_NEEDED');
      // With it, the registry has the last word.
      const report = await waitForRun(app, await start(app, { pipeline: names.id, records: 5, timeoutMs: 5_000, register: true }));
      assert.equal(report.failedStep, 'schema', stepLine(report));
      const failure = step(report, 'schema').failure!;
      assert.equal(failure.service, 'Schema Registry');
      assert.match(failure.message, new RegExp(`refused connectors/${names.topic}-value\\.avsc under ${subject}`));
      assert.match(failure.fix, /compatib/);
      assert.deepEqual(await port.registry.versions(subject), [1], 'nothing was registered');
      assert.equal(step(report, 'produce').status, 'skipped');
    },
  );

  test('red at produce when Kafka is down: names Kafka, its address and how to start it', { timeout: 120_000 }, async () => {
    const names = await preparePipeline('kafkadown');
    const down = await downAddress();
    const deadPort = pipelinePort(env, projectDir, { kafka: { brokers: [down] } });
    const deadApp = await smokeApp(deadPort, projectDir);
    try {
      const report = await waitForRun(deadApp, await start(deadApp, { pipeline: names.id, records: 5, timeoutMs: 5_000 }));
      assert.equal(report.failedStep, 'produce', stepLine(report));
      const failure = step(report, 'produce').failure!;
      assert.equal(failure.service, 'Kafka');
      assert.match(failure.message, new RegExp(`^Kafka at ${down} unreachable: `));
      assert.match(failure.fix, /harness|docker compose up -d kafka/);
      assert.deepEqual(
        ['delivery', 'contract', 'schema'].map((n) => step(report, n as SmokeStep['name']).status),
        ['ok', 'ok', 'ok'],
      );
    } finally {
      await deadApp.close();
      await deadPort.clickhouse.close();
    }
  });

  test(
    'red at arrive when rows never land: timeout names the table, counts, and the dead letters of the run',
    { timeout: 180_000 },
    async () => {
      const names = await preparePipeline('lost', { delivery: 'never' });
      const runId = await start(app, { pipeline: names.id, records: 10, timeoutMs: 15_000 });
      await waitForRun(app, runId, (r) => step(r, 'arrive').status !== 'pending');
      // Stand-in for the sink's dead-letter queue (Connect writes rejected records there with __connect.errors.* headers).
      const producer = new Kafka({ clientId: 'smoke-test', brokers: env.kafka.brokers, logLevel: logLevel.NOTHING }).producer({
        allowAutoTopicCreation: true,
      });
      await producer.connect();
      await producer.send({
        topic: names.dlq,
        messages: [
          {
            value: 'x',
            headers: {
              '__connect.errors.exception.class.name': 'org.apache.kafka.connect.errors.DataException',
              '__connect.errors.exception.message': 'stand-in: column amount cannot take this value',
            },
          },
        ],
      });
      await producer.disconnect();
      const report = await waitForRun(app, runId);
      assert.equal(report.failedStep, 'arrive', stepLine(report));
      const failure = step(report, 'arrive').failure!;
      assert.equal(failure.service, 'ClickHouse');
      assert.match(
        failure.message,
        new RegExp(`^Only 0 of 10 rows with run id ${runId} arrived in ${database}\\.${names.table} within 15000 ms`),
      );
      assert.match(
        failure.message,
        new RegExp(
          `dead-letter topic ${names.dlq} received 1 message\\(s\\) during the run: org\\.apache\\.kafka\\.connect\\.errors\\.DataException: stand-in: column amount`,
        ),
      );
      assert.match(failure.fix, new RegExp(names.dlq));
      assert.equal(step(report, 'compare').status, 'skipped');
    },
  );

  test(
    'cancel during arrive: the run ends cancelled at that step, later steps skipped, production stopped',
    { timeout: 180_000 },
    async () => {
      const names = await preparePipeline('cancel', { delivery: 'never' });
      const runId = await start(app, { pipeline: names.id, records: 20, timeoutMs: 600_000 });
      await waitForRun(app, runId, (r) => step(r, 'arrive').status === 'running');
      const cancel = await app.inject({ method: 'POST', url: `/api/smoke-runs/${runId}/cancel` });
      assert.deepEqual(cancel.json(), { runId, cancelled: true });
      const report = await waitForRun(app, runId);
      assert.equal(report.status, 'cancelled', stepLine(report));
      assert.equal(report.failedStep, 'arrive');
      assert.equal(step(report, 'arrive').status, 'cancelled');
      assert.deepEqual(
        ['compare', 'report'].map((n) => step(report, n as SmokeStep['name']).status),
        ['skipped', 'skipped'],
      );
      // Nothing half-done: all 20 records were produced before arrive began and nothing more is sent after cancel.
      assert.equal(await topicEndOffset(names.topic), 20);
      const second = await app.inject({ method: 'POST', url: `/api/smoke-runs/${runId}/cancel` });
      assert.deepEqual(second.json(), { runId, cancelled: false });
    },
  );

  test('bad input is refused with a specific 400/404 and starts nothing', async () => {
    const before = ((await app.inject({ method: 'GET', url: '/api/smoke-runs' })).json() as { runs: unknown[] }).runs.length;
    const cases: [Record<string, unknown>, number, string][] = [
      [{}, 400, 'VALIDATION_FAILED'],
      [{ pipeline: 'x', records: 0 }, 400, 'VALIDATION_FAILED'],
      [{ pipeline: 'x', records: 100_001 }, 400, 'VALIDATION_FAILED'],
      [{ pipeline: 'x', timeoutMs: 4_999 }, 400, 'VALIDATION_FAILED'],
      [{ pipeline: 'x', register: 'yes' }, 400, 'VALIDATION_FAILED'],
      [{ pipeline: 'x', cleanup: 'sometimes' }, 400, 'VALIDATION_FAILED'],
      [{ pipeline: 'no-such-pipeline' }, 404, 'PIPELINE_NOT_FOUND'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await app.inject({ method: 'POST', url: '/api/smoke-runs', payload });
      assert.equal(response.statusCode, status, JSON.stringify(payload));
      assert.equal((response.json() as { code: string }).code, code);
    }
    assert.equal(((await app.inject({ method: 'GET', url: '/api/smoke-runs' })).json() as { runs: unknown[] }).runs.length, before);
    assert.equal((await app.inject({ method: 'GET', url: '/api/smoke-runs/nope' })).statusCode, 404);
    assert.equal((await app.inject({ method: 'POST', url: '/api/smoke-runs/nope/cancel' })).statusCode, 404);
  });
});
