/**
 * The panel in remote mode against the harness's secure front (`harness up --secure`): Kafka over SASL_SSL with
 * SCRAM-SHA-512, the registry and Connect behind nginx with TLS and basic auth, ClickHouse over HTTPS with a
 * password. Every screen's read answers; wrong credentials and an unknown CA give errors naming the service and the
 * setting; no secret appears in any response or in the panel's log. Skips in one line without a secure harness.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPanelServer, type PanelServer } from '../harness/panel-server.ts';
import { liveHarnessEnv } from '../harness/state.ts';
import { recordingCaller, securePanelEnv } from '../harness/secure-panel-env.ts';

const secure = liveHarnessEnv()?.secure ?? null;
const skip = secure ? false : 'no secure harness running (start it with `tsx harness/cli.ts up --secure`; needs nginx and openssl)';

const WRONG = 'wrong-password-Zq81';
/** Every read a screen makes, and the service behind it. */
const READS = [
  { path: '/api/topics', service: 'Kafka', setting: 'PANEL_KAFKA_SASL_PASSWORD', ca: 'PANEL_KAFKA_TLS_CA_FILE' },
  { path: '/api/schemas', service: 'Schema Registry', setting: 'PANEL_SCHEMA_REGISTRY_PASSWORD', ca: 'PANEL_SCHEMA_REGISTRY_TLS_CA_FILE' },
  { path: '/api/connectors', service: 'Kafka Connect', setting: 'PANEL_CONNECT_PASSWORD', ca: 'PANEL_CONNECT_TLS_CA_FILE' },
  { path: '/api/clickhouse/tables', service: 'ClickHouse', setting: 'PANEL_CLICKHOUSE_PASSWORD', ca: 'PANEL_CLICKHOUSE_TLS_CA_FILE' },
] as const;

