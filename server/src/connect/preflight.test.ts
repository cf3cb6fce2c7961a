import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SINK_CONNECTOR_CLASS } from '../domain/connector-config/sink-config.ts';
import { pluginMatches, preflight, sinkTargets } from './preflight.ts';

const sink = {
  'connector.class': SINK_CONNECTOR_CLASS,
  topics: 'orders,events',
  topic2TableMap: 'orders=orders_v1',
  hostname: 'clickhouse',
  port: '8123',
  ssl: 'false',
  database: 'pipeline',
  'value.converter': 'io.confluent.connect.avro.AvroConverter',
  'value.converter.schema.registry.url': 'http://schema-registry:8081',
};

test('maps topics to tables through topic2TableMap', () => {
  assert.deepEqual(sinkTargets(sink), [
    { topic: 'orders', table: 'orders_v1' },
    { topic: 'events', table: 'events' },
  ]);
});

test('plugin aliases match like Connect resolves them', () => {
  const plugin = { class: 'org.apache.kafka.connect.file.FileStreamSinkConnector', type: 'sink' };
  assert.ok(pluginMatches(plugin, 'FileStreamSink'));
  assert.ok(pluginMatches(plugin, 'FileStreamSinkConnector'));
  assert.ok(!pluginMatches(plugin, 'FileStreamSource'));
});

test('names the missing plugin, table and registry URL', async () => {
  const { 'value.converter.schema.registry.url': _, ...withoutUrl } = sink;
  const result = await preflight({
    config: withoutUrl,
    plugins: [{ class: 'org.apache.kafka.connect.file.FileStreamSinkConnector', type: 'sink' }],
    connectUrl: 'http://connect:8083',
    tableExists: async (_db, table) => table === 'orders_v1',
  });
  assert.equal(result.ok, false);
  const byId = Object.fromEntries(result.checks.map((c) => [c.id, c]));
  assert.match(byId['plugin-installed']!.message, new RegExp(`${SINK_CONNECTOR_CLASS.replace(/\./g, '\\.')} is not installed`));
  assert.match(byId['table-exists']!.message, /pipeline\.events \(for topic events\)/);
  assert.equal(byId['converter-set']!.ok, true);
  assert.match(byId['registry-url-set']!.message, /schema\.registry\.url is not set/);
  assert.equal(byId['keys-valid']!.ok, true);
});

test('a complete sink config passes every check', async () => {
  const result = await preflight({
    config: sink,
    plugins: [{ class: SINK_CONNECTOR_CLASS, type: 'sink', version: 'v1.5.0' }],
    connectUrl: 'x',
    tableExists: async () => true,
  });
  assert.deepEqual(
    result.checks.map((c) => [c.id, c.ok]),
    [
      ['plugin-installed', true],
      ['table-exists', true],
      ['converter-set', true],
      ['registry-url-set', true],
      ['keys-valid', true],
    ],
  );
  assert.equal(result.ok, true);
});

test("Apicurio's converter is registry-aware: its apicurio.registry.url is the registry URL", async () => {
  const { 'value.converter.schema.registry.url': _, ...rest } = sink;
  const apicurio = { ...rest, 'value.converter': 'io.apicurio.registry.utils.converter.AvroConverter' };
  const check = async (config: Record<string, string>) =>
    (
      await preflight({ config, plugins: [{ class: SINK_CONNECTOR_CLASS, type: 'sink' }], connectUrl: 'x', tableExists: async () => true })
    ).checks.find((c) => c.id === 'registry-url-set')!;
  const missing = await check(apicurio);
  assert.equal(missing.ok, false);
  assert.match(missing.message, /value\.converter\.apicurio\.registry\.url is not set: the Apicurio converter/);
  const set = await check({ ...apicurio, 'value.converter.apicurio.registry.url': 'http://registry:8080/apis/registry/v2' });
  assert.deepEqual([set.ok, set.message], [true, 'value.converter.apicurio.registry.url is http://registry:8080/apis/registry/v2']);
});
