/**
 * The panel in remote mode against the cluster harness's secure front (`harness up --cluster --secure`): three
 * brokers' SASL_SSL (SCRAM-SHA-512) listeners, the registry and both Connect workers behind nginx with TLS and basic
 * auth, ClickHouse over HTTPS with a password. The panel is given only those endpoints; every screen's API answers,
 * a wrong Kafka password gives UPSTREAM_AUTH_FAILED naming the setting, and no secret appears in any response.
 * Skips in one line when the running cluster harness has no secure front.
 */
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrokersResponse, ConnectWorkersResponse } from '@pipeline-panel/server/contracts';
import { startPanelServer, type PanelServer } from '../harness/panel-server.ts';
import type { SecureEndpoints } from '../harness/secure.ts';
import { liveClusterHarnessEnv } from '../harness/state.ts';
import { run } from '../integration/pipeline-support.ts';
import { eventually } from './cluster-support.ts';
import { recordingCaller, securePanelEnv } from '../harness/secure-panel-env.ts';

const live = liveClusterHarnessEnv();
const secure = live?.secure ?? null;
const skip = secure
  ? false
  : 'no secure cluster harness running (start it with `tsx harness/cli.ts up --cluster --secure`; needs nginx and openssl)';

/** A call to Connect's REST API through nginx (TLS with the harness CA, basic auth): node:https, as fetch has no CA option. */
function connectThroughProxy(s: SecureEndpoints, method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  const authorization = `Basic ${Buffer.from(`${s.connect.username}:${s.connect.password}`).toString('base64')}`;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${s.connect.url}${path}`,
      {
        method,
        ca: readFileSync(s.caFile, 'utf8'),
        headers: { authorization, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const WRONG = 'wrong-password-Xk42';

describe('every screen against the authenticated cluster', { skip, timeout: 300_000 }, () => {
  const s = secure!;
  const topic = `secure-cluster-${run}`;
  const connector = `secure-cluster-sink-${run}`;
  const bodies: string[] = [];
  const panels: PanelServer[] = [];
  let projectDir = '';
  let good: PanelServer;
  let wrong: PanelServer;

  const call = recordingCaller(bodies);

  const read = async <T>(path: string): Promise<T> => {
    const { status, json, text } = await call(good, 'GET', path);
    assert.equal(status, 200, `${path}: ${text}`);
    return json as T;
  };

  before(
    async () => {
      projectDir = mkdtempSync(join(tmpdir(), 'pipeline-panel-secure-cluster-'));
      const start = (label: string, override: Record<string, string> = {}) =>
        startPanelServer({
          projectDir,
          projectName: `secure-cluster-${label}`,
          env: securePanelEnv(s, override),
          readyTimeoutMs: 120_000,
        }).then((p) => {
          panels.push(p);
          return p;
        });
      [good, wrong] = await Promise.all([start('good'), start('wrong', { PANEL_KAFKA_SASL_PASSWORD: WRONG })]);
    },
    { timeout: 240_000 },
  );

  after(async () => {
    await connectThroughProxy(s, 'DELETE', `/connectors/${connector}`).catch(() => undefined);
    await call(good, 'DELETE', `/api/topics/${topic}`, { confirm: topic }).catch(() => undefined);
    await Promise.all(panels.map((p) => p.stop()));
    rmSync(projectDir, { recursive: true, force: true });
  });

  test('stack probes: Kafka, the registry, Connect and ClickHouse all answer over their authenticated endpoints', async () => {
    const probes = await read<Array<{ target: string; ok: boolean; reason?: string }>>('/api/stack/probes');
    assert.equal(probes.length, 4);
    for (const probe of probes) assert.equal(probe.ok, true, `${probe.target}: ${probe.reason}`);
  });

  test('brokers: three live brokers on their SASL_SSL listeners, no partition under-replicated', async () => {
    const body = await eventually(
      () => read<BrokersResponse>('/api/kafka/brokers'),
      (b) => b.brokers.length === 3 && b.brokers.every((x) => x.live) && b.totals.underReplicated === 0,
      'three live brokers, every partition in sync',
      60_000,
    );
    // The metadata lists the listener the panel connected through: each node's SASL_SSL one.
    assert.deepEqual(
      body.brokers.map((b) => [b.nodeId, b.address]),
      s.kafka.brokers.map((address, i) => [i + 1, address]),
    );
    assert.deepEqual(body.issues, []);
    assert.equal(body.totals.offline, 0);
  });

  test('topics: one created over SASL_SSL is replicated to all three brokers', async () => {
    const created = await call(good, 'POST', '/api/topics', { name: topic, partitions: 2 });
    assert.ok(created.status === 200 || created.status === 201, created.text);
    const detail = await read<{ partitions: Array<{ replicas: number[] }> }>(`/api/topics/${topic}`);
    assert.equal(detail.partitions.length, 2);
    for (const p of detail.partitions) assert.equal(p.replicas.length, 3);
    const list = await read<{ topics: Array<{ name: string }> }>('/api/topics');
    assert.ok(list.topics.some((t) => t.name === topic));
  });

  test('schemas: a subject registered through nginx is listed', async () => {
    const subject = `${topic}-value`;
    const schema = JSON.stringify({ type: 'record', name: 'S', fields: [{ name: 'id', type: 'long' }] });
    const registered = await call(good, 'POST', `/api/schemas/${subject}/versions`, { schema });
    assert.ok(registered.status < 300, registered.text);
    assert.ok(JSON.stringify(await read('/api/schemas')).includes(subject));
    await read(`/api/schemas/${subject}`);
  });

  test('connectors, Connect workers and groups: a sink through nginx runs on both workers and consumes over SASL_SSL', async () => {
    const put = await connectThroughProxy(s, 'PUT', `/connectors/${connector}/config`, {
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
      'tasks.max': '2',
      topics: topic,
      file: join(projectDir, `out-${run}.txt`),
      'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    });
    assert.ok(put.status < 300, put.text);
    const ours = (w: ConnectWorkersResponse) => w.placements.filter((p) => p.connector === connector);
    const workers = await eventually(
      () => read<ConnectWorkersResponse>('/api/connect/workers'),
      (w) =>
        ours(w).length === 3 && ours(w).every((p) => p.state === 'RUNNING') && w.workers.filter((x) => x.state === 'running').length === 2,
      'the connector and both tasks RUNNING on both workers',
      60_000,
    );
    assert.deepEqual(workers.workers.map((w) => w.workerId).sort(), live!.cluster.connect.workers.map((w) => w.workerId).sort());
    const connectors = await read<unknown>('/api/connectors');
    assert.ok(JSON.stringify(connectors).includes(connector));
    // The sink's tasks joined their consumer group through the workers' SASL_SSL clients.
    await eventually(
      () => read<unknown>('/api/consumer-groups'),
      (g) => JSON.stringify(g).includes(`connect-${connector}`),
      `the group connect-${connector}`,
      60_000,
    );
  });

  test('tables, replicas, pipelines and the pipelines graph read over HTTPS and the proxies', async () => {
    await read('/api/clickhouse/tables');
    const replicas = await read<{ replicas: unknown[] }>('/api/clickhouse/replicas');
    assert.deepEqual(replicas.replicas, []);
    await read('/api/pipelines');
    await read('/api/pipelines-graph');
  });

  test('a wrong Kafka password: UPSTREAM_AUTH_FAILED naming PANEL_KAFKA_SASL_PASSWORD; the other services still answer', async () => {
    for (const path of ['/api/topics', '/api/kafka/brokers']) {
      const { status, json, text } = await call(wrong, 'GET', path);
      assert.equal(status, 502, `${path}: ${text}`);
      assert.equal(json!.code, 'UPSTREAM_AUTH_FAILED', `${path}: ${text}`);
      assert.match(String(json!.message), /^Kafka at /);
      assert.match(String(json!.message), /PANEL_KAFKA_SASL_PASSWORD/);
    }
    const probes = (await call(wrong, 'GET', '/api/stack/probes')).json as unknown as Array<{ target: string; ok: boolean }>;
    assert.deepEqual(
      probes.filter((p) => !p.ok).map((p) => p.target),
      ['kafka'],
    );
  });

  test('no secret in any response body or panel log', () => {
    const logs = panels.map((p) => readFileSync(p.logFile, 'utf8'));
    assert.ok(bodies.length >= 15, `${bodies.length} responses checked`);
    for (const value of [s.kafka.password, s.registry.password, s.connect.password, s.clickhouse.password, WRONG]) {
      for (const text of [...bodies, ...logs]) {
        assert.ok(!text.includes(value), 'a response or log carries a secret');
        assert.ok(!text.includes(Buffer.from(`panel:${value}`).toString('base64')), 'a basic-auth header leaked');
      }
    }
  });
});