describe('remote mode against authenticated services', { skip }, () => {
  const s = secure!;
  const secrets = () => [s.kafka.password, s.registry.password, s.connect.password, s.clickhouse.password];
  const bodies: string[] = [];
  const panels: PanelServer[] = [];
  let projectDir = '';
  let good: PanelServer;
  let wrong: PanelServer;
  let noCa: PanelServer;
  let plainHttp: PanelServer;

  const call = recordingCaller(bodies);

  before(
    async () => {
      // No compose file here: remote mode is what PANEL_MODE says, and what a directory without one implies.
      projectDir = mkdtempSync(join(tmpdir(), 'pipeline-panel-secure-'));
      const start = (label: string, override: Record<string, string> = {}) =>
        startPanelServer({ projectDir, projectName: `secure-${label}`, env: securePanelEnv(s, override), readyTimeoutMs: 90_000 }).then(
          (p) => {
            panels.push(p);
            return p;
          },
        );
      // One at a time: three cold tsx starts at once on two busy cores take long.
      good = await start('good');
      wrong = await start('wrong', {
        PANEL_KAFKA_SASL_PASSWORD: WRONG,
        PANEL_SCHEMA_REGISTRY_PASSWORD: WRONG,
        PANEL_CONNECT_PASSWORD: WRONG,
        PANEL_CLICKHOUSE_PASSWORD: WRONG,
      });
      noCa = await start('no-ca', {
        PANEL_KAFKA_TLS_CA_FILE: '',
        PANEL_SCHEMA_REGISTRY_TLS_CA_FILE: '',
        PANEL_CONNECT_TLS_CA_FILE: '',
        PANEL_CLICKHOUSE_TLS_CA_FILE: '',
      });
      const plain = (url: string) => url.replace(/^https:/, 'http:');
      plainHttp = await start('plain-http', {
        PANEL_SCHEMA_REGISTRY_URL: plain(s.registry.url),
        PANEL_CONNECT_URL: plain(s.connect.url),
        PANEL_CLICKHOUSE_URL: plain(s.clickhouse.url),
        // The panel refuses a CA file beside an http:// URL at start; a user who only mistyped the scheme has none.
        PANEL_SCHEMA_REGISTRY_TLS_CA_FILE: '',
        PANEL_CONNECT_TLS_CA_FILE: '',
        PANEL_CLICKHOUSE_TLS_CA_FILE: '',
      });
    },
    { timeout: 300_000 },
  );

  after(async () => {
    await Promise.all(panels.map((p) => p.stop()));
    rmSync(projectDir, { recursive: true, force: true });
  });

  test('GET /api/config says remote mode, with every endpoint and how it authenticates (no secret)', async () => {
    const { status, json } = await call(good, 'GET', '/api/config');
    assert.equal(status, 200);
    const remote = json!.remote as { reason: string; endpoints: Array<{ target: string; address: string; security: string }> };
    assert.match(remote.reason, /PANEL_MODE=remote/);
    assert.deepEqual(
      remote.endpoints.map((e) => e.target),
      ['kafka', 'schema-registry', 'connect', 'clickhouse'],
    );
    const kafka = remote.endpoints[0]!;
    assert.equal(kafka.address, s.kafka.brokers.join(','));
    assert.match(kafka.security, /SASL_SSL · SCRAM-SHA-512 · user panel · CA from PANEL_KAFKA_TLS_CA_FILE/);
    assert.match(remote.endpoints[1]!.security, /TLS · CA from PANEL_SCHEMA_REGISTRY_TLS_CA_FILE · basic auth · user panel/);
  });

  test('every probe answers over the authenticated connections', async () => {
    const { status, json } = await call(good, 'GET', '/api/stack/probes');
    assert.equal(status, 200);
    const probes = json as unknown as Array<{ target: string; ok: boolean; reason?: string }>;
    for (const probe of probes) assert.equal(probe.ok, true, `${probe.target}: ${probe.reason}`);
    assert.equal(probes.length, 4);
  });

  test('every screen reads: topics, schemas, connectors, tables, and a topic created over SASL_SSL', async () => {
    for (const read of READS) {
      const { status, json } = await call(good, 'GET', read.path);
      assert.equal(status, 200, `${read.path}: ${JSON.stringify(json)}`);
    }
    const topic = `secure-${Date.now().toString(36)}`;
    const created = await call(good, 'POST', '/api/topics', { name: topic, partitions: 1 });
    assert.ok(created.status === 200 || created.status === 201, JSON.stringify(created.json));
    const detail = await call(good, 'GET', `/api/topics/${topic}`);
    assert.equal(detail.status, 200);
    const subject = `${topic}-value`;
    const schema = JSON.stringify({ type: 'record', name: 'S', fields: [{ name: 'id', type: 'long' }] });
    const registered = await call(good, 'POST', `/api/schemas/${subject}/versions`, { schema });
    assert.ok(registered.status < 300, JSON.stringify(registered.json));
    const versions = await call(good, 'GET', `/api/schemas/${subject}`);
    assert.equal(versions.status, 200, JSON.stringify(versions.json));
  });

  test('the stack screen has no containers, and start, stop, restart, logs and reset are refused with REMOTE_MODE', async () => {
    const stack = await call(good, 'GET', '/api/stack');
    assert.equal(stack.status, 200);
    assert.deepEqual(stack.json!.services, []);
    for (const [method, path, body] of [
      ['POST', '/api/services/kafka/start', undefined],
      ['POST', '/api/services/kafka/stop', { confirm: 'kafka' }],
      ['GET', '/api/services/kafka/logs?follow=false', undefined],
      ['GET', '/api/reset/plan', undefined],
      ['POST', '/api/reset', { confirm: 'secure-good' }],
    ] as const) {
      const answer = await call(good, method, path, body);
      assert.equal(answer.status, 409, `${method} ${path}: ${JSON.stringify(answer.json)}`);
      assert.equal(answer.json!.code, 'REMOTE_MODE');
      assert.match(String(answer.json!.message), /needs a compose project/);
    }
  });

  test('wrong credentials: each service answers UPSTREAM_AUTH_FAILED naming it and its password setting', async () => {
    for (const read of READS) {
      const { status, json } = await call(wrong, 'GET', read.path);
      assert.equal(status, 502, `${read.path}: ${JSON.stringify(json)}`);
      assert.equal(json!.code, 'UPSTREAM_AUTH_FAILED', `${read.path}: ${JSON.stringify(json)}`);
      assert.match(String(json!.message), new RegExp(`^${read.service} at `));
      assert.match(String(json!.message), new RegExp(read.setting));
    }
    const probes = (await call(wrong, 'GET', '/api/stack/probes')).json as unknown as Array<{ ok: boolean; reason: string }>;
    for (const probe of probes) {
      assert.equal(probe.ok, false);
      assert.match(probe.reason, /refused the panel's credentials/);
    }
  });

  test('an unknown CA: each service answers UPSTREAM_TLS_FAILED naming its CA file setting', async () => {
    for (const read of READS) {
      const { status, json } = await call(noCa, 'GET', read.path);
      assert.equal(json!.code, 'UPSTREAM_TLS_FAILED', `${read.path}: ${JSON.stringify(json)}`);
      assert.equal(status, 502);
      assert.match(String(json!.message), new RegExp(`^${read.service} at .*not signed by a trusted CA.*${read.ca}`));
    }
  });

  test('http:// to a TLS port names the URL setting: nginx says so (UPSTREAM_TLS_FAILED), a TLS server that resets hints', async () => {
    // The registry and Connect are behind nginx, which answers 400 "plain HTTP request was sent to HTTPS port"; the
    // ClickHouse adapter is Node's TLS server, which resets the connection, as ClickHouse's own HTTPS port does.
    const expected = [
      {
        path: '/api/schemas',
        code: 'UPSTREAM_TLS_FAILED',
        message: /^Schema Registry at http:\/\/.*speaks HTTPS.*PANEL_SCHEMA_REGISTRY_URL/,
      },
      { path: '/api/connectors', code: 'UPSTREAM_TLS_FAILED', message: /^Kafka Connect at http:\/\/.*speaks HTTPS.*PANEL_CONNECT_URL/ },
      {
        path: '/api/clickhouse/tables',
        code: 'CLICKHOUSE_UNAVAILABLE',
        message: /^ClickHouse at http:\/\/.*if that port speaks TLS, use an https:\/\/ URL in PANEL_CLICKHOUSE_URL/,
      },
    ];
    for (const { path, code, message } of expected) {
      const { json } = await call(plainHttp, 'GET', path);
      assert.equal(json!.code, code, `${path}: ${JSON.stringify(json)}`);
      assert.match(String(json!.message), message);
    }
  });

  test('no secret in any response body or in any panel log', () => {
    const logs = panels.map((p) => readFileSync(p.logFile, 'utf8'));
    assert.ok(bodies.length >= 20, `${bodies.length} responses checked`);
    for (const value of [...secrets(), WRONG]) {
      for (const body of bodies) assert.ok(!body.includes(value), 'a response carries a secret');
      for (const log of logs) assert.ok(!log.includes(value), 'a panel log carries a secret');
      const encoded = Buffer.from(`panel:${value}`).toString('base64');
      for (const text of [...bodies, ...logs]) assert.ok(!text.includes(encoded), 'a basic-auth header leaked');
    }
  });
});
