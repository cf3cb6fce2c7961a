/**
 * `pnpm bench:smoke` — not a test. On the harness (the running one from `tsx harness/cli.ts up`, else one started
 * here) it measures, in one run:
 *  1. the panel's producer (server/src/kafka/record-producer.ts) against Kafka's ProducerPerformance at steady state:
 *     1 000 000 records per side after a discarded warm-up, same value size, no key, acks=all (producer-throughput.ts);
 *  2. produce → row latency p50/p99 at 1 000 records/s for 60 s through the CI delivery path (chdb's Kafka engine,
 *     AvroConfluent, + a materialized view into a table made from sql/001_orders.sql) and, when the official sink is on
 *     the harness worker, through connectors/orders-clickhouse-sink.json adapted to the harness (its shipped
 *     settings) — and through the README's low-latency variant of it.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { generateRecords } from '@pipeline-panel/server/domain/avro/generate-records';
import { createConfluentEncoder } from '@pipeline-panel/server/registry/confluent-encoder';
import { createRegistryClient } from '@pipeline-panel/server/registry/index';
import { connectorForHarness } from '../harness/connector-for-harness.ts';
import { startHarness } from '../harness/index.ts';
import { harnessStateDir } from '../harness/paths.ts';
import { ccompatPath } from '../harness/registry.ts';
import { liveHarnessEnv } from '../harness/state.ts';
import type { ServiceEnv } from '../integration/pipeline-support.ts';
import {
  clickhouseFor,
  createKafkaEngineDelivery,
  createOrdersTable,
  dropPipeline,
  ORDERS_CONNECTOR,
  ORDERS_SCHEMA,
  pipelineNames,
} from '../integration/smoke-support.ts';
import { sinkPluginVersion, waitRunning } from '../sink/sink-support.ts';
import { latencyLine, measureLatency } from './latency.ts';
import { compareProducers, createTopic } from './producer-throughput.ts';
import { GIVE_SINK_HINT } from '../harness/connect-plugins.ts';

const RATE = 1_000;
const SECONDS = 60;
const run = `${Date.now().toString(36)}`;
const jars = join(harnessStateDir, 'kafka-jars');

/** The README's low-latency variant: short fetch waits, large polls (so one poll drains a second's records). */
export const LOW_LATENCY = {
  'consumer.override.fetch.max.wait.ms': '50',
  'consumer.override.fetch.min.bytes': '1',
  'consumer.override.max.poll.records': '5000',
};

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

async function encodedPool(env: ServiceEnv): Promise<Buffer[]> {
  const schema = readFileSync(ORDERS_SCHEMA, 'utf8');
  const { id } = await createRegistryClient({ url: env.registry.url, timeoutMs: 10_000 }).register(`bench-pool-${run}-value`, schema);
  const generated = generateRecords(schema, 10_000, { runId: `bench-${run}`, seed: 1 });
  if (!generated.ok) throw new Error(generated.message);
  const encoder = createConfluentEncoder(env.registry.url);
  return Promise.all(generated.records.map((r) => encoder.encode(id, r)));
}

async function kafkaEngineLatency(env: ServiceEnv): Promise<string> {
  const ch = clickhouseFor(env);
  const database = `bench_${run}`;
  const names = pipelineNames(run, 'engine', database);
  try {
    await createOrdersTable(ch, database, names.table);
    await createTopic(env, names.topic);
    await createKafkaEngineDelivery(ch, env, names);
    const r = await measureLatency(env, ch, names, { perSecond: RATE, seconds: SECONDS, prefix: `engine-${run}` });
    return latencyLine('chdb Kafka engine (AvroConfluent) + materialized view, default stream_flush_interval_ms 7500', r);
  } finally {
    await dropPipeline(ch, names);
    await ch.command({ query: `DROP DATABASE IF EXISTS ${database} SYNC` }).catch(() => undefined);
    await ch.close();
  }
}

async function sinkLatency(env: ServiceEnv, slug: string, label: string, extra: Record<string, string>): Promise<string> {
  const ch = clickhouseFor(env);
  const database = `bench_${run}`;
  const names = pipelineNames(run, slug, database);
  const shipped = JSON.parse(readFileSync(ORDERS_CONNECTOR, 'utf8')) as { config: Record<string, string> };
  const config = {
    ...connectorForHarness(shipped.config, {
      clickhouseUrl: env.clickhouse.url,
      registryBaseUrl: env.registry.url.replace(ccompatPath, ''),
    }),
    topics: names.topic,
    topic2TableMap: `${names.topic}=${names.table}`,
    database,
    'errors.deadletterqueue.topic.name': names.dlq,
    ...extra,
  };
  try {
    await createOrdersTable(ch, database, names.table);
    await createTopic(env, names.topic);
    const res = await fetch(`${env.connect.url}/connectors/${names.id}/config`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(config),
    });
    if (!res.ok) throw new Error(`deploy ${names.id}: ${res.status} ${await res.text()}`);
    await waitRunning(env.connect.url, names.id);
    const r = await measureLatency(env, ch, names, { perSecond: RATE, seconds: SECONDS, prefix: `${slug}-${run}` });
    return latencyLine(label, r);
  } finally {
    await fetch(`${env.connect.url}/connectors/${names.id}`, { method: 'DELETE' }).catch(() => undefined);
    await dropPipeline(ch, names);
    await ch.close();
  }
}

async function main(): Promise<void> {
  const live = liveHarnessEnv();
  const harness = live ? null : await startHarness({ log: (line) => console.error(line) });
  const env: ServiceEnv = live ?? harness!;
  const kafkaVersion = /kafka-clients-(.+)\.jar$/.exec(readdirSync(jars).find((f) => f.startsWith('kafka-clients-')) ?? '')?.[1] ?? '?';
  console.log(
    `bench:smoke on the harness — broker ${env.kafka.brokers.join(',')} (Kafka ${kafkaVersion}, KRaft, 1-partition topics), registry ${env.registry.url}`,
  );
  console.log(machine());
  try {
    console.log('\nProducer throughput at steady state');
    for (const line of await compareProducers(env, jars, run, await encodedPool(env))) console.log(`  ${line}`);

    console.log(`\nProduce → row latency at ${RATE.toLocaleString('en')} records/s for ${SECONDS} s`);
    console.log(await kafkaEngineLatency(env));
    const sink = await sinkPluginVersion(env.connect.url);
    if (sink === null) {
      console.log(
        `  ClickHouse sink: not on the harness worker, not measured; give it with ${GIVE_SINK_HINT.replace(' pnpm test', ' pnpm bench:smoke')}`,
      );
    } else {
      console.log(await sinkLatency(env, 'sink', `ClickHouse sink ${sink}, connectors/orders-clickhouse-sink.json settings`, {}));
      console.log(
        await sinkLatency(
          env,
          'sinkfast',
          'ClickHouse sink, low-latency variant (fetch.max.wait.ms=50, max.poll.records=5000)',
          LOW_LATENCY,
        ),
      );
    }
    await dropBenchDatabase(env);
  } finally {
    await harness?.stop();
  }
}

async function dropBenchDatabase(env: ServiceEnv): Promise<void> {
  const ch = clickhouseFor(env);
  await ch.command({ query: `DROP DATABASE IF EXISTS bench_${run} SYNC` }).catch(() => undefined);
  await ch.close();
}

main().catch((error: unknown) => {
  console.error('bench:smoke failed:', error);
  process.exit(1);
});
