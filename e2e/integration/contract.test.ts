/**
 * POST /api/pipelines/:id/contract against the harness's chdb: the repo's orders pipeline (project dir = the repo)
 * fits the table made by sql/001_orders.sql; a table with other types yields errors naming field and types.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClickHouseClient } from '@clickhouse/client';
import type { FastifyInstance } from 'fastify';
import type { PipelineContractResponse, PipelineListResponse } from '@pipeline-panel/server/contracts';
import type { PipelinePort } from '@pipeline-panel/server/ports';
import { splitStatements } from '@pipeline-panel/server/domain/sql-statements';
import { readFileSync } from 'node:fs';
import { repoRoot } from '../harness/panel-server.ts';
import { acquireHarness, pipelinePort, removeProject, run, tempProject, type ServiceEnv } from './pipeline-support.ts';
import { clickhouseFor, ORDERS_SQL, pipelineNames, smokeApp, writePipelineFiles } from './smoke-support.ts';

let env: ServiceEnv;
let stopHarness: () => Promise<void> = async () => {};
let ch: ClickHouseClient;
const apps: { app: FastifyInstance; port: PipelinePort }[] = [];
let projectDir: string;
const database = `contract_${run}`;

before(
  async () => {
    ({ env, stop: stopHarness } = await acquireHarness());
    ch = clickhouseFor(env);
    projectDir = tempProject('contract');
  },
  { timeout: 600_000 },
);

after(
  async () => {
    for (const { app, port } of apps) {
      await app.close();
      await port.clickhouse.close();
    }
    await ch?.command({ query: `DROP DATABASE IF EXISTS ${database} SYNC` }).catch(() => undefined);
    await ch?.close();
    if (projectDir) removeProject(projectDir);
    await stopHarness();
  },
  { timeout: 120_000 },
);

async function appFor(dir: string): Promise<FastifyInstance> {
  const port = pipelinePort(env, dir);
  const app = await smokeApp(port, dir);
  apps.push({ app, port });
  return app;
}

describe('contract check route', () => {
  test('the repo orders pipeline is listed and its contract is ok against the table from sql/001_orders.sql', async () => {
    // The repo's own DDL, verbatim (CREATE … IF NOT EXISTS pipeline.orders): the table the stack applies at first start.
    for (const statement of splitStatements(readFileSync(ORDERS_SQL, 'utf8'))) await ch.command({ query: statement });
    const app = await appFor(repoRoot);
    const listed = (await app.inject({ method: 'GET', url: '/api/pipelines' })).json() as PipelineListResponse;
    assert.deepEqual(
      listed.pipelines.find((p) => p.id === 'orders-clickhouse-sink'),
      {
        id: 'orders-clickhouse-sink',
        connectorName: 'orders-clickhouse-sink',
        connectorFile: 'orders-clickhouse-sink.json',
        connectorClass: 'com.clickhouse.kafka.connect.ClickHouseSinkConnector',
        topic: 'orders',
        subject: 'orders-value',
        database: 'pipeline',
        table: 'orders',
        schemaFile: 'orders-value.avsc',
        dlqTopic: 'orders-dlq',
      },
    );
    const response = await app.inject({ method: 'POST', url: '/api/pipelines/orders-clickhouse-sink/contract' });
    assert.equal(response.statusCode, 200, response.body);
    const report = response.json() as PipelineContractResponse;
    assert.equal(report.verdict, 'ok', report.summary);
    assert.equal(report.tableExists, true);
    assert.equal(report.schemaOrigin, 'connectors/orders-value.avsc');
    assert.deepEqual(
      report.fields.map((f) => [f.field, f.column, f.verdict]),
      [
        ['order_id', 'order_id', 'ok'],
        ['customer_id', 'customer_id', 'ok'],
        ['status', 'status', 'ok'],
        ['quantity', 'quantity', 'ok'],
        ['amount', 'amount', 'ok'],
        ['currency', 'currency', 'ok'],
        ['created_at', 'created_at', 'ok'],
        ['note', 'note', 'ok'],
      ],
    );
  });

  test('a table with other types: errors name the field, both types and a suggested type; missing table and registry source', async () => {
    const names = pipelineNames(run, 'mismatch', database);
    writePipelineFiles(projectDir, names);
    await ch.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
    await ch.command({
      query: `CREATE TABLE ${database}.${names.table} (order_id String, customer_id Int32, status String, quantity String, amount Float64, currency String, created_at DateTime64(6, 'UTC'), note String, region String) ENGINE = MergeTree ORDER BY order_id`,
    });
    const app = await appFor(projectDir);
    const report = (await app.inject({ method: 'POST', url: `/api/pipelines/${names.id}/contract` })).json() as PipelineContractResponse;
    assert.equal(report.verdict, 'error');
    const byField = new Map(report.fields.map((f) => [f.field ?? `column:${f.column}`, f]));
    for (const [field, columnType, suggested] of [
      ['customer_id', 'Int32', 'Int64'],
      ['amount', 'Float64', 'Decimal(12, 2)'],
      ['quantity', 'String', 'Int32'],
    ] as const) {
      const verdict = byField.get(field)!;
      assert.equal(verdict.verdict, 'error', `${field}: ${verdict.reason}`);
      assert.equal(verdict.columnType, columnType);
      assert.ok(verdict.avroType);
      assert.ok(verdict.suggestedType?.startsWith(suggested), `${field} suggests ${verdict.suggestedType}`);
      assert.match(verdict.reason, new RegExp(`"${field}"`));
    }
    assert.equal(byField.get('column:region')?.verdict, 'error', 'a column without field, not Nullable, no DEFAULT');
    assert.notEqual(byField.get('note')?.verdict, 'ok', 'a nullable field into a non-Nullable column');

    await ch.command({ query: `DROP TABLE ${database}.${names.table} SYNC` });
    const missing = (await app.inject({ method: 'POST', url: `/api/pipelines/${names.id}/contract` })).json() as PipelineContractResponse;
    assert.equal(missing.tableExists, false);
    assert.equal(missing.verdict, 'error');
    assert.match(missing.summary, new RegExp(`no table ${database}\\.${names.table}`));

    const noSubject = await app.inject({ method: 'POST', url: `/api/pipelines/${names.id}/contract?source=registry` });
    assert.equal(noSubject.statusCode, 404);
    assert.equal((noSubject.json() as { code: string }).code, 'SUBJECT_NOT_FOUND');
    const badSource = await app.inject({ method: 'POST', url: `/api/pipelines/${names.id}/contract?source=elsewhere` });
    assert.equal(badSource.statusCode, 400);
    assert.equal((await app.inject({ method: 'POST', url: '/api/pipelines/nope/contract' })).statusCode, 404);
  });
});
