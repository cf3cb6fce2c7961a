import type { Admin, ITopicMetadata, Kafka, Producer } from 'kafkajs';
import type { ConsumerGroupLag, TopicDetail, TopicSummary } from '../contracts/topics.ts';
import type { BrokerFact, TopicFact } from '../domain/cluster/partition-health.ts';
import { AppError } from '../errors/app-error.ts';
import type { UpstreamChanges } from '../http/upstream-changes.ts';
import type { KafkaAccess } from './access.ts';
import { mapKafkaError } from './errors.ts';
import { idleSocket, kafkaConfig, PLAINTEXT, type KafkaConnection, type KafkaSecurity } from './connection.ts';
import { kafkajs } from './kafkajs.ts';
import { openRawCluster, type RawCluster } from './raw-cluster.ts';
import { SharedConnection } from './shared-connection.ts';
import { fetchTopicOffsets } from './topic-offsets.ts';

export interface KafkaClientOptions {
  brokers: string[];
  /** SASL and TLS; plaintext without SASL by default. */
  security?: KafkaSecurity;
  timeoutMs: number;
  clientId?: string;
  /** Bound on one admin operation (connect + requests + one retry); default max(4 × timeoutMs, 10 s). */
  operationTimeoutMs?: number;
  /** Where the client announces the writes it sends (create topic), for the read caches. */
  changes?: UpstreamChanges;
}

export interface ClusterFacts {
  clusterId: string;
  controller: number | null;
  brokers: string[];
  topicCount: number;
}

export interface CreateTopicRequest {
  name: string;
  partitions: number;
  retentionMs?: number;
  /** Absent: the broker's default.replication.factor. */
  replicationFactor?: number;
}

/** The live brokers (with their racks) and every topic's partition placement, from one Metadata answer. */
export interface BrokerFacts {
  clusterId: string;
  controller: number | null;
  brokers: BrokerFact[];
  topics: TopicFact[];
}

/**
 * The panel's Kafka admin: one kafkajs admin client connected once and shared by every request (SharedConnection:
 * replaced after a failure without an answer, every operation bounded), short timeouts, silent logger, errors naming
 * Kafka.
 */
export interface KafkaClient {
  readonly brokers: string[];
  /** The shared clients and their bounds, for the modules beside this one (messages, produce, groups, topic-admin). */
  readonly access: KafkaAccess;
  /** Brokers and security, for the short-lived clients beside this one (never serialised: it holds the password). */
  readonly connection: KafkaConnection;
  describeCluster(): Promise<ClusterFacts>;
  describeBrokers(): Promise<BrokerFacts>;
  listTopics(): Promise<TopicSummary[]>;
  /** null when the topic does not exist. */
  describeTopic(name: string): Promise<TopicDetail | null>;
  topicNames(): Promise<string[]>;
  /** true when created, false when it already existed. */
  createTopic(request: CreateTopicRequest): Promise<boolean>;
  /** Lag of a consumer group over the topics it committed offsets for (plus `topics`, when given). */
  groupLag(group: string, topics?: string[]): Promise<ConsumerGroupLag>;
  /**
   * Runs `operation` on the shared admin client (for operations this interface does not have yet). `write: true`
   * announces a change for the read caches and sends the operation only once.
   */
  withAdmin<T>(operation: (admin: Admin) => Promise<T>, options?: { write?: boolean }): Promise<T>;
  /**
   * Runs `operation` on the panel's one producer (connected on first use, kept, replaced after a failure without an
   * answer), for messages the panel sends itself. Sent once; announced as a write (end offsets change).
   */
  withProducer<T>(operation: (producer: Producer) => Promise<T>): Promise<T>;
  /** Disconnects the shared admin client, producer and cluster session. */
  close(): Promise<void>;
}

