import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { describeEndpoints, remoteModeInfo, remoteReset, remoteServices, remoteStack } from './remote-mode.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HOST = '127.0.0.1:8420';

function remoteConfig() {
  const dir = mkdtempSync(join(tmpdir(), 'panel-remote-'));
  return loadConfig(
    {
      PANEL_PROJECT_DIR: dir,
      PANEL_KAFKA_BROKERS: 'kafka.example.com:9096',
      PANEL_KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      PANEL_KAFKA_SASL_MECHANISM: 'PLAIN',
      PANEL_KAFKA_SASL_USERNAME: 'api-key',
      PANEL_KAFKA_SASL_PASSWORD: 'kafka-secret',
      PANEL_SCHEMA_REGISTRY_URL: 'https://sr.example.com',
      PANEL_SCHEMA_REGISTRY_USERNAME: 'sr-key',
      PANEL_SCHEMA_REGISTRY_PASSWORD: 'sr-secret',
      PANEL_CLICKHOUSE_URL: 'https://ch.example.com:8443',
      PANEL_CLICKHOUSE_PASSWORD: 'ch-secret',
    },
    '/',
  );
}

describe('remote mode', () => {
  test('a directory without a compose file is remote; the endpoints say how the panel authenticates, no secret', () => {
    const config = remoteConfig();
    assert.equal(config.mode, 'remote');
    const endpoints = describeEndpoints(config);
    assert.deepEqual(
      endpoints.map((e) => [e.target, e.address, e.security]),
      [
        ['kafka', 'kafka.example.com:9096', 'SASL_SSL · PLAIN · user api-key · system CAs'],
        ['schema-registry', 'https://sr.example.com', 'TLS · system CAs · basic auth · user sr-key'],
        ['connect', 'http://localhost:8083', 'plain HTTP · no credentials'],
        ['clickhouse', 'https://ch.example.com:8443', 'TLS · system CAs · basic auth · user default'],
      ],
    );
    assert.doesNotMatch(JSON.stringify(remoteModeInfo(config)), /secret/);
  });

  test('the API refuses start, stop, restart, logs and reset with REMOTE_MODE; GET /api/config carries the endpoints', async () => {
    const config = remoteConfig();
    const app = await buildApp({
      info: { project: config.project, composeFile: config.composePath, remote: remoteModeInfo(config) },
      security: { allowedHosts: [HOST], allowedOrigins: [`http://${HOST}`], token: null },
      stack: remoteStack(config.project, config.composePath),
      probes: { runAll: async () => [] },
      services: remoteServices(config.modeReason),
      reset: remoteReset(config.modeReason),
    });
    const headers = { host: HOST, 'x-pipeline-panel': '1' };
    for (const [method, url, payload] of [
      ['POST', '/api/services/kafka/start', undefined],
      ['POST', '/api/services/kafka/restart', undefined],
      ['POST', '/api/services/kafka/stop', { confirm: 'kafka' }],
      ['GET', '/api/services/kafka/logs?follow=false', undefined],
      ['GET', '/api/reset/plan', undefined],
      ['POST', '/api/reset', { confirm: config.project }],
    ] as const) {
      const response = await app.inject({
        method,
        url,
        headers: payload ? { ...headers, 'content-type': 'application/json' } : headers,
        ...(payload ? { payload: JSON.stringify(payload) } : {}),
      });
      assert.equal(response.statusCode, 409, `${method} ${url}: ${response.body}`);
      const body = response.json() as { code: string; message: string };
      assert.equal(body.code, 'REMOTE_MODE');
      assert.match(body.message, /needs a compose project, and the panel runs in remote mode \(no compose file at /);
    }
    const info = (await app.inject({ method: 'GET', url: '/api/config', headers: { host: HOST } })).json() as {
      remote: { endpoints: unknown[] };
    };
    assert.equal(info.remote.endpoints.length, 4);
    const stack = (await app.inject({ method: 'GET', url: '/api/stack', headers: { host: HOST } })).json() as { services: unknown[] };
    assert.deepEqual(stack.services, []);
    await app.close();
  });
});
