/**
 * bench:smoke part 1 — the panel's producer (server/src/kafka/record-producer.ts) against Kafka's own
 * ProducerPerformance (kafka-producer-perf-test) at steady state, on the same broker: same value size, no key on
 * either side (ProducerPerformance sends none), acks=all, one-partition topics. Each side is warmed by a discarded
 * first run (the panel's in this process; ProducerPerformance's in its own JVM via --warmup-records, whose
 * steady-state line is the figure), then measured over MEASURED records.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { produceRecords } from '@pipeline-panel/server/kafka/record-producer';
import { javaBinary } from '../harness/process.ts';
import type { ServiceEnv } from '../integration/pipeline-support.ts';

export const MEASURED = 1_000_000;
const WARMUP = 300_000;

export async function createTopic(env: ServiceEnv, topic: string): Promise<void> {
  const admin = new Kafka({ clientId: 'bench', brokers: env.kafka.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/** Records/s of the panel's producer sending `count` values cycled from `pool` (already Confluent-framed Avro). */
async function panelRate(env: ServiceEnv, topic: string, pool: Buffer[], count: number): Promise<number> {
  const result = await produceRecords({ brokers: env.kafka.brokers, topic, count, encode: async (i) => pool[i % pool.length]! });
  if (!result.complete) throw new Error(`panel producer stopped at ${result.produced} of ${count}`);
  return result.produced / (result.durationMs / 1000);
}

/** ProducerPerformance's steady-state records/s (the summary after its warm-up records). */
function perfRate(env: ServiceEnv, jarsDir: string, topic: string, recordSize: number, count: number): { rate: number; line: string } {
  const out = execFileSync(
    javaBinary(),
    [
      '-Xmx512m',
      '-cp',
      join(jarsDir, '*'),
      'org.apache.kafka.tools.ProducerPerformance',
      '--topic',
      topic,
      '--num-records',
      String(count + WARMUP),
      '--warmup-records',
      String(WARMUP),
      '--record-size',
      String(recordSize),
      '--throughput',
      '-1',
      '--producer-props',
      `bootstrap.servers=${env.kafka.brokers.join(',')}`,
      'acks=all',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 },
  );
  const lines = out.trim().split('\n');
  const line = lines.filter((l) => /steady state/i.test(l)).at(-1) ?? lines.filter((l) => /records sent/.test(l)).at(-1) ?? out.trim();
  const match = /([\d.]+) records\/sec/.exec(line);
  if (!match) throw new Error(`cannot read ProducerPerformance output: ${out}`);
  return { rate: Number(match[1]), line: line.trim() };
}

export async function compareProducers(env: ServiceEnv, jarsDir: string, run: string, pool: Buffer[]): Promise<string[]> {
  const valueSize = Math.round(pool.reduce((sum, b) => sum + b.length, 0) / pool.length);
  const topics = ['panel-warmup', 'panel', 'perf-warmup', 'perf'].map((t) => `bench-${t}-${run}`);
  for (const topic of topics) await createTopic(env, topic);
  await panelRate(env, topics[0]!, pool, WARMUP); // discarded
  const panel = await panelRate(env, topics[1]!, pool, MEASURED);
  perfRate(env, jarsDir, topics[2]!, valueSize, 100_000); // discarded: broker-side warm-up for this record size
  const perf = perfRate(env, jarsDir, topics[3]!, valueSize, MEASURED);
  const ratio = (100 * panel) / perf.rate;
  return [
    `${MEASURED.toLocaleString('en')} records per side after a discarded warm-up, value ${valueSize} B (orders Avro, Confluent-framed), no key, acks=all:`,
    `  panel producer        ${Math.round(panel).toLocaleString('en')} records/s`,
    `  ProducerPerformance   ${Math.round(perf.rate).toLocaleString('en')} records/s   (${perf.line})`,
    `  ratio                 ${ratio.toFixed(0)} % ${ratio >= 90 ? '(target ≥ 90 % met)' : '(below the 90 % target)'}`,
  ];
}
