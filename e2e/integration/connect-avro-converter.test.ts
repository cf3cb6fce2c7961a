/**
 * The harness's Connect worker reads what the panel's producer writes: Confluent-framed Avro (magic byte + 4-byte id
 * from the registry's Confluent-compatible API) decoded by Apicurio's converter, configured from a Confluent-style
 * connector config by the same rewrite the sink tier uses (harness/connector-for-harness.ts). A FileStream sink
 * writes the decoded values to a file whose name has an ${env:…} reference, resolved by the worker's env config
 * provider.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateRecords } from '@pipeline-panel/server/domain/avro/generate-records';
import { produceRecords } from '@pipeline-panel/server/kafka/record-producer';
import { createConfluentEncoder } from '@pipeline-panel/server/registry/confluent-encoder';
import { createRegistryClient } from '@pipeline-panel/server/registry/index';
import { connectorForHarness } from '../harness/connector-for-harness.ts';
import { ccompatPath } from '../harness/registry.ts';
import { acquireHarness, run, type ServiceEnv } from './pipeline-support.ts';
import { ORDERS_SCHEMA } from './smoke-support.ts';

const topic = `avro-file-${run}`;
const connector = `avro-file-sink-${run}`;
const count = 50;
let env: ServiceEnv;
let stop: () => Promise<void>;
let dir: string;

before(
  async () => {
    ({ env, stop } = await acquireHarness());
    dir = mkdtempSync(join(tmpdir(), 'pipeline-panel-avro-file-'));
  },
  { timeout: 600_000 },
);

after(async () => {
  await fetch(`${env.connect.url}/connectors/${connector}`, { method: 'DELETE' }).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
  await stop?.();
});

describe("Connect worker: Apicurio's converter decodes the panel's Confluent-framed Avro", { timeout: 240_000 }, () => {
  test('a FileStream sink writes every produced record, decoded (decimal, timestamp and union fields included)', async () => {
    const schema = readFileSync(ORDERS_SCHEMA, 'utf8');
    const registry = createRegistryClient({ url: env.registry.url, timeoutMs: 10_000 });
    const { id } = await registry.register(`${topic}-value`, schema);
    const generated = generateRecords(schema, count, { runId: `avro-${run}`, seed: 11 });
    assert.ok(generated.ok);
    const encoder = createConfluentEncoder(env.registry.url);
    const produced = await produceRecords({
      brokers: env.kafka.brokers,
      topic,
      count,
      encode: (i) => encoder.encode(id, generated.records[i]),
      key: (i) => String(generated.records[i]!.order_id),
    });
    assert.equal(produced.produced, count);

    // ${env:CLICKHOUSE_USER} is resolved by the worker's env config provider (the harness sets it to `default`).
    const out = join(dir, 'out-default.txt');
    // A Confluent-style config, as connectors/*.json in the stack has it, adapted like the sink tier adapts its file.
    const config = connectorForHarness(
      {
        'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
        'tasks.max': '1',
        topics: topic,
        file: join(dir, 'out-${env:CLICKHOUSE_USER}.txt'),
        'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
        'value.converter': 'io.confluent.connect.avro.AvroConverter',
        'value.converter.schema.registry.url': 'http://schema-registry:8081',
        'consumer.override.auto.offset.reset': 'earliest',
      },
      { clickhouseUrl: env.clickhouse.url, registryBaseUrl: env.registry.url.replace(ccompatPath, '') },
    );
    const res = await fetch(`${env.connect.url}/connectors/${connector}/config`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(config),
    });
    assert.ok(res.ok, await res.text());

    const deadline = Date.now() + 120_000;
    let lines: string[] = [];
    while (Date.now() < deadline) {
      lines = existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter(Boolean) : [];
      if (lines.length >= count) break;
      const status = (await (await fetch(`${env.connect.url}/connectors/${connector}/status`)).json()) as {
        tasks?: Array<{ state: string; trace?: string }>;
      };
      const failed = status.tasks?.find((t) => t.state === 'FAILED');
      assert.equal(failed, undefined, failed?.trace);
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.equal(lines.length, count, `the file sink wrote ${lines.length} of ${count} records`);
    for (const record of generated.records) {
      const line = lines.find((l) => l.includes(`order_id=${String(record.order_id)},`));
      assert.ok(line, `no decoded line for ${String(record.order_id)}`);
      assert.match(line, /^Struct\{order_id=/);
      assert.ok(line.includes(`customer_id=${String(record.customer_id)},`), line);
      assert.ok(line.includes(`quantity=${String(record.quantity)},`), line);
      assert.match(line, /amount=-?\d+\.\d{2},/); // bytes + logicalType decimal → a Connect Decimal (BigDecimal)
    }
  });
});
