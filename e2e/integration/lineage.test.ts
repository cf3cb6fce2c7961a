/**
 * The Pipelines screen on the harness: two pipelines, one delivered by a Kafka-engine table + materialized view
 * (JSONEachRow), one described by a ClickHouse sink file that is not deployed, so its group lags on purpose. The
 * panel runs as on a host (server.ts); the figures come over GET /api/stack/events?figures=true.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { FiguresEvent, GroupNode, PipelineGraph, PipelinesGraphResponse, TableNode } from '@pipeline-panel/server/contracts';
import { startPanelServer, type PanelServer } from '../harness/panel-server.ts';
import { panelEnv } from '../browser/pages/services-panel.ts';
import { acquireHarness, removeProject, run, tempProject, type ServiceEnv } from './pipeline-support.ts';
import { clickhouseFor } from './smoke-support.ts';

const database = `lineage_${run}`;
const flowing = { topic: `lineage-flow-${run}`, table: 'flow' };
const lagging = { topic: `lineage-lag-${run}`, table: 'lag', connector: `lineage-lag-${run}` };
const FIGURES_WINDOW_MS = 40_000;
const json = (table: string) => `CREATE TABLE ${database}.${table} (id UInt32, note String) ENGINE = MergeTree ORDER BY id`;

let env: ServiceEnv;
let stopHarness = async () => {};
let panel: PanelServer;
let projectDir: string;
let producer: Producer;
const ch = () => clickhouseFor(env);

before(
  async () => {
    ({ env, stop: stopHarness } = await acquireHarness());
    projectDir = tempProject('lineage');
    const client = ch();
    await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
    await client.command({ query: json(flowing.table) });
    await client.command({ query: json(lagging.table) });
    const kafka = new Kafka({ brokers: env.kafka.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [flowing.topic, lagging.topic].map((topic) => ({ topic, numPartitions: 1 })),
    });
    await admin.disconnect();
    await client.command({
      query:
        `CREATE TABLE ${database}.flow_queue (id UInt32, note String) ENGINE = Kafka SETTINGS kafka_broker_list = '${env.kafka.brokers.join(',')}', ` +
        `kafka_topic_list = '${flowing.topic}', kafka_group_name = 'clickhouse-${flowing.topic}', kafka_format = 'JSONEachRow', kafka_flush_interval_ms = 500`,
    });
    await client.command({
      query: `CREATE MATERIALIZED VIEW ${database}.flow_mv TO ${database}.${flowing.table} AS SELECT * FROM ${database}.flow_queue`,
    });
    await client.close();
    // The lagging pipeline: a ClickHouse sink file nobody deployed (the harness worker has no such plugin), so its
    // group never commits while records arrive.
    const config = {
      'connector.class': 'com.clickhouse.kafka.connect.ClickHouseSinkConnector',
      topics: lagging.topic,
      database,
      topic2TableMap: `${lagging.topic}=${lagging.table}`,
    };
    writeFileSync(join(projectDir, 'connectors', `${lagging.connector}.json`), JSON.stringify({ name: lagging.connector, config }));
    producer = kafka.producer();
    await producer.connect();
    panel = await startPanelServer({
      projectDir,
      projectName: 'pplineage',
      env: {
        ...panelEnv({
          kafkaBrokers: env.kafka.brokers.join(','),
          registryUrl: env.registry.url,
          connectUrl: env.connect.url,
          clickhouseUrl: env.clickhouse.url,
          clickhouseUser: env.clickhouse.user,
          clickhousePassword: env.clickhouse.password,
        }),
        // A 40 s window: the lag trend reads all of it, so "rising" needs 20 s of samples instead of a minute.
        PANEL_FIGURES_WINDOW_MS: String(FIGURES_WINDOW_MS),
      },
    });
  },
  { timeout: 600_000 },
);

after(
  async () => {
    await panel?.stop();
    await producer?.disconnect();
    const client = ch();
    for (const t of ['flow_mv', 'flow_queue', flowing.table, lagging.table])
      await client.command({ query: `DROP TABLE IF EXISTS ${database}.${t} SYNC` }).catch(() => undefined);
    await client.command({ query: `DROP DATABASE IF EXISTS ${database}` }).catch(() => undefined);
    await client.close();
    if (projectDir) removeProject(projectDir);
    await stopHarness();
  },
  { timeout: 120_000 },
);

let nextId = 0;
const produce = (topic: string, count: number) =>
  producer.send({ topic, messages: Array.from({ length: count }, () => ({ value: JSON.stringify({ id: nextId++, note: 'x' }) })) });

async function graph(): Promise<PipelinesGraphResponse> {
  const response = await fetch(`${panel.url}/api/pipelines-graph`);
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as PipelinesGraphResponse;
}
const pipelineOf = (g: PipelinesGraphResponse, topic: string): PipelineGraph => {
  const found = g.pipelines.find((p) => p.topic === topic);
  assert.ok(found, `no pipeline for ${topic} in ${JSON.stringify(g.pipelines.map((p) => p.id))}`);
  return found;
};
const nodeOf = <K extends PipelineGraph['nodes'][number]['kind']>(p: PipelineGraph, kind: K) =>
  p.nodes.find((n): n is Extract<PipelineGraph['nodes'][number], { kind: K }> => n.kind === kind)!;

/** Follows `event: figures` of the stack stream; `until` waits for a state of the events, `close` ends the stream. */
function followFigures() {
  const abort = new AbortController();
  const events: FiguresEvent[] = [];
  const reading = (async () => {
    const response = await fetch(`${panel.url}/api/stack/events?figures=true`, { signal: abort.signal });
    assert.equal(response.status, 200);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body!) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (frame.startsWith('event: figures')) events.push(JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as FiguresEvent);
      }
    }
  })().catch((error: unknown) => {
    if (!abort.signal.aborted) throw error;
  });
  return {
    events,
    async until(done: (events: FiguresEvent[]) => boolean, timeoutMs: number): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!done(events)) {
        if (Date.now() > deadline)
          assert.fail(`the figures did not reach the expected state within ${timeoutMs} ms (${events.length} events)`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    async close() {
      abort.abort();
      await reading;
    },
  };
}

