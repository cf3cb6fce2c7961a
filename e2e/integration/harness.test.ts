/**
 * Proves each harness service is real and reachable. Uses the running harness from `tsx harness/cli.ts up`
 * (e2e/.harness/env.json with live pids) or starts one for this file.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { Kafka, logLevel } from 'kafkajs';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { startHarness } from '../harness/index.ts';
import { liveHarnessEnv, type HarnessEnv } from '../harness/state.ts';

type Env = Pick<HarnessEnv, 'kafka' | 'connect' | 'registry' | 'clickhouse'>;

let env: Env;
let stop: () => Promise<void> = async () => {};
const run = `${Date.now()}-${process.pid}`;

before(
  async () => {
    const live = liveHarnessEnv();
    if (live) {
      env = live;
      return;
    }
    const harness = await startHarness({ log: (line) => console.error(line) });
    env = harness;
    stop = () => harness.stop();
  },
  { timeout: 600_000 },
);

after(async () => {
  await stop();
});

describe('harness: Kafka broker (KRaft)', () => {
  test('a record produced with kafkajs is consumed back', { timeout: 60_000 }, async () => {
    const kafka = new Kafka({ clientId: 'harness-test', brokers: env.kafka.brokers, logLevel: logLevel.NOTHING });
    const topic = `harness-test-${run}`;
    const admin = kafka.admin();
    await admin.connect();
    // kafkajs 2.2.4 waits for the new topic's metadata but retries only on LEADER_NOT_AVAILABLE; a Kafka 4.x broker
    // can answer UNKNOWN_TOPIC_OR_PARTITION for a moment instead. The topic is created either way; wait for its leader.
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] }).catch((error: { type?: string }) => {
      if (error.type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw error;
    });
    await poll(async () => {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      return topics[0]?.partitions[0]?.leader === 1 ? true : undefined;
    }, 30_000);
    const cluster = await admin.describeCluster();
    await admin.disconnect();
    assert.equal(cluster.brokers.length, 1);

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k', value: `hello ${run}` }] });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `harness-test-${run}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const value = await new Promise<string>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(message.value?.toString() ?? '') });
    });
    await consumer.disconnect();
    assert.equal(value, `hello ${run}`);
  });
});

describe('harness: Kafka Connect worker', () => {
  test('a FileStreamSink connector deployed over REST reaches RUNNING and writes the topic to its file', { timeout: 90_000 }, async () => {
    const root = (await (await fetch(`${env.connect.url}/`)).json()) as { version: string };
    assert.match(root.version, /^4\./);
    const topic = `harness-sink-${run}`;
    const kafka = new Kafka({ clientId: 'harness-test', brokers: env.kafka.brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    await producer.send({ topic, messages: [{ value: JSON.stringify({ line: run }) }] });
    await producer.disconnect();

    const file = join(mkdtempSync(join(tmpdir(), 'harness-sink-')), 'out.txt');
    const name = `harness-file-sink-${run}`;
    const put = await fetch(`${env.connect.url}/connectors/${name}/config`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
        'tasks.max': '1',
        topics: topic,
        file,
      }),
    });
    assert.equal(put.status, 201, await put.text());
    try {
      const state = await poll(async () => {
        const res = await fetch(`${env.connect.url}/connectors/${name}/status`);
        if (!res.ok) return undefined;
        const status = (await res.json()) as { connector: { state: string }; tasks: Array<{ state: string }> };
        return status.connector.state === 'RUNNING' && status.tasks[0]?.state === 'RUNNING' ? status : undefined;
      }, 60_000);
      assert.equal(state.tasks.length, 1);
      const written = await poll(
        async () => (existsSync(file) && readFileSync(file, 'utf8').includes(run) ? readFileSync(file, 'utf8') : undefined),
        60_000,
      );
      assert.match(written, new RegExp(run));
    } finally {
      await fetch(`${env.connect.url}/connectors/${name}`, { method: 'DELETE' });
    }
  });
});

describe('harness: schema registry (Apicurio, Confluent-compatible API)', () => {
  const json = { 'Content-Type': 'application/vnd.schemaregistry.v1+json' };
  const subject = `harness-${run}-value`;
  const v1 = { type: 'record', name: 'Event', fields: [{ name: 'id', type: 'long' }] };
  const v2 = { ...v1, fields: [...v1.fields, { name: 'note', type: 'string', default: '' }] };
  const broken = { ...v1, fields: [{ name: 'id', type: 'string' }] };

  test('registers a first version, accepts a backward-compatible one and refuses an incompatible one with a reason', async () => {
    const first = await fetch(`${env.registry.url}/subjects/${subject}/versions`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ schema: JSON.stringify(v1) }),
    });
    assert.equal(first.status, 200, await first.clone().text());
    assert.equal(typeof ((await first.json()) as { id: number }).id, 'number');

    const subjects = (await (await fetch(`${env.registry.url}/subjects`)).json()) as string[];
    assert.ok(subjects.includes(subject));

    const level = await fetch(`${env.registry.url}/config/${subject}`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ compatibility: 'BACKWARD' }),
    });
    assert.equal(level.status, 200);
    assert.equal(
      ((await (await fetch(`${env.registry.url}/config/${subject}`)).json()) as { compatibilityLevel: string }).compatibilityLevel,
      'BACKWARD',
    );

    const ok = await fetch(`${env.registry.url}/compatibility/subjects/${subject}/versions/latest`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ schema: JSON.stringify(v2) }),
    });
    assert.deepEqual(await ok.json(), { is_compatible: true });
    const bad = await fetch(`${env.registry.url}/compatibility/subjects/${subject}/versions/latest`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ schema: JSON.stringify(broken) }),
    });
    assert.deepEqual(await bad.json(), { is_compatible: false });

    const refused = await fetch(`${env.registry.url}/subjects/${subject}/versions`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ schema: JSON.stringify(broken) }),
    });
    assert.equal(refused.status, 409);
    assert.match(((await refused.json()) as { message: string }).message, /incompatible/i);

    const second = await fetch(`${env.registry.url}/subjects/${subject}/versions`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ schema: JSON.stringify(v2) }),
    });
    assert.equal(second.status, 200);
    assert.deepEqual(await (await fetch(`${env.registry.url}/subjects/${subject}/versions`)).json(), [1, 2]);
  });
});

describe('harness: ClickHouse (chdb behind the HTTP adapter)', () => {
  let client: ClickHouseClient;
  before(() => {
    client = createClient({ url: env.clickhouse.url, username: env.clickhouse.user, password: env.clickhouse.password });
  });
  after(async () => {
    await client.close();
  });

  test('ping, DDL, JSONEachRow insert, typed query with parameters', async () => {
    assert.deepEqual(await client.ping(), { success: true });
    const table = `harness_${run.replace(/-/g, '_')}`;
    await client.command({ query: `CREATE TABLE ${table} (id UInt32, name String, at DateTime64(3)) ENGINE = MergeTree ORDER BY id` });
    const inserted = await client.insert({
      table,
      values: [
        { id: 1, name: "it's", at: '2024-01-01 00:00:00.123' },
        { id: 2, name: 'b\\c', at: '2024-01-01 00:00:01.000' },
      ],
      format: 'JSONEachRow',
    });
    assert.equal(inserted.summary?.written_rows, '2');
    const rows = await (
      await client.query({
        query: `SELECT id, name, at FROM ${table} WHERE name IN {names:Array(String)} ORDER BY id`,
        format: 'JSONEachRow',
        query_params: { names: ["it's", 'b\\c'] },
      })
    ).json();
    assert.deepEqual(rows, [
      { id: 1, name: "it's", at: '2024-01-01 00:00:00.123' },
      { id: 2, name: 'b\\c', at: '2024-01-01 00:00:01.000' },
    ]);
    const json = await (
      await client.query({ query: `SELECT count() AS c FROM ${table} WHERE id > {min:UInt32}`, format: 'JSON', query_params: { min: 1 } })
    ).json<{ c: string }>();
    assert.equal(Number(json.data[0]?.c), 1);
    assert.deepEqual(json.meta, [{ name: 'c', type: 'UInt64' }]);
  });

  test('settings apply to one request only', async () => {
    const limited = await (
      await client.query({ query: "SELECT getSetting('max_threads') AS t", format: 'JSONEachRow', clickhouse_settings: { max_threads: 1 } })
    ).json<{ t: number }>();
    const plain = await (
      await client.query({ query: "SELECT getSetting('max_threads') AS t", format: 'JSONEachRow' })
    ).json<{ t: number }>();
    assert.equal(Number(limited[0]?.t), 1);
    assert.notEqual(Number(plain[0]?.t), 0);
  });

  test('errors carry ClickHouse code and type', async () => {
    await assert.rejects(
      client.query({ query: 'SELECT * FROM harness_no_such_table', format: 'JSONEachRow' }),
      (error: Error & { code?: string; type?: string }) => {
        assert.equal(error.code, '60');
        assert.equal(error.type, 'UNKNOWN_TABLE');
        return true;
      },
    );
    const stranger = createClient({ url: env.clickhouse.url, username: 'default', password: 'wrong' });
    await assert.rejects(stranger.query({ query: 'SELECT 1' }), (error: Error & { code?: string }) => error.code === '516');
    await stranger.close();
  });
});

describe('harness: ClickHouse Kafka engine reads Confluent-framed Avro through the registry', () => {
  test('rows produced with @kafkajs/confluent-schema-registry arrive typed in a MergeTree table', { timeout: 120_000 }, async () => {
    const client = createClient({ url: env.clickhouse.url, username: env.clickhouse.user, password: env.clickhouse.password });
    const registry = new SchemaRegistry({ host: env.registry.url });
    const id = run.replace(/-/g, '_');
    const topic = `harness-avro-${run}`;
    const schema = {
      type: 'record',
      name: 'Reading',
      namespace: 'harness',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'label', type: 'string' },
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'note', type: ['null', 'string'], default: null },
      ],
    };
    const { id: schemaId } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
      { subject: `${topic}-value` },
    );
    const columns = 'id Int64, label String, at DateTime64(3), note Nullable(String)';
    try {
      await client.command({ query: `CREATE TABLE readings_${id} (${columns}) ENGINE = MergeTree ORDER BY id` });
      const literal = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
      await client.command({
        query:
          `CREATE TABLE readings_queue_${id} (${columns}) ENGINE = Kafka SETTINGS ` +
          `kafka_broker_list = ${literal(env.kafka.brokers.join(','))}, kafka_topic_list = ${literal(topic)}, ` +
          `kafka_group_name = ${literal(`harness-${run}`)}, kafka_format = 'AvroConfluent', ` +
          `format_avro_schema_registry_url = ${literal(env.registry.url)}`,
      });
      await client.command({ query: `CREATE MATERIALIZED VIEW readings_mv_${id} TO readings_${id} AS SELECT * FROM readings_queue_${id}` });

      const kafka = new Kafka({ clientId: 'harness-test', brokers: env.kafka.brokers, logLevel: logLevel.NOTHING });
      const producer = kafka.producer({ allowAutoTopicCreation: true });
      await producer.connect();
      const records = Array.from({ length: 20 }, (_, i) => ({
        id: i,
        label: `r${i}`,
        at: 1_700_000_000_000 + i,
        note: i % 2 === 0 ? `n${i}` : null,
      }));
      await producer.send({
        topic,
        messages: await Promise.all(records.map(async (r) => ({ value: await registry.encode(schemaId, r) }))),
      });
      await producer.disconnect();

      const rows = await poll(async () => {
        const result = await (
          await client.query({
            query: `SELECT id, label, toUnixTimestamp64Milli(at) AS at, note FROM readings_${id} ORDER BY id`,
            format: 'JSONEachRow',
          })
        ).json<{ id: number; label: string; at: number; note: string | null }>();
        return result.length === records.length ? result : undefined;
      }, 90_000);
      assert.deepEqual(
        rows.map((r) => ({ ...r, id: Number(r.id), at: Number(r.at) })),
        records,
      );
    } finally {
      for (const t of [`readings_mv_${id}`, `readings_queue_${id}`, `readings_${id}`])
        await client.command({ query: `DROP TABLE IF EXISTS ${t}` }).catch(() => undefined);
      await client.close();
    }
  });
});

async function poll<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