export function createKafkaClient(options: KafkaClientOptions): KafkaClient {
  let kafka: Kafka | undefined;
  const connection: KafkaConnection = { brokers: options.brokers, security: options.security ?? PLAINTEXT };
  // Built on the first operation: loading kafkajs is not part of the panel's start.
  const client = () => {
    const { Kafka, logLevel } = kafkajs();
    return (kafka ??= new Kafka(
      kafkaConfig(connection, {
        clientId: options.clientId ?? 'pipeline-panel',
        connectionTimeout: Math.min(options.timeoutMs, 2000),
        requestTimeout: options.timeoutMs,
        retry: { retries: 0 },
        logLevel: logLevel.NOTHING,
        socketFactory: idleSocket,
      }),
    ));
  };
  const target = options.brokers.join(',');
  const operationTimeoutMs = options.operationTimeoutMs ?? Math.max(options.timeoutMs * 4, 10_000);
  // One quick retry inside kafkajs absorbs transient metadata errors right after a topic is created.
  const shared = new SharedConnection<Admin>({
    create: () => client().admin({ retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 1000 } }),
    target,
    operationTimeoutMs,
  });

  const producer = new SharedConnection<Producer>({
    create: () => client().producer({ allowAutoTopicCreation: false, retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 1000 } }),
    target,
    operationTimeoutMs,
  });

  // The group-less session messages, groups and topic settings read through (raw-cluster.ts), shared like the admin.
  const cluster = new SharedConnection<RawCluster>({ create: () => openRawCluster(client()), target, operationTimeoutMs });

  /** Reads are sent once more on a fresh connection after a failure without an answer; writes are sent once. */
  async function run<C extends Admin | Producer | RawCluster, T>(
    connection: SharedConnection<C>,
    operation: (client: C) => Promise<T>,
    write: boolean,
  ) {
    try {
      return await connection.run(operation, { retry: !write });
    } catch (error) {
      throw mapKafkaError(error, target, options.timeoutMs);
    } finally {
      if (write) options.changes?.announce('Kafka');
    }
  }
  const withAdmin = <T>(operation: (admin: Admin) => Promise<T>, { write = false }: { write?: boolean } = {}) =>
    run(shared, operation, write);

  /** Every topic with its partitions, in one Metadata request (an empty topic list asks for all). */
  const allTopics = async (admin: Admin): Promise<ITopicMetadata[]> => (await admin.fetchTopicMetadata()).topics;

  async function summaries(
    admin: Admin,
    topics: ITopicMetadata[],
  ): Promise<{ summaries: TopicSummary[]; configs: Map<string, Record<string, string | null>>; offsets: Map<string, PartitionOffsets[]> }> {
    if (topics.length === 0) return { summaries: [], configs: new Map(), offsets: new Map() };
    const names = topics.map((t) => t.name);
    const [configs, offsetList] = await Promise.all([
      topicConfigs(admin, names),
      Promise.all(names.map((name) => fetchTopicOffsets(admin, name))),
    ]);
    const offsets = new Map(names.map((name, i) => [name, offsetList[i]!]));
    const result: TopicSummary[] = topics.map((topic) => {
      const retention = configs.get(topic.name)?.['retention.ms'];
      return {
        name: topic.name,
        partitions: topic.partitions.length,
        replicationFactor: Math.max(0, ...topic.partitions.map((p) => p.replicas.length)),
        endOffset: (offsets.get(topic.name) ?? []).reduce((sum, o) => sum + Number(o.high), 0),
        internal: topic.name.startsWith('_'),
        retentionMs: retention === undefined || retention === null || Number(retention) < 0 ? null : Number(retention),
      };
    });
    return { summaries: result.sort((a, b) => Number(a.internal) - Number(b.internal) || a.name.localeCompare(b.name)), configs, offsets };
  }

  return {
    brokers: options.brokers,
    connection,
    access: {
      target,
      timeoutMs: options.timeoutMs,
      operationTimeoutMs,
      withAdmin,
      withCluster: (operation, { write = false } = {}) => run(cluster, operation, write),
      withProducer: (operation) => run(producer, operation, true),
    },
    withAdmin,
    describeCluster: () =>
      withAdmin(async (admin) => {
        const [cluster, topics] = await Promise.all([admin.describeCluster(), allTopics(admin)]);
        return {
          clusterId: cluster.clusterId,
          controller: cluster.controller,
          brokers: cluster.brokers.map((b) => `${b.host}:${b.port} (id ${b.nodeId})`),
          topicCount: topics.filter((t) => !t.name.startsWith('__')).length,
        };
      }),
    describeBrokers: () =>
      withAdmin(async (admin) => {
        const [cluster, topics] = await Promise.all([admin.describeCluster(), allTopics(admin)]);
        const racks = await brokerRacks(
          admin,
          cluster.brokers.map((b) => b.nodeId),
        );
        return {
          clusterId: cluster.clusterId,
          controller: cluster.controller,
          brokers: cluster.brokers.map((b) => ({ nodeId: b.nodeId, address: `${b.host}:${b.port}`, rack: racks.get(b.nodeId) ?? null })),
          topics: topics.map((t) => ({
            name: t.name,
            partitions: t.partitions.map((p) => ({ partition: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr })),
          })),
        };
      }),
    topicNames: () => withAdmin(async (admin) => (await allTopics(admin)).map((t) => t.name)),
    listTopics: () => withAdmin(async (admin) => (await summaries(admin, await allTopics(admin))).summaries),
    describeTopic: (name) =>
      withAdmin(async (admin) => {
        // From the list of all topics, never by name: a Metadata request naming a missing topic can create it on a
        // broker with auto.create.topics.enable.
        const meta = (await allTopics(admin)).find((t) => t.name === name);
        if (!meta) return null;
        const {
          summaries: [summary],
          configs,
          offsets,
        } = await summaries(admin, [meta]);
        if (!summary) return null;
        const partitionOffsets = offsets.get(name) ?? [];
        const partitions = meta.partitions
          .map((p) => {
            const o = partitionOffsets.find((x) => x.partition === p.partitionId);
            return {
              partition: p.partitionId,
              leader: p.leader,
              replicas: p.replicas,
              isr: p.isr,
              startOffset: Number(o?.low ?? 0),
              endOffset: Number(o?.high ?? 0),
            };
          })
          .sort((a, b) => a.partition - b.partition);
        return { ...summary, partitions, configs: configs.get(name) ?? {} };
      }),
    createTopic: (request) =>
      withAdmin(
        (admin) =>
          admin.createTopics({
            waitForLeaders: true,
            timeout: operationTimeoutMs,
            topics: [
              {
                topic: request.name,
                numPartitions: request.partitions,
                // -1: the broker's default.replication.factor (needs Kafka ≥ 2.4), right for one broker or many.
                replicationFactor: request.replicationFactor ?? -1,
                configEntries: request.retentionMs === undefined ? [] : [{ name: 'retention.ms', value: String(request.retentionMs) }],
              },
            ],
          }),
        { write: true },
      ),
    groupLag: (group, topics = []) =>
      withAdmin(async (admin) => {
        // kafkajs 2.2.4's DescribeGroups fails against Kafka 4.x brokers ("No brokers in the broker pool") while
        // OffsetFetch works, so the state is best-effort and the lag never depends on it.
        // Metadata first: a fresh kafkajs admin has no brokers in its pool until a Metadata request filled it, and
        // the group requests (FindCoordinator) then fail with "No brokers in the broker pool".
        const all = await allTopics(admin);
        const [state, committed] = await Promise.all([
          admin.describeGroups([group]).then(
            (r) => r.groups[0]?.state ?? 'Unknown',
            () => 'Unknown',
          ),
          admin.fetchOffsets({ groupId: group }),
        ]);
        const byTopic = new Map(committed.map((t) => [t.topic, t.partitions]));
        for (const topic of topics) if (!byTopic.has(topic)) byTopic.set(topic, []);
        const existing = new Set(all.map((t) => t.name));
        const read = [...byTopic].filter(([topic]) => existing.has(topic)).sort(([a], [b]) => a.localeCompare(b));
        const ends = await Promise.all(read.map(([topic]) => fetchTopicOffsets(admin, topic)));
        const partitions: ConsumerGroupLag['partitions'] = [];
        for (const [i, [topic, committedPartitions]] of read.entries()) {
          for (const end of ends[i]!) {
            const offset = committedPartitions.find((p) => p.partition === end.partition)?.offset;
            const committedOffset = offset === undefined || Number(offset) < 0 ? null : Number(offset);
            const endOffset = Number(end.high);
            // Without a commit the group would start at the beginning (earliest) — Connect sinks' default.
            const lag = Math.max(0, endOffset - (committedOffset ?? Number(end.low)));
            partitions.push({ topic, partition: end.partition, committed: committedOffset, end: endOffset, lag });
          }
        }
        partitions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
        if ((state === 'Dead' || state === 'Unknown') && committed.length === 0 && topics.length === 0) {
          throw new AppError(
            404,
            'CONSUMER_GROUP_NOT_FOUND',
            `Kafka has no consumer group "${group}" (no members and no committed offsets)`,
            { group },
          );
        }
        return { group, state, totalLag: partitions.reduce((sum, p) => sum + p.lag, 0), partitions };
      }),
    withProducer: (operation) => run(producer, operation, true),
    close: async () => {
      await Promise.all([shared.close(), producer.close(), cluster.close()]);
    },
  };
}

