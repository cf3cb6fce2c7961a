import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { APICURIO_AVRO, connectorForHarness } from './connector-for-harness.ts';

const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'connectors', 'orders-clickhouse-sink.json'), 'utf8')) as {
  config: Record<string, string>;
};

test('connectors/orders-clickhouse-sink.json on the harness: host, port, converter and registry keys only', () => {
  const adapted = connectorForHarness(shipped.config, {
    clickhouseUrl: 'http://127.0.0.1:41234',
    registryBaseUrl: 'http://127.0.0.1:40000/',
  });
  const changed = Object.keys({ ...shipped.config, ...adapted })
    .filter((k) => shipped.config[k] !== adapted[k])
    .sort();
  assert.deepEqual(changed, [
    'hostname',
    'port',
    'value.converter',
    'value.converter.apicurio.registry.as-confluent',
    'value.converter.apicurio.registry.headers.enabled',
    'value.converter.apicurio.registry.url',
    'value.converter.apicurio.registry.use-id',
    'value.converter.schema.registry.url',
  ]);
  assert.equal(adapted['hostname'], '127.0.0.1');
  assert.equal(adapted['port'], '41234');
  assert.equal(adapted['ssl'], 'false');
  assert.equal(adapted['value.converter'], APICURIO_AVRO);
  assert.equal(adapted['value.converter.apicurio.registry.url'], 'http://127.0.0.1:40000/apis/registry/v2');
  assert.equal(adapted['value.converter.apicurio.registry.use-id'], 'contentId');
  assert.equal(adapted['value.converter.schema.registry.url'], undefined);
  // Credentials stay env references, resolved by the worker's config provider.
  assert.equal(adapted['password'], '${env:CLICKHOUSE_PASSWORD}');
  assert.equal(adapted['key.converter'], shipped.config['key.converter']);
  assert.deepEqual(shipped.config['value.converter'], 'io.confluent.connect.avro.AvroConverter', 'input not mutated');
});

test('a connector without ClickHouse or Avro keys is left as it is', () => {
  const file = {
    'connector.class': 'FileStreamSink',
    file: '/tmp/x',
    'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
  };
  assert.deepEqual(connectorForHarness(file, { clickhouseUrl: 'http://127.0.0.1:1', registryBaseUrl: 'http://r' }), file);
});
