/**
 * Stack tier, cluster profile: docker-compose.cluster.yml with the real images via `up -d --build --wait`, then
 * - 3 brokers in one KRaft quorum, a rack each; every internal topic at RF 3 with min.insync.replicas 2
 *   (Connect's own topics carrying it as a topic config, the others through the broker default);
 * - both Connect workers in one group: a connector deployed through one shows on the other, a task on each;
 * - the replicated orders table on both ClickHouse replicas, one Keeper path, the cluster reachable between them;
 * - the end-to-end path: Avro records produced with a registered schema become typed rows on both replicas;
 * - one broker stopped: its partitions leave every ISR, and new records still arrive on both replicas;
 * then `down -v`. Needs a Docker host that can pull images and Compose v2; anywhere else it skips with one line.
 * Its own Compose project and host ports, so a running cluster or single-node stack is left alone.
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
  connectorRunning,
  detectStackSkip,
  DISTINCT_ORDERS_SQL,
  makeOrder,
  produceOrders,
  waitFor,
  type Order,
  type OrderRow,
} from './support.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const defaults = readDotEnv(join(repo, '.env.example')).values;
const project = 'pipeline-clustertest';
// Shell variables override .env values in Compose interpolation: every host port moves out of the dev stacks' way.
const ports = {
  CLUSTER_KAFKA_1_HOST_PORT: '39094',
  CLUSTER_KAFKA_2_HOST_PORT: '39095',
  CLUSTER_KAFKA_3_HOST_PORT: '39096',
  CLUSTER_SCHEMA_REGISTRY_HOST_PORT: '38081',
  CLUSTER_CONNECT_1_HOST_PORT: '38083',
  CLUSTER_CONNECT_2_HOST_PORT: '38084',
  CLUSTER_CLICKHOUSE_1_HTTP_HOST_PORT: '38123',
  CLUSTER_CLICKHOUSE_2_HTTP_HOST_PORT: '38124',
  CLUSTER_CLICKHOUSE_1_NATIVE_HOST_PORT: '39000',
  CLUSTER_CLICKHOUSE_2_NATIVE_HOST_PORT: '39001',
};
const WORKERS = ['connect-1', 'connect-2'];
const REPLICAS = ['clickhouse-1', 'clickhouse-2'];
const CONNECT_TOPICS = ['_connect-configs', '_connect-offsets', '_connect-status'];

const skipReason = detectStackSkip(defaults.KAFKA_IMAGE ?? 'apache/kafka');
// The same line as the single-node tier's (scripts/test-totals.sh counts it), marked as the cluster's.
if (skipReason) console.log(`stack tier skipped: ${skipReason} [cluster profile]`);

const cluster = composeProject({
  repo,
  project,
  file: 'docker-compose.cluster.yml',
  envFile: join(repo, '.env.example'),
  env: cleanComposeEnv(repo, { COMPOSE_PROJECT_NAME: project, ...ports }),
});
const { compose } = cluster;
/** A Kafka CLI tool inside a broker, its JVM capped (it inherits the broker's heap). */
const kafkaCli = (tool: string, args: string[]) =>
  compose([
    'exec',
    '-T',
    '-e',
    'KAFKA_HEAP_OPTS=-Xmx128m',
    'kafka-1',
    `/opt/kafka/bin/${tool}`,
    '--bootstrap-server',
    'localhost:9092',
    ...args,
  ]);
/** A topic's effective configs with their sources (`--all` includes broker defaults). */
const topicConfigs = (topic: string) =>
  kafkaCli('kafka-configs.sh', ['--entity-type', 'topics', '--entity-name', topic, '--describe', '--all']);

