/**
 * Stack tier: the real images via `docker compose up -d --build --wait`, the README's end-to-end smoke test
 * through the real ClickHouse sink (register schema → deploy connector → produce Avro → typed rows in
 * ClickHouse), `docker compose restart`, then rows, schema and connector must have survived; the panel's own smoke
 * test through the sink; the panel's reset (data gone, stack healthy again, bootstrap re-applied); `down -v` at the end.
 * Needs a Docker host that can pull images and Compose v2; anywhere else it skips with one line saying why.
 * Runs as its own Compose project on its own host ports, so a running dev stack is left alone.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { createClient } from '@clickhouse/client';
import { cleanComposeEnv, readDotEnv } from '../lib/compose-cli.ts';
import {
  composeProject,
  connectorRunning as connectorStatus,
  detectStackSkip,
  DISTINCT_ORDERS_SQL,
  makeOrder,
  produceOrders,
  waitFor,
  type Order,
  type OrderRow,
} from './support.ts';
import { panelHeader } from '../lib/panel-header.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const defaults = readDotEnv(join(repo, '.env.example')).values;
const project = 'pipeline-stacktest';
// Shell variables override .env values in Compose interpolation: shift every host port.
const ports = {
  KAFKA_HOST_PORT: '29094',
  SCHEMA_REGISTRY_HOST_PORT: '28081',
  CLICKHOUSE_HTTP_HOST_PORT: '28123',
  CLICKHOUSE_NATIVE_HOST_PORT: '29000',
  CONNECT_HOST_PORT: '28083',
  PANEL_PORT: '28420',
};
const composeEnv = cleanComposeEnv(repo, { COMPOSE_PROJECT_NAME: project, ...ports });

const skipReason = detectStackSkip(defaults.KAFKA_IMAGE ?? 'apache/kafka');
if (skipReason) console.log(`stack tier skipped: ${skipReason}`);

const stack = composeProject({ repo, project, envFile: join(repo, '.env.example'), env: composeEnv });
const compose = stack.compose;

describe('stack tier: docker compose up → smoke test → restart → down', { skip: skipReason, timeout: 45 * 60_000 }, () => {
  test('records produced with a registered Avro schema land as typed rows and survive a restart', { timeout: 45 * 60_000 }, async () => {
    const connectorFile = JSON.parse(readFileSync(join(repo, 'connectors/orders-clickhouse-sink.json'), 'utf8')) as {
      name: string;
      config: Record<string, string>;
    };
    const schemaText = readFileSync(join(repo, 'connectors/orders-value.avsc'), 'utf8');
    const connectUrl = `http://127.0.0.1:${ports.CONNECT_HOST_PORT}`;
    const registry = new SchemaRegistry({ host: `http://127.0.0.1:${ports.SCHEMA_REGISTRY_HOST_PORT}` });
    const clickhouse = createClient({
      url: `http://127.0.0.1:${ports.CLICKHOUSE_HTTP_HOST_PORT}`,
      username: defaults.CLICKHOUSE_USER,
      password: defaults.CLICKHOUSE_PASSWORD,
    });
    const kafka = new Kafka({ clientId: 'stack-test', brokers: [`localhost:${ports.KAFKA_HOST_PORT}`], logLevel: logLevel.WARN });
    const topic = connectorFile.config.topics!;
    process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

    const produce = (orders: Order[], schemaId: number) => produceOrders(kafka, registry, topic, orders, schemaId);
    const distinctRows = async (): Promise<OrderRow[]> => {
      const rs = await clickhouse.query({ query: DISTINCT_ORDERS_SQL, format: 'JSONEachRow' });
      return rs.json<OrderRow>();
    };
    const connectorRunning = async () => ((await connectorStatus(connectUrl, connectorFile.name)) ? true : undefined);

    try {
      compose(['up', '-d', '--build', '--wait', '--wait-timeout', '900'], 30 * 60_000);

      // Connect carries the sink; its internal topics are compacted.
      const plugins = (await (await fetch(`${connectUrl}/connector-plugins`)).json()) as Array<{ class: string; version: string }>;
      assert.ok(
        plugins.some((p) => p.class === connectorFile.config['connector.class']),
        `sink not installed: ${JSON.stringify(plugins)}`,
      );
      for (const internal of ['_connect-configs', '_connect-offsets', '_connect-status']) {
        const described = compose([
          'exec',
          '-T',
          '-e',
          'KAFKA_HEAP_OPTS=-Xmx128m',
          'kafka',
          '/opt/kafka/bin/kafka-configs.sh',
          '--bootstrap-server',
          'localhost:9092',
          '--entity-type',
          'topics',
          '--entity-name',
          internal,
          '--describe',
        ]);
        assert.match(described, /cleanup\.policy=compact/, `${internal} is not compacted`);
      }
      const panelHealth = await fetch(`http://127.0.0.1:${ports.PANEL_PORT}/api/health`);
      assert.equal(panelHealth.status, 200, 'panel /api/health');

      // The table came from sql/ via /docker-entrypoint-initdb.d on the fresh volume.
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }] });
      await admin.disconnect();
      const { id: schemaId } = await registry.register({ type: SchemaType.AVRO, schema: schemaText }, { subject: `${topic}-value` });

      const put = await fetch(`${connectUrl}/connectors/${connectorFile.name}/config`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(connectorFile.config),
      });
      assert.ok(put.ok, `PUT connector config: ${put.status} ${await put.text()}`);
      await waitFor('connector RUNNING', connectorRunning, 180_000);

      const first = Array.from({ length: 25 }, (_, i) => makeOrder(i));
      await produce(first, schemaId);
      const rows = await waitFor(
        '25 rows in pipeline.orders',
        async () => {
          const r = await distinctRows();
          return r.length >= first.length ? r : undefined;
        },
        300_000,
      );
      // The sink is at-least-once (exactlyOnce=false): compare distinct orders, not raw row counts.
      assert.deepEqual(
        rows,
        first.map((o) => o.row),
      );

      compose(['restart'], 10 * 60_000);
      compose(['up', '-d', '--wait', '--wait-timeout', '600'], 15 * 60_000);

      assert.deepEqual(
        await distinctRows(),
        first.map((o) => o.row),
        'rows did not survive docker compose restart',
      );
      const latest = await registry.getLatestSchemaId(`${topic}-value`);
      assert.equal(latest, schemaId, 'registered schema did not survive docker compose restart');
      await waitFor('connector RUNNING after restart', connectorRunning, 180_000);

      const more = Array.from({ length: 5 }, (_, i) => makeOrder(100 + i));
      await produce(more, schemaId);
      const after = await waitFor(
        'rows produced after the restart',
        async () => {
          const r = await distinctRows();
          return r.length >= first.length + more.length ? r : undefined;
        },
        300_000,
      );
      assert.deepEqual(
        after,
        [...first, ...more].map((o) => o.row).sort((a, b) => a.order_id.localeCompare(b.order_id)),
      );

      // The panel's own smoke test (POST /api/smoke-runs) through the real ClickHouse sink: here its delivery step
      // must find the connector (in CI the harness delivers with ClickHouse's Kafka engine instead).
      const panelUrl = `http://127.0.0.1:${ports.PANEL_PORT}`;
      const started = await fetch(`${panelUrl}/api/smoke-runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...panelHeader },
        body: JSON.stringify({ pipeline: connectorFile.name, records: 100, timeoutMs: 300_000 }),
      });
      assert.equal(started.status, 202, await started.clone().text());
      const { runId } = (await started.json()) as { runId: string };
      const smoke = await waitFor(
        'the panel smoke run to finish',
        async () => {
          const report = (await (await fetch(`${panelUrl}/api/smoke-runs/${runId}`)).json()) as {
            status: string;
            delivery: { kind: string } | null;
            steps: unknown[];
          };
          return report.status === 'running' ? undefined : report;
        },
        600_000,
      );
      assert.equal(smoke.status, 'passed', JSON.stringify(smoke.steps, null, 2));
      assert.equal(smoke.delivery?.kind, 'connector');

      // Reset from the panel (running inside the project): volumes go, the stack comes back healthy and the
      // bootstrap re-applies sql/, re-registers the schema and re-deploys the connector; the panel itself survives.
      const reset = await fetch(`${panelUrl}/api/reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...panelHeader },
        body: JSON.stringify({ confirm: project }),
      });
      assert.equal(reset.status, 202, await reset.clone().text());
      const { operationId } = (await reset.json()) as { operationId: string };
      const resetReport = await waitFor(
        'the panel reset to finish',
        async () => {
          const report = (await (await fetch(`${panelUrl}/api/reset/${operationId}`)).json()) as {
            status: string;
            left: string[];
            failure: unknown;
          };
          return report.status === 'running' ? undefined : report;
        },
        30 * 60_000,
      );
      assert.equal(resetReport.status, 'succeeded', JSON.stringify(resetReport, null, 2));
      assert.deepEqual(resetReport.left, []);
      // waitFor retries: the client's pooled sockets still point at the removed ClickHouse container.
      await waitFor(
        'an empty pipeline.orders after the reset',
        async () => ((await distinctRows()).length === 0 ? true : undefined),
        120_000,
      );
      assert.ok((await registry.getLatestSchemaId(`${topic}-value`)) > 0, 'reset did not re-register the schema');
      await waitFor('connector RUNNING after reset', connectorRunning, 300_000);
    } catch (error) {
      console.log(stack.logs());
      throw error;
    } finally {
      await clickhouse.close();
      compose(['down', '-v', '--remove-orphans'], 5 * 60_000);
    }
  });
});
