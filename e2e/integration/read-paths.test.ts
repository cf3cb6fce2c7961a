/**
 * The read paths on the harness, counted at the services: every client goes through a loopback proxy that counts
 * the requests reaching the service (HTTP: method and path; Kafka: requests by API, broker addresses rewritten so
 * kafkajs stays on the proxy). Proves that concurrent reads share one upstream call, that the panel's own writes are
 * visible in the next read, and that a service stopped and started again is used again without restarting the panel.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import type { ConnectorListResponse, SubjectListResponse, TableListResponse, TopicListResponse } from '@pipeline-panel/server/contracts';
import type { PipelinePort } from '@pipeline-panel/server/ports';
import { startCountingHttpProxy, type CountingHttpProxy } from '../harness/counting-http-proxy.ts';
import { remoteControl } from '../harness/control-client.ts';
import { startHarness, type HarnessControl } from '../harness/index.ts';
import { startKafkaProxy, type KafkaProxy } from '../harness/kafka-proxy.ts';
import { liveHarnessEnv } from '../harness/state.ts';
import { closePort, pipelineApp, pipelinePort, removeProject, run, tempProject, type ServiceEnv } from './pipeline-support.ts';

type App = Awaited<ReturnType<typeof pipelineApp>>;

const topic = `panel-reads-${run}`;
const subject = `panel-reads-${run}-value`;
const connector = `panel-reads-sink-${run}`;
const database = `panel_reads_${run}`;
const LISTS = {
  topics: '/api/topics',
  schemas: '/api/schemas',
  connectors: '/api/connectors',
  tables: '/api/clickhouse/tables',
} as const;

const avro = (fields: string[]) =>
  JSON.stringify({ type: 'record', name: 'Reads', fields: fields.map((name) => ({ name, type: 'string' })) });

let env: ServiceEnv;
let control: HarnessControl;
let stopHarness = async () => {};
let projectDir: string;
let port: PipelinePort;
let app: App;
const proxies = {} as { kafka: KafkaProxy; registry: CountingHttpProxy; connect: CountingHttpProxy; clickhouse: CountingHttpProxy };

const get = async (url: string) => app.inject({ method: 'GET', url });
const send = async (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => {
  const res = await app.inject({ method, url, payload });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
  return res;
};

/** Every request that reached a service since `resetCounts()`, as "service: request" → count. */
function upstreamCalls(): Map<string, number> {
  const calls = new Map<string, number>();
  for (const [name, proxy] of Object.entries(proxies)) for (const [call, n] of proxy.counts()) calls.set(`${name}: ${call}`, n);
  return calls;
}
const resetCounts = () => Object.values(proxies).forEach((p) => p.reset());
/** What the panel holds of every service is dropped, as after a write announced for each. */
const dropCaches = () => (['Kafka', 'Schema Registry', 'Kafka Connect', 'ClickHouse'] as const).forEach((u) => port.changes!.announce(u));

