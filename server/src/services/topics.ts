/**
 * The topics screen's operations over Kafka: list, describe, idempotent create, consumer-group lag. Reads go through
 * the shared read cache (concurrent requests share one admin call; a write announced by the client drops them).
 */
import type { ConsumerGroupLag, CreateTopicInput, CreateTopicResult, TopicDetail, TopicListResponse } from '../contracts/topics.ts';
import { validateTopicName } from '../domain/names.ts';
import { AppError } from '../errors/app-error.ts';
import type { KafkaClient } from '../kafka/client.ts';
import { assertReplicationFactor } from './cluster.ts';
import { cacheKey, isoTime, type ReadCache } from './read-cache.ts';

export interface TopicService {
  list(): Promise<TopicListResponse>;
  describe(name: string): Promise<TopicDetail>;
  /** Creates the topic, or changes nothing when one with the same partition count exists (409 when it differs). */
  create(input: CreateTopicInput): Promise<CreateTopicResult>;
  groupLag(group: string): Promise<ConsumerGroupLag>;
}

export function createTopicService(kafka: KafkaClient, cache: ReadCache): TopicService {
  return {
    async list() {
      const { value, fetchedAt } = await cache.get(cacheKey('Kafka', 'topics'), () => kafka.listTopics());
      return { topics: value, fetchedAt: isoTime(fetchedAt) };
    },

    async describe(name) {
      const { value: topic } = await cache.get(cacheKey('Kafka', 'topic', name), () => kafka.describeTopic(name));
      if (!topic) throw new AppError(404, 'TOPIC_NOT_FOUND', `Kafka has no topic "${name}"`, { name });
      return topic;
    },

    async create({ name, partitions, retentionMs, replicationFactor }) {
      const retention = retentionMs ?? undefined;
      const replicas = replicationFactor ?? undefined;
      // The shape was checked by the schema; the "." / "_" collision rule needs the existing names.
      const named = validateTopicName(name, await kafka.topicNames());
      if (!named.ok) throw new AppError(400, 'INVALID_TOPIC_NAME', named.reason, { name });
      const existing = await kafka.describeTopic(name);
      if (existing) return sameOrConflict(existing, partitions, retention, named.warnings, replicas);
      await assertReplicationFactor(kafka, replicas);
      const created = await kafka.createTopic({ name, partitions, retentionMs: retention, replicationFactor: replicas });
      if (!created) {
        const raced = await kafka.describeTopic(name);
        if (raced) return sameOrConflict(raced, partitions, retention, named.warnings, replicas);
      }
      const retentionText =
        retention === undefined ? "the broker's default retention" : retention === -1 ? 'unlimited retention' : `retention.ms=${retention}`;
      return {
        name,
        created: true,
        message: `Created topic ${name} with ${partitions} partition(s), ${replicas === undefined ? "the broker's default replication factor" : `replication factor ${replicas}`} and ${retentionText}`,
        warnings: named.warnings,
      };
    },

    groupLag: async (group) => (await cache.get(cacheKey('Kafka', 'group', group), () => kafka.groupLag(group))).value,
  };
}

/** Re-creating a topic is a no-op when it matches; a different partition count is a conflict, never a silent change. */
function sameOrConflict(
  existing: TopicDetail,
  partitions: number,
  retentionMs: number | undefined,
  warnings: string[],
  replicationFactor?: number,
): CreateTopicResult {
  if (existing.partitions.length !== partitions) {
    throw new AppError(
      409,
      'TOPIC_EXISTS',
      `Topic ${existing.name} already exists with ${existing.partitions.length} partition(s), not ${partitions}; nothing was changed`,
      { name: existing.name, partitions: existing.partitions.length },
    );
  }
  const currentRetention = existing.retentionMs ?? -1;
  const retentionNote =
    retentionMs !== undefined && retentionMs !== currentRetention
      ? `; its retention.ms is ${currentRetention}, not ${retentionMs} — left unchanged`
      : '';
  const replicationNote =
    replicationFactor !== undefined && replicationFactor !== existing.replicationFactor
      ? `; its replication factor is ${existing.replicationFactor}, not ${replicationFactor} — left unchanged`
      : '';
  return {
    name: existing.name,
    created: false,
    message: `Topic ${existing.name} already exists with ${partitions} partition(s); nothing was changed${retentionNote}${replicationNote}`,
    warnings,
  };
}