type PartitionOffsets = Awaited<ReturnType<Admin['fetchTopicOffsets']>>[number];

async function topicConfigs(admin: Admin, names: string[]): Promise<Map<string, Record<string, string | null>>> {
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: names.map((name) => ({ type: kafkajs().ConfigResourceTypes.TOPIC, name })),
  });
  const map = new Map<string, Record<string, string | null>>();
  for (const resource of described.resources) {
    const entries: Record<string, string | null> = {};
    for (const entry of resource.configEntries) entries[entry.configName] = entry.isSensitive ? null : entry.configValue;
    map.set(resource.resourceName, entries);
  }
  return map;
}

/**
 * `broker.rack` of each broker (DescribeConfigs on the BROKER resource; kafkajs' describeCluster drops the rack the
 * Metadata answer carries). A broker that does not answer (e.g. shutting down) has no rack here rather than failing
 * the whole view.
 */
async function brokerRacks(admin: Admin, nodeIds: number[]): Promise<Map<number, string>> {
  const racks = new Map<number, string>();
  await Promise.all(
    nodeIds.map(async (nodeId) => {
      try {
        const described = await admin.describeConfigs({
          includeSynonyms: false,
          resources: [{ type: kafkajs().ConfigResourceTypes.BROKER, name: String(nodeId), configNames: ['broker.rack'] }],
        });
        const value = described.resources[0]?.configEntries.find((e) => e.configName === 'broker.rack')?.configValue;
        if (value) racks.set(nodeId, value);
      } catch {
        // left unknown
      }
    }),
  );
  return racks;
}

export async function probeKafka(client: KafkaClient): Promise<Record<string, string | number | string[]>> {
  const facts = await client.describeCluster();
  return {
    bootstrap: client.brokers.join(','),
    clusterId: facts.clusterId,
    controller: facts.controller ?? -1,
    brokers: facts.brokers,
    topicCount: facts.topicCount,
  };
}
