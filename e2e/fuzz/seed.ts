/**
 * Real objects for the fuzz tier to find: without them nearly every generated name is unknown and the fuzzer only
 * ever sees 404s, never the code behind a successful lookup. fuzz/hooks.py puts these names into path parameters
 * for part of the cases (FUZZ_KNOWN_NAMES); the rest stay random.
 * Seeded on the harness: a topic, its value subject (the orders schema), a FileStream
 * sink on it (a real connector with a real consumer group), and the orders pipeline's files in the fuzz project copy.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { repoRoot } from '../harness/panel-server.ts';
import type { ServiceEnv } from '../harness/state.ts';

export const FUZZ_TOPIC = 'fuzz-orders';
export const FUZZ_SUBJECT = `${FUZZ_TOPIC}-value`;
export const FUZZ_CONNECTOR = 'fuzz-file-sink';

export interface KnownNames {
  /** Path template (as in the OpenAPI document) → parameter → a name that exists. */
  byPath: Record<string, Record<string, string>>;
  /** Parameter name → a name that exists, for templates not listed in byPath. */
  byParameter: Record<string, string>;
}

async function upstream(url: string, init: RequestInit): Promise<void> {
  const res = await fetch(url, { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } });
  if (!res.ok && res.status !== 409) throw new Error(`fuzz seed: ${init.method ?? 'GET'} ${url} → ${res.status} ${await res.text()}`);
}

export async function seedFuzzTargets(services: ServiceEnv, projectDir: string, fixtureService: string): Promise<KnownNames> {
  const admin = new Kafka({ clientId: 'fuzz-seed', brokers: services.kafka.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(FUZZ_TOPIC))
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: FUZZ_TOPIC, numPartitions: 2, replicationFactor: 1 }] });
  } finally {
    await admin.disconnect();
  }

  const schemaFile = join(repoRoot, 'connectors', 'orders-value.avsc');
  await upstream(`${services.registry.url}/subjects/${FUZZ_SUBJECT}/versions`, {
    method: 'POST',
    body: JSON.stringify({ schema: readFileSync(schemaFile, 'utf8') }),
  });
  await upstream(`${services.connect.url}/connectors/${FUZZ_CONNECTOR}/config`, {
    method: 'PUT',
    body: JSON.stringify({
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
      'tasks.max': '1',
      topics: FUZZ_TOPIC,
      file: join(services.workDir, 'fuzz-file-sink.txt'),
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    }),
  });

  // The orders pipeline's files, so /api/pipelines/orders, the SQL file and the connector file resolve.
  for (const [dir, file] of [
    ['sql', '001_orders.sql'],
    ['connectors', 'orders-value.avsc'],
    ['connectors', 'orders-clickhouse-sink.json'],
  ] as const) {
    mkdirSync(join(projectDir, dir), { recursive: true });
    copyFileSync(join(repoRoot, dir, file), join(projectDir, dir, file));
  }

  const sinkFile = join(repoRoot, 'connectors', 'orders-clickhouse-sink.json');
  const pipelineId = (JSON.parse(readFileSync(sinkFile, 'utf8')) as { name: string }).name;
  return {
    byPath: {
      '/api/topics/{name}': { name: FUZZ_TOPIC },
      '/api/connectors/{name}': { name: FUZZ_CONNECTOR },
      '/api/connectors/{name}/{action}': { name: FUZZ_CONNECTOR },
      '/api/sql-files/{file}/apply': { file: '001_orders.sql' },
      '/api/connector-files/{file}/preflight': { file: 'orders-clickhouse-sink.json' },
      '/api/connector-files/{file}/deploy': { file: 'orders-clickhouse-sink.json' },
      // A pipeline's id is its connector's name (server/src/pipelines/resolve.ts).
      '/api/pipelines/{id}/contract': { id: pipelineId },
    },
    byParameter: {
      subject: FUZZ_SUBJECT,
      group: `connect-${FUZZ_CONNECTOR}`,
      database: 'pipeline',
      table: 'orders',
      service: fixtureService,
      topic: FUZZ_TOPIC,
    },
  };
}
