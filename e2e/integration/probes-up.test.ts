/**
 * The probes against the running harness: every fact the Stack screen shows has a value — in particular the
 * Connect worker here has no ClickHouse sink, and the probe says "not installed" rather than an empty version.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ProbeResult } from '@pipeline-panel/server/contracts';
import { loadConfig } from '@pipeline-panel/server/config';
import { closeStackClients, createProbeRunner, createStackClients } from '@pipeline-panel/server/probes/index';
import { acquireHarness, type ServiceEnv } from './pipeline-support.ts';

let env: ServiceEnv;
let stop = async () => {};
before(async () => ({ env, stop } = await acquireHarness()), { timeout: 600_000 });
after(() => stop());

describe('probes of a running stack', () => {
  test('all answer, and no fact is empty; the missing sink is named', async () => {
    const config = loadConfig({
      PANEL_PROJECT_DIR: process.cwd(),
      PANEL_KAFKA_BROKERS: env.kafka.brokers.join(','),
      PANEL_SCHEMA_REGISTRY_URL: env.registry.url,
      PANEL_CONNECT_URL: env.connect.url,
      PANEL_CLICKHOUSE_URL: env.clickhouse.url,
      PANEL_CLICKHOUSE_USER: env.clickhouse.user,
      PANEL_CLICKHOUSE_PASSWORD: env.clickhouse.password,
      PANEL_PROBE_TIMEOUT_MS: '10000',
    });
    const clients = createStackClients(config);
    try {
      const results: ProbeResult[] = await createProbeRunner(config, clients).runAll();
      for (const result of results) {
        assert.equal(result.ok, true, `${result.target}: ${result.ok ? '' : result.reason}`);
        if (!result.ok) continue;
        for (const [fact, value] of Object.entries(result.facts)) assert.notEqual(value, '', `${result.target} fact ${fact} is empty`);
      }
      const connect = results.find((r) => r.target === 'connect');
      assert.ok(connect?.ok);
      assert.equal(connect.facts.clickhouseSinkInstalled, false);
      assert.equal(connect.facts.clickhouseSinkVersion, 'not installed');
    } finally {
      // Every long-lived client (the Kafka admin, the keep-alive pools), or this file's process never exits.
      await closeStackClients(clients);
    }
  });
});