/** Polls `url` until `done(status, body)`; past `timeoutMs` fails with the last answer. */
async function until(url: string, done: (status: number, body: string) => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await get(url);
    if (done(res.statusCode, res.body)) return;
    if (Date.now() > deadline) {
      throw new Error(`${url} never ${what} within ${timeoutMs} ms; last answer: ${res.statusCode} ${res.body.slice(0, 300)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

before(
  async () => {
    const live = liveHarnessEnv();
    if (live) {
      env = live;
      control = remoteControl(live);
    } else {
      const harness = await startHarness({ log: (line) => console.error(line) });
      env = harness;
      control = harness.control;
      stopHarness = () => harness.stop();
    }
    proxies.kafka = await startKafkaProxy(env.kafka.brokers[0]!);
    proxies.registry = await startCountingHttpProxy(env.registry.url);
    proxies.connect = await startCountingHttpProxy(env.connect.url);
    proxies.clickhouse = await startCountingHttpProxy(env.clickhouse.url);
    projectDir = tempProject('read-paths');
    port = pipelinePort(env, projectDir, {
      kafka: { brokers: [proxies.kafka.address] },
      registry: { url: proxies.registry.url },
      connect: { ...env.connect, url: proxies.connect.url },
      clickhouse: { ...env.clickhouse, url: proxies.clickhouse.url },
    });
    app = await pipelineApp(port);

    // Something in each list, created beside the panel (straight at the services).
    const admin = new Kafka({ clientId: 'read-paths-seed', brokers: env.kafka.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3, replicationFactor: 1 }] });
    await admin.disconnect();
    const registered = await fetch(`${env.registry.url}/subjects/${subject}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: avro(['id']) }),
    });
    assert.equal(registered.status, 200, await registered.text());
    writeFileSync(
      join(projectDir, 'connectors', 'reads-sink.json'),
      JSON.stringify({
        name: connector,
        config: {
          'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
          'tasks.max': '1',
          topics: topic,
          file: join(tmpdir(), `${connector}.out`),
          'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
        },
      }),
    );
    writeFileSync(
      join(projectDir, 'sql', '001_reads.sql'),
      `CREATE DATABASE IF NOT EXISTS ${database};\nCREATE TABLE IF NOT EXISTS ${database}.reads (id UInt64) ENGINE = MergeTree ORDER BY id;\n`,
    );
  },
  { timeout: 600_000 },
);

after(
  async () => {
    await app?.close();
    await closePort(port);
    await Promise.all(Object.values(proxies).map((p) => p?.close()));
    if (projectDir) removeProject(projectDir);
    await stopHarness();
  },
  { timeout: 120_000 },
);

