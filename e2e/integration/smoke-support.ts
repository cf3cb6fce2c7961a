/**
 * Shared by smoke.test.ts and contract.test.ts: a temp project whose connectors/ holds a ClickHouse sink pipeline
 * (the repo's orders connector and schema, renamed per test), its table created from the repo's sql/001_orders.sql,
 * and the panel app built with real clients plus the smoke routes (the generic parts are in pipeline-support.ts).
 *
 * Delivery in this tier: the ClickHouse sink's jar is not on Maven Central, so tests create what the smoke test also
 * accepts as a delivery path: a ClickHouse Kafka-engine table reading the topic with kafka_format = 'AvroConfluent'
 * from the harness registry, plus a materialized view into the pipeline's table. The official sink runs in the sink
 * tier (e2e/sink, when HARNESS_CONNECT_PLUGINS gives it) and the stack tier (e2e/stack).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '@pipeline-panel/server/app';
import { splitStatements } from '@pipeline-panel/server/domain/sql-statements';
import type { SmokeRunReport } from '@pipeline-panel/server/contracts';
import { createSchemaFiles } from '@pipeline-panel/server/pipelines/index';
import type { PipelinePort } from '@pipeline-panel/server/ports';
import { repoRoot } from '../harness/panel-server.ts';
import { pipelineApp, pollJson, type ServiceEnv } from './pipeline-support.ts';

export const ORDERS_SQL = join(repoRoot, 'sql', '001_orders.sql');
export const ORDERS_CONNECTOR = join(repoRoot, 'connectors', 'orders-clickhouse-sink.json');
export const ORDERS_SCHEMA = join(repoRoot, 'connectors', 'orders-value.avsc');

export interface PipelineNames {
  /** Connector name = pipeline id. */
  id: string;
  topic: string;
  database: string;
  table: string;
  dlq: string;
}

export function pipelineNames(run: string, label: string, database: string): PipelineNames {
  return {
    id: `smoke-${label}-${run}`,
    topic: `smoke-${label}-${run}`,
    database,
    table: `orders_${label}`,
    dlq: `smoke-${label}-${run}-dlq`,
  };
}

/** connectors/<id>.json (the repo's orders connector retargeted) + connectors/<topic>-value.avsc (the repo's schema). */
export function writePipelineFiles(projectDir: string, names: PipelineNames, schema?: object): void {
  mkdirSync(join(projectDir, 'connectors'), { recursive: true });
  const file = JSON.parse(readFileSync(ORDERS_CONNECTOR, 'utf8')) as { name: string; config: Record<string, string> };
  file.name = names.id;
  file.config.topics = names.topic;
  file.config.topic2TableMap = `${names.topic}=${names.table}`;
  file.config.database = names.database;
  file.config['errors.deadletterqueue.topic.name'] = names.dlq;
  writeFileSync(join(projectDir, 'connectors', `${names.id}.json`), JSON.stringify(file, null, 2));
  if (schema) writeFileSync(join(projectDir, 'connectors', `${names.topic}-value.avsc`), JSON.stringify(schema, null, 2));
  else copyFileSync(ORDERS_SCHEMA, join(projectDir, 'connectors', `${names.topic}-value.avsc`));
}

/** The repo's sql/001_orders.sql with its database and table renamed (and `edit` applied), statement by statement. */
export async function createOrdersTable(
  ch: ClickHouseClient,
  database: string,
  table: string,
  edit: (sql: string) => string = (sql) => sql,
): Promise<void> {
  const sql = edit(readFileSync(ORDERS_SQL, 'utf8'))
    .replace(/\bpipeline\.orders\b/g, `${database}.${table}`)
    .replace(/DATABASE IF NOT EXISTS pipeline\b/, `DATABASE IF NOT EXISTS ${database}`);
  for (const statement of splitStatements(sql)) await ch.command({ query: statement });
}

const literal = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * The harness's delivery stand-in (see the file comment): Kafka-engine table + materialized view into the table.
 * `where` filters the view (e.g. '0' for a path that consumes but never delivers).
 */
export async function createKafkaEngineDelivery(ch: ClickHouseClient, env: ServiceEnv, names: PipelineNames, where = '1'): Promise<void> {
  const queue = `${names.database}.${names.table}_queue`;
  await ch.command({
    query:
      `CREATE TABLE ${queue} AS ${names.database}.${names.table} ENGINE = Kafka SETTINGS ` +
      `kafka_broker_list = ${literal(env.kafka.brokers.join(','))}, kafka_topic_list = ${literal(names.topic)}, ` +
      `kafka_group_name = ${literal(`clickhouse-${names.topic}`)}, kafka_format = 'AvroConfluent', ` +
      `format_avro_schema_registry_url = ${literal(env.registry.url)}`,
  });
  await ch.command({
    query: `CREATE MATERIALIZED VIEW ${names.database}.${names.table}_mv TO ${names.database}.${names.table} AS SELECT * FROM ${queue} WHERE ${where}`,
  });
}

/** Drops the stand-in first (its consumer stops), then the table. */
export async function dropPipeline(ch: ClickHouseClient, names: PipelineNames): Promise<void> {
  for (const t of [`${names.table}_mv`, `${names.table}_queue`, names.table]) {
    await ch.command({ query: `DROP TABLE IF EXISTS ${names.database}.${t} SYNC` }).catch(() => undefined);
  }
}

export function clickhouseFor(env: ServiceEnv): ClickHouseClient {
  return createClient({
    url: env.clickhouse.url,
    username: env.clickhouse.user,
    password: env.clickhouse.password,
    request_timeout: 60_000,
  });
}

/** The panel app with real clients and the smoke routes. */
export async function smokeApp(port: PipelinePort, projectDir: string): Promise<FastifyInstance> {
  return pipelineApp(port, { smoke: smokeOptions(projectDir) });
}

export function smokeOptions(projectDir: string): NonNullable<AppDeps['smoke']> {
  return { schemaFiles: createSchemaFiles(projectDir), pollIntervalMs: 500 };
}

/** Polls the run's report until `until` holds (default: the run finished). */
export async function waitForRun(
  app: FastifyInstance,
  runId: string,
  until: (r: SmokeRunReport) => boolean = (r) => r.status !== 'running',
  timeoutMs = 300_000,
): Promise<SmokeRunReport> {
  return pollJson<SmokeRunReport>(
    app,
    `/api/smoke-runs/${runId}`,
    until,
    (report) =>
      `smoke run ${runId} did not reach the expected state within ${timeoutMs} ms: ${JSON.stringify(report.steps.map((s) => `${s.name}=${s.status}`))}`,
    timeoutMs,
    250,
  );
}

/** "delivery=ok contract=ok …" for readable assertion messages. */
export function stepLine(report: SmokeRunReport): string {
  return report.steps.map((s) => `${s.name}=${s.status}${s.failure ? `(${s.failure.service}: ${s.failure.message})` : ''}`).join(' ');
}
