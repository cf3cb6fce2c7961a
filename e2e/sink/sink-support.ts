/**
 * Shared by the sink tier: the running harness (with its fault-injection control) or one started here, whether the
 * official ClickHouse sink is on its worker, the repo's orders connector adapted to the harness and deployed through
 * the panel, a paced producer of generated orders, and row counts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { generateRecords } from '@pipeline-panel/server/domain/avro/generate-records';
import { createConfluentEncoder } from '@pipeline-panel/server/registry/confluent-encoder';
import { createRegistryClient } from '@pipeline-panel/server/registry/index';
import type { ClickHouseClient } from '@clickhouse/client';
import { connectorForHarness } from '../harness/connector-for-harness.ts';
import { remoteControl } from '../harness/control-client.ts';
import { startHarness, type HarnessControl } from '../harness/index.ts';
import { ccompatPath } from '../harness/registry.ts';
import { liveHarnessEnv } from '../harness/state.ts';
import type { ServiceEnv } from '../integration/pipeline-support.ts';
import { ORDERS_SCHEMA, type PipelineNames } from '../integration/smoke-support.ts';

export const SINK_CLASS = 'com.clickhouse.kafka.connect.ClickHouseSinkConnector';

export interface SinkHarness {
  env: ServiceEnv;
  control: HarnessControl;
  stop(): Promise<void>;
}

/** The running harness (control over its HTTP endpoint), else one started in this process. */
export async function acquireSinkHarness(): Promise<SinkHarness> {
  const live = liveHarnessEnv();
  if (live) return { env: live, control: remoteControl(live), stop: async () => {} };
  const harness = await startHarness({ log: (line) => console.error(line) });
  return { env: harness, control: harness.control, stop: () => harness.stop() };
}

/** The installed sink plugin's version, or null when the worker does not have it. */
export async function sinkPluginVersion(connectUrl: string): Promise<string | null> {
  const res = await fetch(`${connectUrl}/connector-plugins`, { signal: AbortSignal.timeout(10_000) });
  const plugins = (await res.json()) as Array<{ class: string; version?: string }>;
  const sink = plugins.find((p) => p.class === SINK_CLASS);
  return sink ? (sink.version ?? '?') : null;
}

/** connectors/<id>.json in the project dir: the repo's orders connector, renamed per test and adapted to the harness. */
export function writeHarnessConnector(projectDir: string, env: ServiceEnv, names: PipelineNames): string {
  const file = join(projectDir, 'connectors', `${names.id}.json`);
  const content = JSON.parse(readFileSync(file, 'utf8')) as { name: string; config: Record<string, string> };
  content.config = connectorForHarness(content.config, {
    clickhouseUrl: env.clickhouse.url,
    registryBaseUrl: env.registry.url.replace(ccompatPath, ''),
  });
  writeFileSync(file, JSON.stringify(content, null, 2));
  return `${names.id}.json`;
}

export interface TaskState {
  connector: string;
  tasks: Array<{ id: number; state: string; trace?: string }>;
}

export async function connectorState(connectUrl: string, name: string): Promise<TaskState | null> {
  const res = await fetch(`${connectUrl}/connectors/${encodeURIComponent(name)}/status`, { signal: AbortSignal.timeout(10_000) }).catch(
    () => null,
  );
  if (!res?.ok) return null;
  const body = (await res.json()) as { connector: { state: string }; tasks: TaskState['tasks'] };
  return { connector: body.connector.state, tasks: body.tasks };
}

/** Waits until the connector and all its tasks are RUNNING; a FAILED task fails at once with its trace. */
export async function waitRunning(connectUrl: string, name: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: TaskState | null = null;
  while (Date.now() < deadline) {
    last = await connectorState(connectUrl, name);
    const failed = last?.tasks.find((t) => t.state === 'FAILED');
    if (failed) throw new Error(`${name} task ${failed.id} FAILED:\n${(failed.trace ?? '').split('\n').slice(0, 12).join('\n')}`);
    if (last && last.connector === 'RUNNING' && last.tasks.length > 0 && last.tasks.every((t) => t.state === 'RUNNING')) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${name} not RUNNING after ${timeoutMs} ms: ${JSON.stringify(last)}`);
}

/** Generated orders with ids `<prefix>-<n>`, Confluent-framed against the topic's registered schema. */
export async function orderFactory(env: ServiceEnv, topic: string, prefix: string, count: number) {
  const schema = readFileSync(ORDERS_SCHEMA, 'utf8');
  const { id } = await createRegistryClient({ url: env.registry.url, timeoutMs: 10_000 }).register(`${topic}-value`, schema);
  const generated = generateRecords(schema, count, { runId: prefix, seed: count });
  if (!generated.ok) throw new Error(generated.message);
  const encoder = createConfluentEncoder(env.registry.url);
  return {
    records: generated.records,
    encode: (i: number) => encoder.encode(id, generated.records[i]),
    key: (i: number) => String(generated.records[i]!.order_id),
  };
}

export async function connectedProducer(env: ServiceEnv): Promise<Producer> {
  const producer = new Kafka({ clientId: 'sink-tier', brokers: env.kafka.brokers, logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  return producer;
}

/**
 * Produces `count` orders at `perSecond` (acks=all), calling `at(secondsElapsed)` once a second so a test can inject
 * faults while records flow. Resolves with how many were acknowledged.
 */
export async function producePaced(
  env: ServiceEnv,
  topic: string,
  prefix: string,
  opts: { count: number; perSecond: number; at?: (second: number) => Promise<void> | void },
): Promise<number> {
  const orders = await orderFactory(env, topic, prefix, opts.count);
  const producer = await connectedProducer(env);
  let sent = 0;
  const started = Date.now();
  try {
    for (let second = 0; sent < opts.count; second++) {
      await opts.at?.(second);
      const batch = Math.min(opts.perSecond, opts.count - sent);
      const messages = await Promise.all(
        Array.from({ length: batch }, async (_, k) => ({ key: orders.key(sent + k), value: await orders.encode(sent + k) })),
      );
      await producer.send({ topic, acks: -1, messages });
      sent += batch;
      const wait = started + (second + 1) * 1000 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  } finally {
    await producer.disconnect();
  }
  return sent;
}

/** Rows whose order_id starts with `<prefix>-`: all of them and the distinct ids. */
export async function countRows(ch: ClickHouseClient, names: PipelineNames, prefix: string): Promise<{ rows: number; distinct: number }> {
  const [row] = await (
    await ch.query({
      query: `SELECT count() AS rows, uniqExact(order_id) AS distinct FROM ${names.database}.${names.table} WHERE startsWith(order_id, {prefix:String})`,
      query_params: { prefix: `${prefix}-` },
      format: 'JSONEachRow',
    })
  ).json<{ rows: string | number; distinct: string | number }>();
  return { rows: Number(row?.rows ?? 0), distinct: Number(row?.distinct ?? 0) };
}

/** Polls until `distinct` reaches `expected` or the time is up; returns the last count. */
export async function waitForRows(
  ch: ClickHouseClient,
  names: PipelineNames,
  prefix: string,
  expected: number,
  timeoutMs: number,
): Promise<{ rows: number; distinct: number }> {
  const deadline = Date.now() + timeoutMs;
  let last = { rows: 0, distinct: 0 };
  while (Date.now() < deadline) {
    last = await countRows(ch, names, prefix).catch(() => last);
    if (last.distinct >= expected) return last;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return last;
}
