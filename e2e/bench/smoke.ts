/**
 * `pnpm bench:smoke` — not a test. On the harness (the running one from `tsx harness/cli.ts up`, else one started
 * here) it measures:
 *  1. the panel's producer (server/src/kafka/record-producer.ts with Confluent-framed Avro from
 *     @kafkajs/confluent-schema-registry, acks=all), records/s for 10k and 100k generated `orders` records;
 *  2. Kafka's own ProducerPerformance (kafka-producer-perf-test) on the same broker with the same record size and
 *     acks=all, and the panel's rate as a share of it (target ≥ 50 %);
 *  3. produce → row latency p50/p99 through the CI delivery path: chdb's Kafka engine (AvroConfluent) + a
 *     materialized view into a table made from sql/001_orders.sql, one sentinel record every 200 ms, rows polled
 *     every 100 ms.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { generateRecords } from '@pipeline-panel/server/domain/avro/generate-records';
import { produceRecords } from '@pipeline-panel/server/kafka/record-producer';
import { createConfluentEncoder } from '@pipeline-panel/server/registry/confluent-encoder';
import { createRegistryClient } from '@pipeline-panel/server/registry/index';
import { startHarness } from '../harness/index.ts';
import { liveHarnessEnv } from '../harness/state.ts';
import { repoRoot } from '../harness/panel-server.ts';
import type { ServiceEnv } from '../integration/pipeline-support.ts';
import {
  clickhouseFor,
  createKafkaEngineDelivery,
  createOrdersTable,
  dropPipeline,
  ORDERS_SCHEMA,
  pipelineNames,
} from '../integration/smoke-support.ts';

const SIZES = [10_000, 100_000];
const LATENCY_SAMPLES = 150;
const run = `${Date.now().toString(36)}`;
const jars = join(repoRoot, 'e2e', '.harness', 'kafka-jars');

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

async function createTopic(env: ServiceEnv, topic: string): Promise<void> {
  const admin = new Kafka({ clientId: 'bench', brokers: env.kafka.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] }).catch((error: { type?: string }) => {
    if (error.type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw error;
  });
  for (let i = 0; i < 100; i++) {
    const { topics } = await admin
      .fetchTopicMetadata({ topics: [topic] })
      .catch(() => ({ topics: [] as { partitions: { leader: number }[] }[] }));
    if ((topics[0]?.partitions[0]?.leader ?? -1) >= 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await admin.disconnect();
}

function perfTest(env: ServiceEnv, topic: string, records: number, recordSize: number): { recordsPerSec: number; line: string } {
  const out = execFileSync(
    'java',
    [
      '-cp',
      `${jars}/*`,
      'org.apache.kafka.tools.ProducerPerformance',
      '--topic',
      topic,
      '--num-records',
      String(records),
      '--record-size',
      String(recordSize),
      '--throughput',
      '-1',
      '--producer-props',
      `bootstrap.servers=${env.kafka.brokers.join(',')}`,
      'acks=all',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 * 1024 * 1024 },
  );
  const line =
    out
      .trim()
      .split('\n')
      .filter((l) => /records sent/.test(l))
      .at(-1) ?? out.trim();
  const match = /records sent, ([\d.]+) records\/sec/.exec(line);
  if (!match) throw new Error(`cannot read ProducerPerformance output: ${out}`);
  return { recordsPerSec: Number(match[1]), line };
}

function machine(): string {
  const cpus = os.cpus();
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr.split('\n')[0] ?? '?';
  return [
    `CPU: ${cpus[0]?.model ?? '?'} × ${cpus.length} (load avg ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
    `RAM: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; ${os.type()} ${os.release()}`,
    `Node ${process.version} · kafkajs 2.2.4 · ${java}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const live = liveHarnessEnv();
  const harness = live ? null : await startHarness({ log: (line) => console.error(line) });
  const env: ServiceEnv = live ?? harness!;
  const kafkaVersion = /kafka-clients-(.+)\.jar$/.exec(readdirSync(jars).find((f) => f.startsWith('kafka-clients-')) ?? '')?.[1] ?? '?';
  const schema = readFileSync(ORDERS_SCHEMA, 'utf8');
  const registry = createRegistryClient({ url: env.registry.url, timeoutMs: 10_000 });
  const encoder = createConfluentEncoder(env.registry.url);
  const ch = clickhouseFor(env);
  console.log(
    `bench:smoke on the harness — broker ${env.kafka.brokers.join(',')} (Kafka ${kafkaVersion}, KRaft, 1 partition topics), registry ${env.registry.url}`,
  );
  console.log(machine());

  try {
    // 1 + 2: producer throughput, panel vs Kafka's own perf test.
    const results: string[] = [];
    for (const size of SIZES) {
      const topic = `bench-produce-${run}-${size}`;
      await createTopic(env, topic);
      const { id } = await registry.register(`${topic}-value`, schema);
      const generated = generateRecords(schema, size, { runId: `bench-${run}`, seed: size });
      if (!generated.ok) throw new Error(generated.message);
      const sample = await Promise.all(generated.records.slice(0, 1000).map((r) => encoder.encode(id, r)));
      const avgSize = Math.round(sample.reduce((sum, b) => sum + b.length, 0) / sample.length);
      const panel = await produceRecords({
        brokers: env.kafka.brokers,
        topic,
        count: size,
        encode: (i) => encoder.encode(id, generated.records[i]),
        key: (i) => String(generated.records[i]!.order_id),
      });
      const panelRate = panel.produced / (panel.durationMs / 1000);

      const perfTopic = `bench-perf-${run}-${size}`;
      await createTopic(env, perfTopic);
      // The Java producer's key is null; the panel sends a ~35-byte key, so the perf test's records get the key's bytes too.
      const keyBytes = String(generated.records[0]!.order_id).length;
      const perf = perfTest(env, perfTopic, size, avgSize + keyBytes);
      const ratio = (100 * panelRate) / perf.recordsPerSec;
      results.push(
        `${size.toLocaleString('en')} records (value ${avgSize} B + key ${keyBytes} B, acks=all): panel ${Math.round(panelRate).toLocaleString('en')} rec/s ` +
          `(${panel.durationMs} ms, encoding included) vs ProducerPerformance ${Math.round(perf.recordsPerSec).toLocaleString('en')} rec/s → ${ratio.toFixed(0)} % ` +
          `${ratio >= 50 ? '(target ≥ 50 % met)' : '(below the 50 % target)'}\n    perf-test: ${perf.line}`,
      );
    }
    console.log('\nProducer throughput');
    for (const line of results) console.log(`  ${line}`);

    // 3: produce → row latency through the Kafka engine + materialized view.
    const database = `bench_${run}`;
    const names = pipelineNames(run, 'latency', database);
    await ch.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
    await createOrdersTable(ch, database, names.table);
    await createTopic(env, names.topic);
    await createKafkaEngineDelivery(ch, env, names);
    try {
      const { id } = await registry.register(`${names.topic}-value`, schema);
      const generated = generateRecords(schema, LATENCY_SAMPLES, { runId: `lat-${run}`, seed: 7 });
      if (!generated.ok) throw new Error(generated.message);
      const producer = new Kafka({ clientId: 'bench', brokers: env.kafka.brokers, logLevel: logLevel.NOTHING }).producer();
      await producer.connect();
      const sentAt = new Map<string, number>();
      const seenAt = new Map<string, number>();
      let polling = true;
      const poller = (async () => {
        while (polling || seenAt.size < sentAt.size) {
          const rows = await (
            await ch.query({ query: `SELECT order_id FROM ${database}.${names.table}`, format: 'JSONEachRow' })
          ).json<{ order_id: string }>();
          const now = Date.now();
          for (const { order_id } of rows) if (!seenAt.has(order_id)) seenAt.set(order_id, now);
          if (!polling && seenAt.size >= sentAt.size) break;
          if (!polling && now - Math.max(...sentAt.values()) > 120_000) break;
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      for (const record of generated.records) {
        const value = await encoder.encode(id, record);
        const key = String(record.order_id);
        sentAt.set(key, Date.now());
        await producer.send({ topic: names.topic, acks: -1, messages: [{ key, value }] });
        await new Promise((r) => setTimeout(r, 200));
      }
      polling = false;
      await poller;
      await producer.disconnect();
      const latencies = [...sentAt].filter(([k]) => seenAt.has(k)).map(([k, t]) => seenAt.get(k)! - t);
      console.log('\nProduce → row latency (chdb Kafka engine AvroConfluent + materialized view, default stream_flush_interval_ms 7500)');
      console.log(
        `  ${latencies.length} / ${LATENCY_SAMPLES} sentinel rows seen; p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${Math.max(...latencies)} ms`,
      );
    } finally {
      await dropPipeline(ch, names);
      await ch.command({ query: `DROP DATABASE IF EXISTS ${database} SYNC` }).catch(() => undefined);
    }
  } finally {
    await ch.close();
    await harness?.stop();
  }
}

main().catch((error: unknown) => {
  console.error('bench:smoke failed:', error);
  process.exit(1);
});
