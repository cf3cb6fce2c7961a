import kafkajs, { Kafka, logLevel, type Admin } from 'kafkajs';
import type { ConsumerGroupLag, TopicDetail, TopicSummary } from '../contracts/topics.ts';
import { AppError } from '../errors/app-error.ts';
import { UpstreamError, describeNetworkFailure } from '../http/upstream-error.ts';
import { loadBrokers, type KafkaAccess } from './access.ts';
import { mapKafkaError } from './errors.ts';

// kafkajs is CommonJS; Node's ESM loader does not see this enum as a named export.
const { ConfigResourceTypes } = kafkajs;

export interface KafkaClientOptions {
  brokers: string[];
  timeoutMs: number;
  clientId?: string;
  /** Bound on one admin operation (connect + requests); default max(4 × timeoutMs, 10 s). */
  operationTimeoutMs?: number;
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
}

/** A small kafkajs admin wrapper: short timeouts, few retries, silent logger, errors naming Kafka. */
export interface KafkaClient {
  readonly brokers: string[];
  /** The kafkajs client and its bounds, for the modules beside this one (messages, produce, groups, topic-admin). */
  readonly access: KafkaAccess;
  describeCluster(): Promise<ClusterFacts>;
  listTopics(): Promise<TopicSummary[]>;
  /** null when the topic does not exist. */
  describeTopic(name: string): Promise<TopicDetail | null>;
  topicNames(): Promise<string[]>;
  /** true when created, false when it already existed. */
  createTopic(request: CreateTopicRequest): Promise<boolean>;
  /** Lag of a consumer group over the topics it committed offsets for (plus `topics`, when given). */
  groupLag(group: string, topics?: string[]): Promise<ConsumerGroupLag>;
}

export function createKafkaClient(options: KafkaClientOptions): KafkaClient {
  const kafka = new Kafka({
    clientId: options.clientId ?? 'pipeline-panel',
    brokers: options.brokers,
    connectionTimeout: Math.min(options.timeoutMs, 2000),
    requestTimeout: options.timeoutMs,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const target = options.brokers.join(',');
  const operationTimeoutMs = options.operationTimeoutMs ?? Math.max(options.timeoutMs * 4, 10_000);

  /** One short-lived admin connection per operation, bounded by a timeout so a stuck broker never hangs a request. */
  async function withAdmin<T>(run: (admin: Admin) => Promise<T>): Promise<T> {
    // One quick retry absorbs transient metadata errors right after a topic is created.
    const admin = kafka.admin({ retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 1000 } });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new UpstreamError('Kafka', target, `no answer within ${operationTimeoutMs} ms (timeout)`)),
        operationTimeoutMs,
      );
    });
    try {
      return await Promise.race([
        (async () => {
          await admin.connect();
          return run(admin);
        })(),
        timeout,
      ]);
    } catch (error) {
      throw mapKafkaError(error, target, options.timeoutMs);
    } finally {
      clearTimeout(timer);
      await admin.disconnect().catch(() => undefined);
    }
  }

  async function summaries(
    admin: Admin,
    names: string[],
  ): Promise<{ summaries: TopicSummary[]; configs: Map<string, Record<string, string | null>> }> {
    if (names.length === 0) return { summaries: [], configs: new Map() };
    const { topics } = await admin.fetchTopicMetadata({ topics: names });
    const configs = await topicConfigs(admin, names);
    const result: TopicSummary[] = [];
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic.name);
      const retention = configs.get(topic.name)?.['retention.ms'];
      result.push({
        name: topic.name,
        partitions: topic.partitions.length,
        replicationFactor: Math.max(0, ...topic.partitions.map((p) => p.replicas.length)),
        endOffset: offsets.reduce((sum, o) => sum + Number(o.high), 0),
        internal: topic.name.startsWith('_'),
        retentionMs: retention === undefined || retention === null || Number(retention) < 0 ? null : Number(retention),
      });
    }
    return { summaries: result.sort((a, b) => Number(a.internal) - Number(b.internal) || a.name.localeCompare(b.name)), configs };
  }

  return {
    brokers: options.brokers,
    access: { kafka, target, timeoutMs: options.timeoutMs, operationTimeoutMs },
    async describeCluster() {
      const admin = kafka.admin({ retry: { retries: 0 } });
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        const topics = await admin.listTopics();
        return {
          clusterId: cluster.clusterId,
          controller: cluster.controller,
          brokers: cluster.brokers.map((b) => `${b.host}:${b.port} (id ${b.nodeId})`),
          topicCount: topics.filter((t) => !t.startsWith('__')).length,
        };
      } catch (error) {
        throw new UpstreamError('Kafka', target, describeNetworkFailure(error, options.timeoutMs), { cause: error });
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
    topicNames: () => withAdmin((admin) => admin.listTopics()),
    listTopics: () => withAdmin(async (admin) => (await summaries(admin, await admin.listTopics())).summaries),
    describeTopic: (name) =>
      withAdmin(async (admin) => {
        if (!(await admin.listTopics()).includes(name)) return null;
        const {
          summaries: [summary],
          configs,
        } = await summaries(admin, [name]);
        if (!summary) return null;
        const [
          {
            topics: [meta],
          },
          offsets,
        ] = await Promise.all([admin.fetchTopicMetadata({ topics: [name] }), admin.fetchTopicOffsets(name)]);
        const partitions = (meta?.partitions ?? [])
          .map((p) => {
            const o = offsets.find((x) => x.partition === p.partitionId);
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
      withAdmin((admin) =>
        admin.createTopics({
          waitForLeaders: true,
          timeout: operationTimeoutMs,
          topics: [
            {
              topic: request.name,
              numPartitions: request.partitions,
              // -1: the broker's default.replication.factor (needs Kafka ≥ 2.4), right for one broker or many.
              replicationFactor: -1,
              configEntries: request.retentionMs === undefined ? [] : [{ name: 'retention.ms', value: String(request.retentionMs) }],
            },
          ],
        }),
      ),
    groupLag: (group, topics = []) =>
      withAdmin(async (admin) => {
        // A fresh admin has no broker list for the coordinator lookup (access.ts loadBrokers); the state stays
        // best-effort so the lag never depends on it.
        await loadBrokers(admin);
        const state = await admin.describeGroups([group]).then(
          (r) => r.groups[0]?.state ?? 'Unknown',
          () => 'Unknown',
        );
        const committed = await admin.fetchOffsets({ groupId: group });
        const byTopic = new Map(committed.map((t) => [t.topic, t.partitions]));
        for (const topic of topics) if (!byTopic.has(topic)) byTopic.set(topic, []);
        const existing = new Set(await admin.listTopics());
        const partitions: ConsumerGroupLag['partitions'] = [];
        for (const [topic, committedPartitions] of [...byTopic].sort(([a], [b]) => a.localeCompare(b))) {
          if (!existing.has(topic)) continue;
          for (const end of await admin.fetchTopicOffsets(topic)) {
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
  };
}

async function topicConfigs(admin: Admin, names: string[]): Promise<Map<string, Record<string, string | null>>> {
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: names.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
  });
  const map = new Map<string, Record<string, string | null>>();
  for (const resource of described.resources) {
    const entries: Record<string, string | null> = {};
    for (const entry of resource.configEntries) entries[entry.configName] = entry.isSensitive ? null : entry.configValue;
    map.set(resource.resourceName, entries);
  }
  return map;
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
