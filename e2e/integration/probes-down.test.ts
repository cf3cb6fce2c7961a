import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import type { ProbeResult } from '@pipeline-panel/server/contracts';
import { loadConfig } from '@pipeline-panel/server/config';
import { closeStackClients, createProbeRunner, createStackClients } from '@pipeline-panel/server/probes/index';

/** A loopback port that was free a moment ago: nothing listens, so connecting is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A port that accepts connections and never answers: the timeout path. */
async function silentPort() {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((s) => void sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const TIMEOUT_MS = 1500;

function runnerFor(ports: { kafka: number; registry: number; connect: number; clickhouse: number }) {
  const config = loadConfig({
    PANEL_PROJECT_DIR: process.cwd(),
    // The fix-it hints of a compose project (e2e/ has no compose file, which alone would mean remote mode).
    PANEL_MODE: 'compose',
    PANEL_KAFKA_BROKERS: `127.0.0.1:${ports.kafka}`,
    PANEL_SCHEMA_REGISTRY_URL: `http://127.0.0.1:${ports.registry}`,
    PANEL_CONNECT_URL: `http://127.0.0.1:${ports.connect}`,
    PANEL_CLICKHOUSE_URL: `http://127.0.0.1:${ports.clickhouse}`,
    PANEL_PROBE_TIMEOUT_MS: String(TIMEOUT_MS),
  });
  const clients = createStackClients(config);
  return { runner: createProbeRunner(config, clients), close: () => closeStackClients(clients) };
}

const names: Record<ProbeResult['target'], RegExp> = {
  kafka: /^Kafka at 127\.0\.0\.1:\d+/,
  'schema-registry': /^Schema Registry at http:\/\/127\.0\.0\.1:\d+/,
  connect: /^Kafka Connect at http:\/\/127\.0\.0\.1:\d+/,
  clickhouse: /^ClickHouse at http:\/\/127\.0\.0\.1:\d+/,
};

describe('probes when the services are down', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const c of cleanups) await c();
  });

  test('closed ports: every probe answers ok:false with the refused address and a fix-it hint', async () => {
    const { runner, close } = runnerFor({
      kafka: await closedPort(),
      registry: await closedPort(),
      connect: await closedPort(),
      clickhouse: await closedPort(),
    });
    cleanups.push(close);
    const results = await runner.runAll();
    assert.deepEqual(
      results.map((r) => r.target),
      ['kafka', 'schema-registry', 'connect', 'clickhouse'],
    );
    for (const result of results) {
      assert.equal(result.ok, false, result.target);
      if (result.ok) continue;
      assert.match(result.reason, names[result.target]);
      assert.match(result.reason, /connection refused \(ECONNREFUSED\)/, result.reason);
      assert.match(result.hint, /docker compose up -d \S+/);
      assert.ok(result.latencyMs < TIMEOUT_MS + 500, `${result.target} answered within its timeout`);
    }
  });

  test('a port that never answers: every probe gives up with a timeout reason', async () => {
    const silent = await silentPort();
    cleanups.push(silent.close);
    const { runner, close } = runnerFor({ kafka: silent.port, registry: silent.port, connect: silent.port, clickhouse: silent.port });
    cleanups.push(close);
    const results = await runner.runAll();
    for (const result of results) {
      assert.equal(result.ok, false, result.target);
      if (result.ok) continue;
      assert.match(result.reason, /timeout|timed out/i, `${result.target}: ${result.reason}`);
      assert.ok(result.latencyMs <= TIMEOUT_MS + 600, `${result.target} gave up after ${result.latencyMs} ms`);
    }
  });

  test('results are cached briefly and concurrent callers share one probe', async () => {
    const { runner, close } = runnerFor({
      kafka: await closedPort(),
      registry: await closedPort(),
      connect: await closedPort(),
      clickhouse: await closedPort(),
    });
    cleanups.push(close);
    const [a, b] = await Promise.all([runner.runAll(), runner.runAll()]);
    assert.deepEqual(a, b);
    assert.deepEqual(await runner.runAll(), a);
  });
});
