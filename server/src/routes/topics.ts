import type { FastifyInstance } from 'fastify';
import type { ConsumerGroupLag, CreateTopicResult, TopicDetail, TopicListResponse } from '../contracts/topics.ts';
import { validateTopicName } from '../domain/names.ts';
import { AppError } from '../errors/app-error.ts';
import type { KafkaClient } from '../kafka/client.ts';
import { MAX_BODY_BYTES, objectBody } from './pipeline-scope.ts';

export const MAX_PARTITIONS = 1000;
export const MIN_RETENTION_MS = 60_000;
/** 1000 years; anything longer is a typo (-1 means unlimited). */
export const MAX_RETENTION_MS = 1000 * 365 * 24 * 3600 * 1000;
const GROUP_ID = /^[A-Za-z0-9._-]{1,255}$/;

export function topicRoutes(app: FastifyInstance, kafka: KafkaClient): void {
  app.get('/api/topics', async (): Promise<TopicListResponse> => ({ topics: await kafka.listTopics() }));

  app.get<{ Params: { name: string } }>('/api/topics/:name', async (request): Promise<TopicDetail> => {
    const { name } = request.params;
    const check = validateTopicName(name);
    if (!check.ok) throw new AppError(400, 'INVALID_TOPIC_NAME', check.reason, { name });
    const topic = await kafka.describeTopic(name);
    if (!topic) throw new AppError(404, 'TOPIC_NOT_FOUND', `Kafka has no topic "${name}"`, { name });
    return topic;
  });

  app.post('/api/topics', { bodyLimit: MAX_BODY_BYTES }, async (request, reply): Promise<CreateTopicResult> => {
    const body = objectBody(request.body, '{"name":"orders","partitions":3,"retentionMs":604800000}');
    const { name, partitions, retentionMs } = body;
    const shape = validateTopicName(name);
    if (!shape.ok) throw new AppError(400, 'INVALID_TOPIC_NAME', shape.reason, { name });
    if (typeof partitions !== 'number' || !Number.isInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS) {
      throw new AppError(
        400,
        'INVALID_PARTITIONS',
        `partitions must be a whole number from 1 to ${MAX_PARTITIONS} (got ${JSON.stringify(partitions)})`,
        { max: MAX_PARTITIONS },
      );
    }
    if (
      retentionMs !== undefined &&
      retentionMs !== null &&
      (typeof retentionMs !== 'number' ||
        !Number.isInteger(retentionMs) ||
        (retentionMs !== -1 && (retentionMs < MIN_RETENTION_MS || retentionMs > MAX_RETENTION_MS)))
    ) {
      throw new AppError(
        400,
        'INVALID_RETENTION',
        `retentionMs must be -1 (unlimited) or a whole number of milliseconds from ${MIN_RETENTION_MS} to ${MAX_RETENTION_MS} (got ${JSON.stringify(retentionMs)})`,
        {
          min: MIN_RETENTION_MS,
          max: MAX_RETENTION_MS,
        },
      );
    }
    const topicName = name as string;
    const retention = typeof retentionMs === 'number' ? retentionMs : undefined;
    // Existing names matter for the "." / "_" collision rule.
    const named = validateTopicName(topicName, await kafka.topicNames());
    if (!named.ok) throw new AppError(400, 'INVALID_TOPIC_NAME', named.reason, { name });

    const existing = await kafka.describeTopic(topicName);
    if (existing) return sameOrConflict(existing, partitions, retention, named.warnings);
    const created = await kafka.createTopic({ name: topicName, partitions, retentionMs: retention });
    if (!created) {
      const raced = await kafka.describeTopic(topicName);
      if (raced) return sameOrConflict(raced, partitions, retention, named.warnings);
    }
    reply.status(201);
    const retentionText =
      retention === undefined ? "the broker's default retention" : retention === -1 ? 'unlimited retention' : `retention.ms=${retention}`;
    return {
      name: topicName,
      created: true,
      message: `Created topic ${topicName} with ${partitions} partition(s) and ${retentionText}`,
      warnings: named.warnings,
    };
  });

  app.get<{ Params: { group: string } }>('/api/consumer-groups/:group/lag', async (request): Promise<ConsumerGroupLag> => {
    const { group } = request.params;
    if (!GROUP_ID.test(group))
      throw new AppError(400, 'INVALID_GROUP_ID', `group id ${JSON.stringify(group)} must be 1..255 letters, digits, ".", "_" or "-"`, {
        group,
      });
    return kafka.groupLag(group);
  });
}

/** Re-creating a topic is a no-op when it matches; a different partition count is a conflict, never a silent change. */
function sameOrConflict(existing: TopicDetail, partitions: number, retentionMs: number | undefined, warnings: string[]): CreateTopicResult {
  if (existing.partitions.length !== partitions) {
    throw new AppError(
      409,
      'TOPIC_EXISTS',
      `Topic ${existing.name} already exists with ${existing.partitions.length} partition(s), not ${partitions}; nothing was changed`,
      {
        name: existing.name,
        partitions: existing.partitions.length,
      },
    );
  }
  const currentRetention = existing.retentionMs ?? -1;
  const retentionNote =
    retentionMs !== undefined && retentionMs !== currentRetention
      ? `; its retention.ms is ${currentRetention}, not ${retentionMs} — left unchanged`
      : '';
  return {
    name: existing.name,
    created: false,
    message: `Topic ${existing.name} already exists with ${partitions} partition(s); nothing was changed${retentionNote}`,
    warnings,
  };
}
