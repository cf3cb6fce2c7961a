/** Topic settings: every config with its source, incremental edits of retention and cleanup, delete, delete records. */
import {
  EDITABLE_CONFIGS,
  type DeleteRecordsInput,
  type DeleteRecordsResult,
  type DeleteTopicResult,
  type TopicConfigsResponse,
  type UpdateTopicConfigsInput,
  type UpdateTopicConfigsResult,
} from '../contracts/topic-settings.ts';
import { internalTopicReason } from '../domain/topics/internal-topics.ts';
import { AppError } from '../errors/app-error.ts';
import type { KafkaAccess } from '../kafka/access.ts';
import { topicPartitions, watermarks } from '../kafka/messages.ts';
import { alterTopicConfigs, deleteRecordsBefore, deleteTopic, describeTopicConfigs, type ConfigChange } from '../kafka/topic-admin.ts';
import { requireConfirmation } from './confirmation.ts';
import { cacheKey, type ReadCache } from './read-cache.ts';

export interface TopicSettingsService {
  configs(topic: string): Promise<TopicConfigsResponse>;
  update(topic: string, input: UpdateTopicConfigsInput): Promise<UpdateTopicConfigsResult>;
  remove(topic: string, confirm: string | undefined): Promise<DeleteTopicResult>;
  deleteRecords(topic: string, input: DeleteRecordsInput): Promise<DeleteRecordsResult>;
}

const editable = new Set<string>(EDITABLE_CONFIGS);

/** 403 INTERNAL_TOPIC before anything is read or changed. */
function refuseInternal(topic: string, action: string): void {
  const reason = internalTopicReason(topic);
  if (reason)
    throw new AppError(403, 'INTERNAL_TOPIC', `The panel does not ${action} ${topic}: it is ${reason}; nothing was changed`, {
      topic,
      reason,
    });
}

export function createTopicSettingsService(kafka: KafkaAccess, cache: ReadCache): TopicSettingsService {
  const ranges = (topic: string) =>
    kafka.withCluster(async (cluster) => {
      const partitions = await topicPartitions(cluster, topic);
      return watermarks(cluster, topic, partitions);
    });

  return {
    async configs(topic) {
      const internal = internalTopicReason(topic);
      // Edits read the configs afresh (before/after); the screen's reads share one DescribeConfigs (read cache).
      const { value: configs } = await cache.get(cacheKey('Kafka', 'topic-configs', topic), () => describeTopicConfigs(kafka, topic));
      return {
        topic,
        internal,
        configs: configs.map((c) => ({ ...c, editable: internal === null && editable.has(c.name) && !c.readOnly })),
      };
    },

    async update(topic, input) {
      refuseInternal(topic, 'change the settings of');
      const before = new Map((await describeTopicConfigs(kafka, topic)).map((c) => [c.name, c]));
      const changes: ConfigChange[] = [];
      const unchanged: string[] = [];
      for (const [name, wanted] of Object.entries(input) as [string, string | number | null | undefined][]) {
        if (wanted === undefined) continue;
        const current = before.get(name);
        const own = current?.source === 'topic';
        const value = wanted === null ? null : String(wanted);
        // Idempotent: setting the value the topic already has, or removing a value it does not have, changes nothing.
        if (value === null ? !own : own && current?.value === value) unchanged.push(name);
        else changes.push({ name, value });
      }
      if (changes.length > 0) {
        await alterTopicConfigs(kafka, topic, changes, true); // the broker checks every value before anything changes
        await alterTopicConfigs(kafka, topic, changes);
      }
      const after = new Map((await describeTopicConfigs(kafka, topic)).map((c) => [c.name, c]));
      const changed = changes.map((c) => ({
        name: c.name,
        from: before.get(c.name)?.value ?? null,
        to: after.get(c.name)?.value ?? null,
        source: after.get(c.name)?.source ?? 'unknown',
      }));
      const said = changed.map(
        (c) => `${c.name} ${c.from ?? '(unset)'} → ${c.to ?? '(unset)'}${c.source === 'topic' ? '' : ` (${c.source})`}`,
      );
      return {
        topic,
        changed,
        unchanged,
        message:
          changed.length === 0
            ? `Nothing changed: ${topic} already has ${unchanged.join(', ')} as asked`
            : `Changed ${said.join('; ')} on ${topic}; other configs untouched`,
      };
    },

    async remove(topic, confirm) {
      refuseInternal(topic, 'delete');
      requireConfirmation(topic, confirm, `Deleting topic ${topic}`);
      await ranges(topic); // 404 when it does not exist
      await deleteTopic(kafka, topic);
      return { topic, deleted: true, message: `Deleted topic ${topic} and all its messages` };
    },

    async deleteRecords(topic, input) {
      refuseInternal(topic, 'delete records of');
      requireConfirmation(topic, input.confirm, `Deleting records of ${topic}`);
      const marks = new Map((await ranges(topic)).map((m) => [m.partition, m]));
      for (const wanted of input.partitions) {
        const m = marks.get(wanted.partition);
        if (!m)
          throw new AppError(404, 'PARTITION_NOT_FOUND', `Topic ${topic} has no partition ${wanted.partition}; nothing was deleted`, {
            topic,
            partition: wanted.partition,
          });
        if (wanted.offset > m.high) {
          throw new AppError(
            400,
            'OFFSET_OUT_OF_RANGE',
            `Offset ${wanted.offset} is past the end of ${topic} partition ${m.partition} (its offsets are ${m.low}..${m.high - 1}, end ${m.high}); nothing was deleted`,
            { topic, partition: m.partition, offset: wanted.offset, low: m.low, high: m.high },
          );
        }
      }
      const todo = input.partitions.filter((p) => p.offset > (marks.get(p.partition)?.low ?? 0));
      if (todo.length > 0) await deleteRecordsBefore(kafka, topic, todo);
      const after = new Map((await ranges(topic)).map((m) => [m.partition, m]));
      const partitions = input.partitions.map((p) => {
        const lowBefore = marks.get(p.partition)?.low ?? 0;
        const lowAfter = after.get(p.partition)?.low ?? lowBefore;
        return { partition: p.partition, lowBefore, lowAfter, deleted: lowAfter - lowBefore };
      });
      const total = partitions.reduce((s, p) => s + p.deleted, 0);
      return {
        topic,
        partitions,
        message: total === 0 ? `Nothing deleted: those records were already gone` : `Deleted ${total} record(s) from ${topic}`,
      };
    },
  };
}
