/**
 * The sink tier: the official ClickHouse sink (clickhouse-kafka-connect v1.5.0) on the harness's Connect worker,
 * writing through the harness's ClickHouse adapter. connectors/orders-clickhouse-sink.json is deployed through the
 * panel with only its host, port, converter and registry keys adapted (harness/connector-for-harness.ts); its table
 * comes from sql/001_orders.sql. Checks: the panel's smoke test through the sink (100 and 10 000 records); an
 * undecodable and a type-mismatched record land in the dead-letter topic with their __connect.errors.* headers while
 * the task keeps RUNNING; ClickHouse away for 30 s and the Connect worker SIGKILLed while records flow lose no row
 * (duplicates are counted and reported: exactlyOnce=false is at-least-once).
 *
 * The sink is not on Maven Central: give it with HARNESS_CONNECT_PLUGINS (see harness/connect-plugins.ts), else the
 * tier skips with one line saying so.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { ClickHouseClient } from '@clickhouse/client';
import type { FastifyInstance } from 'fastify';
import { Kafka, logLevel } from 'kafkajs';
import type { DeployResult, SmokeRunReport } from '@pipeline-panel/server/contracts';
import type { PipelinePort } from '@pipeline-panel/server/ports';
import { createConfluentEncoder } from '@pipeline-panel/server/registry/confluent-encoder';
import { createRegistryClient } from '@pipeline-panel/server/registry/index';
import { GIVE_SINK_HINT } from '../harness/connect-plugins.ts';
import { liveHarnessEnv } from '../harness/state.ts';
import { pipelinePort, removeProject, run, tempProject } from '../integration/pipeline-support.ts';
import {
  clickhouseFor,
  createOrdersTable,
  smokeApp,
  stepLine,
  waitForRun,
  writePipelineFiles,
  pipelineNames,
  ORDERS_SCHEMA,
  type PipelineNames,
} from '../integration/smoke-support.ts';
import {
  acquireSinkHarness,
  connectedProducer,
  connectorState,
  countRows,
  orderFactory,
  producePaced,
  sinkPluginVersion,
  waitForRows,
  waitRunning,
  writeHarnessConnector,
  type SinkHarness,
} from './sink-support.ts';

// Decided before any test is registered, so a machine without the sink prints one line and runs nothing.
const live = liveHarnessEnv();
const version = live ? await sinkPluginVersion(live.connect.url).catch(() => null) : null;
const available = version !== null || (!live && Boolean(process.env.HARNESS_CONNECT_PLUGINS));
if (!available) {
  console.log(
    `sink tier skipped: the ClickHouse sink (com.clickhouse.kafka.connect.ClickHouseSinkConnector) is not on the harness worker; give it with ${GIVE_SINK_HINT}`,
  );
}

let harness: SinkHarness;
let ch: ClickHouseClient;
let projectDir: string;
let port: PipelinePort;
let app: FastifyInstance;
let names: PipelineNames;
const database = `sink_${run}`;

/** A per-test prefix for order ids, so each check counts only its own rows. */
const prefix = (label: string) => `${label}-${run}`;

async function smoke(records: number, timeoutMs: number): Promise<SmokeRunReport> {
  const response = await app.inject({ method: 'POST', url: '/api/smoke-runs', payload: { pipeline: names.id, records, timeoutMs } });
  assert.equal(response.statusCode, 202, response.body);
  return waitForRun(app, (response.json() as { runId: string }).runId, undefined, timeoutMs + 120_000);
}