describe(
  'stack tier, cluster profile: up → replication → end to end → one broker down → down',
  { skip: skipReason, timeout: 45 * 60_000 },
  () => {
    test('3 brokers, 2 workers, 2 replicas carry records end to end, also with a broker stopped', { timeout: 45 * 60_000 }, async () => {
      const connectorFile = JSON.parse(readFileSync(join(repo, 'connectors/cluster/orders-clickhouse-sink.json'), 'utf8')) as {
        name: string;
        config: Record<string, string>;
      };
      const schemaText = readFileSync(join(repo, 'connectors/orders-value.avsc'), 'utf8');
      const connect = [ports.CLUSTER_CONNECT_1_HOST_PORT, ports.CLUSTER_CONNECT_2_HOST_PORT].map((p) => `http://127.0.0.1:${p}`);
      const registry = new SchemaRegistry({ host: `http://127.0.0.1:${ports.CLUSTER_SCHEMA_REGISTRY_HOST_PORT}` });
      const replicas = [ports.CLUSTER_CLICKHOUSE_1_HTTP_HOST_PORT, ports.CLUSTER_CLICKHOUSE_2_HTTP_HOST_PORT].map((p) =>
        createClient({ url: `http://127.0.0.1:${p}`, username: defaults.CLICKHOUSE_USER, password: defaults.CLICKHOUSE_PASSWORD }),
      );
      const kafka = new Kafka({
        clientId: 'cluster-stack-test',
        brokers: [ports.CLUSTER_KAFKA_1_HOST_PORT, ports.CLUSTER_KAFKA_2_HOST_PORT, ports.CLUSTER_KAFKA_3_HOST_PORT].map(
          (p) => `localhost:${p}`,
        ),
        logLevel: logLevel.WARN,
      });
      const admin = kafka.admin();
      const topic = connectorFile.config.topics!;
      process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

      const rowsOn = async (replica: number): Promise<OrderRow[]> =>
        (await replicas[replica]!.query({ query: DISTINCT_ORDERS_SQL, format: 'JSONEachRow' })).json<OrderRow>();
      const queryOn = async <T>(replica: number, query: string): Promise<T[]> =>
        (await replicas[replica]!.query({ query, format: 'JSONEachRow' })).json<T>();
      /** Waits until both replicas hold exactly these orders (distinct), as typed rows. */
      const expectRowsOnBothReplicas = async (orders: Order[], what: string) => {
        const expected = orders.map((o) => o.row).sort((a, b) => a.order_id.localeCompare(b.order_id));
        for (const [i, name] of REPLICAS.entries()) {
          const rows = await waitFor(
            `${expected.length} orders on ${name} (${what})`,
            async () => {
              const r = await rowsOn(i);
              return r.length >= expected.length ? r : undefined;
            },
            300_000,
          );
          assert.deepEqual(rows, expected, `${name}: rows ${what}`);
        }
      };
      /** Every partition of these topics with its leader, replicas and ISR (Metadata API). */
      const partitionsOf = async (topics: string[]) =>
        (await admin.fetchTopicMetadata({ topics })).topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, ...p })));
      const expectMinIsr2 = (topicName: string, source: RegExp) => {
        const described = topicConfigs(topicName);
        assert.match(described, /^\s*min\.insync\.replicas=2 /m, `${topicName}: min.insync.replicas\n${described}`);
        assert.match(described, source, `${topicName}: where min.insync.replicas=2 comes from\n${described}`);
      };

      try {
        compose(['up', '-d', '--build', '--wait', '--wait-timeout', '900'], 30 * 60_000);
        await admin.connect();

        // One KRaft cluster of three combined nodes, one quorum, a rack each.
        const described = await admin.describeCluster();
        assert.deepEqual(described.brokers.map((b) => b.nodeId).sort(), [1, 2, 3]);
        const quorum = kafkaCli('kafka-metadata-quorum.sh', ['describe', '--status']);
        const voters = /CurrentVoters:\s*(.*)/.exec(quorum)?.[1] ?? '';
        const voterIds = [...voters.matchAll(/"id":\s*(\d+)/g)].map((m) => Number(m[1]));
        assert.deepEqual((voterIds.length ? voterIds : (voters.match(/\d+/g) ?? []).map(Number)).sort(), [1, 2, 3], quorum);
        const versions = kafkaCli('kafka-broker-api-versions.sh', []);
        const racks = [...versions.matchAll(/\(id: (\d+) rack: ([\w-]+)/g)].map((m) => [Number(m[1]), m[2]]).sort();
        assert.deepEqual(racks, [
          [1, 'zone-a'],
          [2, 'zone-b'],
          [3, 'zone-c'],
        ]);

        // Internal topics of Connect and the registry: RF 3, fully in sync; min.insync.replicas 2 — Connect's as a
        // topic config of their own (config.storage.* etc., KIP-605), _schemas through the broker default.
        // A worker answers its REST root before it has created its topics: wait for them to exist.
        const internal = await waitFor('the internal topics', () => partitionsOf([...CONNECT_TOPICS, '_schemas']), 120_000);
        for (const p of internal) {
          assert.equal(p.replicas.length, 3, `${p.topic}-${p.partitionId}: replicas ${p.replicas}`);
          assert.equal(p.isr.length, 3, `${p.topic}-${p.partitionId}: isr ${p.isr}`);
        }
        for (const t of CONNECT_TOPICS) {
          expectMinIsr2(t, /DYNAMIC_TOPIC_CONFIG:min\.insync\.replicas=2/);
          assert.match(topicConfigs(t), /^\s*cleanup\.policy=compact /m, `${t} is not compacted`);
        }
        expectMinIsr2('_schemas', /STATIC_BROKER_CONFIG:min\.insync\.replicas=2/);

        // Both workers in one Connect cluster, each with the sink.
        const roots = await Promise.all(connect.map(async (u) => (await (await fetch(`${u}/`)).json()) as { kafka_cluster_id: string }));
        assert.equal(new Set(roots.map((r) => r.kafka_cluster_id)).size, 1, JSON.stringify(roots));
        for (const u of connect) {
          const plugins = (await (await fetch(`${u}/connector-plugins`)).json()) as Array<{ class: string }>;
          assert.ok(
            plugins.some((p) => p.class === connectorFile.config['connector.class']),
            `${u}: sink not installed`,
          );
        }

        // The replicated table on both replicas, registered under one Keeper path; the cluster reachable between them.
        for (const [i, name] of REPLICAS.entries()) {
          const [replica] = await waitFor(
            `${name}: pipeline.orders with both replicas active`,
            async () => {
              const r = await queryOn<{
                replica_name: string;
                total_replicas: number;
                active_replicas: number;
                is_readonly: number;
                zookeeper_path: string;
              }>(
                i,
                "SELECT replica_name, total_replicas, active_replicas, is_readonly, zookeeper_path FROM system.replicas WHERE database = 'pipeline' AND table = 'orders'",
              );
              return r[0]?.active_replicas === 2 ? r : undefined;
            },
            120_000,
          );
          assert.deepEqual(replica, {
            replica_name: name,
            total_replicas: 2,
            active_replicas: 2,
            is_readonly: 0,
            zookeeper_path: '/clickhouse/tables/01/pipeline/orders',
          });
        }
        // Each replica answers from its own system.replicas.
        const reached = await queryOn<{ replica_name: string }>(
          0,
          "SELECT replica_name FROM clusterAllReplicas('pipeline_cluster', system.replicas) WHERE database = 'pipeline' AND table = 'orders' ORDER BY replica_name",
        );
        assert.deepEqual(
          reached.map((r) => r.replica_name),
          REPLICAS,
          'a query across the cluster reaches both replicas (remote-servers.xml logs in with the .env user)',
        );

        // End to end: topic at RF 3, schema, the connector deployed through connect-2 and visible on connect-1.
        await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }] });
        const { id: schemaId } = await registry.register({ type: SchemaType.AVRO, schema: schemaText }, { subject: `${topic}-value` });
        // While the workers still rebalance (the second one joining), Connect answers 409; the request is then retried.
        await waitFor(
          'connect-2 to accept the connector config',
          async () => {
            const put = await fetch(`${connect[1]}/connectors/${connectorFile.name}/config`, {
              method: 'PUT',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(connectorFile.config),
            });
            if (put.ok) return true;
            throw new Error(`PUT connector config on connect-2: ${put.status} ${await put.text()}`);
          },
          120_000,
        );
        await waitFor(
          'connect-1 to list the connector deployed through connect-2',
          async () =>
            ((await (await fetch(`${connect[0]}/connectors`)).json()) as string[]).includes(connectorFile.name) ? true : undefined,
          60_000,
        );
        const tasks = Number(connectorFile.config['tasks.max']);
        const status = await waitFor(
          'the connector RUNNING with a task on each worker',
          async () => {
            const s = await connectorRunning(connect[0]!, connectorFile.name, tasks);
            return s && new Set(s.tasks.map((t) => t.worker_id)).size === WORKERS.length ? s : undefined;
          },
          300_000,
        );
        assert.deepEqual(
          [...new Set(status.tasks.map((t) => t.worker_id))].sort(),
          WORKERS.map((w) => `${w}:8083`),
        );

        const first = Array.from({ length: 25 }, (_, i) => makeOrder(i));
        await produceOrders(kafka, registry, topic, first, schemaId);
        await expectRowsOnBothReplicas(first, 'after the first batch');

        // The sink's consumer group committed offsets, so __consumer_offsets exists now.
        for (const p of await partitionsOf(['__consumer_offsets']))
          assert.equal(p.replicas.length, 3, `__consumer_offsets-${p.partitionId}`);
        expectMinIsr2('__consumer_offsets', /STATIC_BROKER_CONFIG:min\.insync\.replicas=2/);

        // One broker down: its replicas leave every ISR (under-replicated, 2 of 3 in sync = min.insync.replicas), and
        // the pipeline keeps working: acks=all writes succeed and the rows reach both replicas.
        compose(['stop', 'kafka-2'], 5 * 60_000);
        await waitFor(
          'kafka-2 out of every ISR and no longer a leader',
          async () => {
            const partitions = await partitionsOf([topic, ...CONNECT_TOPICS, '_schemas']);
            return partitions.every((p) => p.isr.length === 2 && !p.isr.includes(2) && p.leader !== 2) ? partitions : undefined;
          },
          180_000,
        );
        const more = Array.from({ length: 10 }, (_, i) => makeOrder(100 + i));
        await produceOrders(kafka, registry, topic, more, schemaId);
        await expectRowsOnBothReplicas([...first, ...more], 'with kafka-2 stopped');
        await waitFor(
          'the connector RUNNING with kafka-2 stopped',
          () => connectorRunning(connect[0]!, connectorFile.name, tasks),
          120_000,
        );
      } catch (error) {
        console.log(cluster.logs());
        throw error;
      } finally {
        await admin.disconnect().catch(() => undefined);
        await Promise.all(replicas.map((c) => c.close()));
        compose(['down', '-v', '--remove-orphans'], 5 * 60_000);
      }
    });
  },
);