test('both pipelines are found: the Kafka-engine flow delivers, the undeployed sink lags and says so', { timeout: 120_000 }, async () => {
  await produce(flowing.topic, 50);
  await produce(lagging.topic, 30);
  let g = await graph();
  const deadline = Date.now() + 90_000;
  while ((nodeOf(pipelineOf(g, flowing.topic), 'table') as TableNode).rows !== 50 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    g = await graph();
  }
  const flow = pipelineOf(g, flowing.topic);
  assert.deepEqual(flow.origins, ['kafka-engine']);
  assert.equal(flow.target, `${database}.${flowing.table}`);
  assert.equal(nodeOf(flow, 'table').rows, 50);
  assert.ok((nodeOf(flow, 'table').activeParts ?? 0) >= 1);
  assert.ok(nodeOf(flow, 'table').lastInsertAt, 'a last insert time');
  assert.equal(nodeOf(flow, 'topic').endOffset, 50);
  assert.equal(nodeOf(flow, 'kafka-engine').kafkaTable, `${database}.flow_queue`);
  assert.deepEqual(flow.problems, []);

  const lag = pipelineOf(g, lagging.topic);
  assert.deepEqual(lag.origins, ['file']);
  assert.equal(nodeOf(lag, 'connector').deployed, false);
  assert.equal((nodeOf(lag, 'group') as GroupNode).name, `connect-${lagging.connector}`);
  assert.equal(nodeOf(lag, 'group').lag, 30, 'read from Kafka, with no Connect deployment at all');
  assert.deepEqual(
    lag.problems.map((p) => p.rule),
    ['not-deployed'],
  );
  assert.equal(nodeOf(lag, 'table').rows, 0);
  assert.equal(g.sampling.active, false, 'nobody follows the figures: nothing is sampled');
  assert.ok(
    g.sources.every((s) => s.service === 'Schema Registry' || s.ok),
    JSON.stringify(g.sources),
  );
});

test(
  'figures stream while followed: the lag of the undeployed sink rises and is flagged; sampling pauses without followers',
  { timeout: 240_000 },
  async () => {
    const lagKey = nodeOf(pipelineOf(await graph(), lagging.topic), 'group').series.lag;
    const rateKey = nodeOf(pipelineOf(await graph(), flowing.topic), 'topic').series.messagesPerSecond;
    const producing = setInterval(() => void produce(lagging.topic, 5).then(() => produce(flowing.topic, 5)), 1000);
    const figures = followFigures();
    const { events } = figures;
    try {
      // Over half the window of samples: the lag trend needs that much before it says "rising".
      const started = Date.now();
      await figures.until((e) => Date.now() - started > FIGURES_WINDOW_MS * 0.7 && e.length > 12, 120_000);
      const rising = await graph();
      assert.equal(rising.sampling.active, true);
      assert.equal(rising.sampling.windowMs, FIGURES_WINDOW_MS);
      const group = nodeOf(pipelineOf(rising, lagging.topic), 'group');
      assert.equal(group.lagTrend, 'rising', JSON.stringify(group));
      assert.ok(pipelineOf(rising, lagging.topic).problems.some((p) => p.rule === 'lag-rising'));
    } finally {
      clearInterval(producing);
      await figures.close();
    }
    assert.equal(events[0]!.type, 'backfill');
    const samples = events.flatMap((e) => (e.type === 'sample' ? [e.sample] : []));
    assert.ok(samples.length >= 12, `${samples.length} samples`);
    const gaps = samples.slice(1).map((s, i) => s.at - samples[i]!.at);
    assert.ok(Math.min(...gaps) >= 1900, `samples at most every 2 s (smallest gap ${Math.min(...gaps)} ms)`);
    const lags = samples.map((s) => s.values[lagKey]).filter((v): v is number => typeof v === 'number');
    assert.ok(lags[lags.length - 1]! > lags[0]!, `the lag grows: ${lags[0]} → ${lags[lags.length - 1]}`);
    assert.ok(
      samples.some((s) => (s.values[rateKey] ?? 0) > 0),
      'messages/s of the flowing topic',
    );
    assert.ok(
      samples.every((s) => Object.keys(s.values).every((k) => !k.startsWith('group-committed'))),
      'raw counters stay on the server',
    );

    // The stream is closed: sampling stops (no new sample within three intervals).
    await new Promise((r) => setTimeout(r, 1000));
    const paused = await graph();
    assert.equal(paused.sampling.active, false);
    await new Promise((r) => setTimeout(r, 6000));
    assert.equal((await graph()).sampling.lastSampleAt, paused.sampling.lastSampleAt);
  },
);