describe('the official ClickHouse sink on the harness', { skip: !available, timeout: 1_800_000 }, () => {
  before(
    async () => {
      harness = await acquireSinkHarness();
      const { env } = harness;
      ch = clickhouseFor(env);
      projectDir = tempProject('sink');
      names = pipelineNames(run, 'sink', database);
      writePipelineFiles(projectDir, names);
      const file = writeHarnessConnector(projectDir, env, names);
      await createOrdersTable(ch, database, names.table);
      const admin = new Kafka({ clientId: 'sink-tier', brokers: env.kafka.brokers, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      await admin.createTopics({
        topics: [
          { topic: names.topic, numPartitions: 1 },
          { topic: names.dlq, numPartitions: 1 },
        ],
        waitForLeaders: true,
      });
      await admin.disconnect();
      port = pipelinePort(env, projectDir);
      app = await smokeApp(port, projectDir);
      const deployed = await app.inject({ method: 'POST', url: `/api/connector-files/${file}/deploy` });
      assert.equal(deployed.statusCode, 200, deployed.body);
      assert.equal(deployed.json<DeployResult>().preflight.ok, true, deployed.body);
      await waitRunning(env.connect.url, names.id);
      console.log(`sink tier: ClickHouse sink ${version ?? '(in-process harness)'} RUNNING as ${names.id} → ${database}.${names.table}`);
    },
    { timeout: 600_000 },
  );

  after(
    async () => {
      if (harness) await fetch(`${harness.env.connect.url}/connectors/${names.id}`, { method: 'DELETE' }).catch(() => undefined);
      await app?.close();
      await port?.clickhouse.close();
      await ch?.command({ query: `DROP DATABASE IF EXISTS ${database} SYNC` }).catch(() => undefined);
      await ch?.close();
      if (projectDir) removeProject(projectDir);
      await harness?.stop();
    },
    { timeout: 120_000 },
  );

  for (const [records, timeoutMs] of [
    [100, 120_000],
    [10_000, 420_000],
  ] as const) {
    test(
      `the panel's smoke test through the sink passes with ${records.toLocaleString('en')} records`,
      { timeout: timeoutMs + 180_000 },
      async () => {
        const report = await smoke(records, timeoutMs);
        assert.equal(report.status, 'passed', stepLine(report));
        assert.equal(report.delivery?.kind, 'connector', JSON.stringify(report.delivery));
        assert.equal(report.delivery?.via, names.id);
        assert.equal(report.arrived, records);
        assert.deepEqual(report.mismatches, []);
        const state = await connectorState(harness.env.connect.url, names.id);
        assert.deepEqual(
          state?.tasks.map((t) => t.state),
          ['RUNNING'],
        );
      },
    );
  }

  test(
    'an undecodable and a type-mismatched record land in the DLQ with __connect.errors.* headers; the task stays RUNNING',
    { timeout: 300_000 },
    async () => {
      const { env } = harness;
      // Type mismatch: a schema whose `quantity` is a string, registered under its own subject (the id is valid, the
      // converter decodes it, the sink cannot write "many" into Int32). Sent alone: the sink reports a failed batch whole.
      const mismatchSchema = JSON.parse(readFileSync(ORDERS_SCHEMA, 'utf8')) as { fields: Array<{ name: string; type: unknown }> };
      mismatchSchema.fields = mismatchSchema.fields.map((f) => (f.name === 'quantity' ? { ...f, type: 'string' } : f));
      const { id } = await createRegistryClient({ url: env.registry.url, timeoutMs: 10_000 }).register(
        `${names.topic}-mismatch-value`,
        JSON.stringify(mismatchSchema),
      );
      const good = await orderFactory(env, names.topic, prefix('dlq'), 1);
      const mismatched = { ...good.records[0]!, order_id: `${prefix('dlq')}-mismatch`, quantity: 'many' };
      const producer = await connectedProducer(env);
      const consumer = new Kafka({ clientId: 'sink-tier-dlq', brokers: env.kafka.brokers, logLevel: logLevel.NOTHING }).consumer({
        groupId: `sink-dlq-${run}`,
      });
      const seen: Array<{ key: string; headers: Record<string, string> }> = [];
      try {
        await consumer.connect();
        await consumer.subscribe({ topic: names.dlq, fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ message }) => {
            const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
            seen.push({ key: String(message.key), headers });
          },
        });
        await producer.send({
          topic: names.topic,
          acks: -1,
          messages: [{ key: mismatched.order_id, value: await createConfluentEncoder(env.registry.url).encode(id, mismatched) }],
        });
        await waitFor(() => seen.some((m) => m.key === mismatched.order_id), 'the type-mismatched record in the DLQ');
        await producer.send({
          topic: names.topic,
          acks: -1,
          messages: [{ key: `${prefix('dlq')}-garbage`, value: Buffer.from('not avro: no magic byte') }],
        });
        await waitFor(() => seen.some((m) => m.key === `${prefix('dlq')}-garbage`), 'the undecodable record in the DLQ');
      } finally {
        await producer.disconnect();
        await consumer.disconnect();
      }
      for (const key of [mismatched.order_id, `${prefix('dlq')}-garbage`]) {
        const { headers } = seen.find((m) => m.key === key)!;
        assert.equal(headers['__connect.errors.topic'], names.topic, JSON.stringify(headers));
        assert.ok(headers['__connect.errors.exception.class.name'], JSON.stringify(headers));
        assert.ok('__connect.errors.offset' in headers && '__connect.errors.partition' in headers, JSON.stringify(headers));
      }
      const garbage = seen.find((m) => m.key === `${prefix('dlq')}-garbage`)!.headers;
      assert.equal(garbage['__connect.errors.stage'], 'VALUE_CONVERTER', JSON.stringify(garbage));
      const state = await connectorState(env.connect.url, names.id);
      assert.deepEqual([state?.connector, state?.tasks.map((t) => t.state)], ['RUNNING', ['RUNNING']]);
      assert.equal((await countRows(ch, names, prefix('dlq'))).rows, 0);
    },
  );

  test('ClickHouse away for 30 s while records flow: 0 rows lost once it is back', { timeout: 600_000 }, async () => {
    const label = prefix('outage');
    const count = 5_000;
    let downAt = 0;
    const sent = await producePaced(harness.env, names.topic, label, {
      count,
      perSecond: 100,
      at: async (second) => {
        if (second === 5) {
          await harness.control.clickhouseStop();
          downAt = Date.now();
        }
        if (downAt && Date.now() - downAt >= 30_000 && second > 5) {
          await harness.control.clickhouseStart();
          downAt = 0;
        }
      },
    });
    if (downAt) await harness.control.clickhouseStart();
    const counted = await waitForRows(ch, names, label, sent, 300_000);
    report('ClickHouse outage', sent, counted);
    assert.equal(sent - counted.distinct, 0, `${sent - counted.distinct} of ${sent} rows lost`);
    await waitRunning(harness.env.connect.url, names.id, 60_000);
  });

  test('the Connect worker SIGKILLed while records flow, then restarted: 0 rows lost', { timeout: 900_000 }, async () => {
    const label = prefix('kill');
    const count = 4_000;
    const sent = await producePaced(harness.env, names.topic, label, {
      count,
      perSecond: 100,
      at: async (second) => {
        if (second === 10) await harness.control.connectKill();
        if (second === 15) await harness.control.connectStart();
      },
    });
    await waitRunning(harness.env.connect.url, names.id, 300_000);
    const counted = await waitForRows(ch, names, label, sent, 420_000);
    report('Connect worker SIGKILL', sent, counted);
    assert.equal(sent - counted.distinct, 0, `${sent - counted.distinct} of ${sent} rows lost`);
  });
});

function report(what: string, sent: number, counted: { rows: number; distinct: number }): void {
  console.log(
    `sink tier: ${what}: ${sent} produced, ${counted.distinct} distinct rows (${sent - counted.distinct} lost), ${counted.rows - counted.distinct} duplicate rows (at-least-once)`,
  );
}

async function waitFor(done: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not seen within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