describe('read paths: shared, fresh after own writes, back after an outage', { timeout: 600_000 }, () => {
  test('50 concurrent requests to each list cost the upstream calls of one', async () => {
    for (const [name, url] of Object.entries(LISTS)) {
      // Twice, so kafkajs' metadata and the registry's per-subject ids are warm: then one request's calls are stable.
      for (let i = 0; i < 2; i++) {
        dropCaches();
        assert.equal((await get(url)).statusCode, 200, name);
      }
      dropCaches();
      resetCounts();
      assert.equal((await get(url)).statusCode, 200);
      const one = upstreamCalls();
      assert.ok(one.size > 0, `${name}: one request reached no service at all`);

      dropCaches();
      resetCounts();
      const sentAt = Date.now();
      const answers = await Promise.all(Array.from({ length: 50 }, () => get(url)));
      assert.deepEqual(
        answers.map((a) => a.statusCode),
        Array(50).fill(200),
      );
      const fifty = upstreamCalls();
      assert.deepEqual(Object.fromEntries(fifty), Object.fromEntries(one), `${name}: 50 concurrent requests, the calls of one`);
      for (const [call, n] of fifty) if (!call.startsWith('kafka:')) assert.equal(n, 1, `${name}: ${call} sent once`);
      const fetchedAt = new Set(answers.map((a) => a.json<{ fetchedAt: string }>().fetchedAt));
      assert.equal(fetchedAt.size, 1, `${name}: every answer is the same read`);
      // The caches were dropped, so the one read began after the requests were sent; the age header says how old it is.
      assert.ok(Date.parse([...fetchedAt][0]!) >= sentAt, `${name}: fetchedAt ${[...fetchedAt][0]} is this burst's read`);
      const age = Number(answers[0]!.headers['x-data-age-ms']);
      assert.ok(Number.isFinite(age) && age >= 0, `${name}: X-Data-Age-Ms ${age}`);

      // Within the second the answers are kept, a request reaches no service.
      resetCounts();
      assert.equal((await get(url)).statusCode, 200);
      assert.equal(upstreamCalls().size, 0, `${name}: a repeated read within the cache time is answered from the cache`);
    }
  });

  test('a write through the panel is visible in the very next read', async () => {
    // Each list is read (and so cached) before the write.
    const topics = async () => (await get(LISTS.topics)).json<TopicListResponse>().topics.map((t) => t.name);
    const created = `${topic}-new`;
    assert.ok(!(await topics()).includes(created));
    await send('POST', '/api/topics', { name: created, partitions: 1 });
    assert.ok((await topics()).includes(created), 'the created topic is in the next list');

    const subjects = async () => (await get(LISTS.schemas)).json<SubjectListResponse>().subjects.find((s) => s.subject === subject);
    assert.equal((await subjects())?.latestVersion, 1);
    await send('POST', `/api/schemas/${subject}/versions`, {
      schema: avro(['id', 'extra']).replace('"string"}]', '"string","default":""}]'),
    });
    assert.equal((await subjects())?.latestVersion, 2, 'the registered version is in the next list');
    await send('PUT', `/api/schemas/${subject}/compatibility`, { level: 'FULL' });
    assert.equal((await subjects())?.compatibility, 'FULL', 'the compatibility set is in the next list');

    const connectors = async () => (await get(LISTS.connectors)).json<ConnectorListResponse>().connectors.map((c) => c.name);
    assert.ok(!(await connectors()).includes(connector));
    await send('POST', '/api/connector-files/reads-sink.json/deploy');
    assert.ok((await connectors()).includes(connector), 'the deployed connector is in the next list');

    const tables = async () =>
      (await get(LISTS.tables))
        .json<TableListResponse>()
        .tables.filter((t) => t.database === database)
        .map((t) => t.name);
    assert.deepEqual(await tables(), []);
    await send('POST', '/api/sql-files/001_reads.sql/apply');
    assert.deepEqual(await tables(), ['reads'], 'the table from the applied file is in the next list');

    await send('DELETE', `/api/connectors/${connector}`, { confirm: connector });
    assert.ok(!(await connectors()).includes(connector), 'the deleted connector is gone from the next list');
  });

  test('Kafka away and back (its connection cut at the proxy): the shared admin and producer reconnect by themselves', async () => {
    const endOffset = async () => (await get(LISTS.topics)).json<TopicListResponse>().topics.find((t) => t.name === topic)!.endOffset;
    const produce = (value: string) => port.kafka.withProducer((producer) => producer.send({ topic, acks: -1, messages: [{ value }] }));
    const before = await endOffset();
    await produce('before the outage');
    assert.equal(await endOffset(), before + 1, "the shared producer's write is in the next read");

    await proxies.kafka.cut();
    await until(LISTS.topics, (status, body) => status === 503 && body.includes('KAFKA_UNAVAILABLE'), 'said Kafka is unavailable', 30_000);
    await assert.rejects(produce('during the outage'), (error: unknown) => (error as { code?: string }).code === 'KAFKA_UNAVAILABLE');
    await proxies.kafka.restore();
    await until(LISTS.topics, (status) => status === 200, 'answered again', 30_000);
    await until(`/api/topics/${topic}`, (status) => status === 200, 'described the topic again', 30_000);
    await produce('after the outage');
    assert.equal(await endOffset(), before + 2, 'the producer sends again without a restart');
  });

  test('the registry away and back (cut at the proxy)', async () => {
    await proxies.registry.cut();
    await until(
      LISTS.schemas,
      (status, body) => status === 503 && body.includes('SCHEMA_REGISTRY_UNAVAILABLE'),
      'said unavailable',
      30_000,
    );
    await proxies.registry.restore();
    await until(LISTS.schemas, (status) => status === 200, 'answered again', 30_000);
  });

  test('ClickHouse stopped and started in place (harness control)', async () => {
    await until(LISTS.tables, (status) => status === 200, 'answered');
    await control.clickhouseStop();
    try {
      await until(LISTS.tables, (status, body) => status === 503 && body.includes('CLICKHOUSE_UNAVAILABLE'), 'said unavailable', 30_000);
    } finally {
      await control.clickhouseStart();
    }
    await until(LISTS.tables, (status) => status === 200, 'answered again', 30_000);
  });

  test('the Connect worker killed and started again (harness control)', async () => {
    await until(LISTS.connectors, (status) => status === 200, 'answered');
    await control.connectKill();
    try {
      await until(LISTS.connectors, (status, body) => status === 503 && body.includes('CONNECT_UNAVAILABLE'), 'said unavailable', 30_000);
    } finally {
      await control.connectStart();
    }
    await until(LISTS.connectors, (status) => status === 200, 'answered again', 120_000);
  });
});
