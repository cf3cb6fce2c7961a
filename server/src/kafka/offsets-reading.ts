/** One Kafka admin round for the Pipelines screen: end offsets of the asked topics, committed offsets of the asked groups. */
import type { OffsetsReading } from '../domain/figures/readings.ts';
import type { KafkaClient } from './client.ts';
import { fetchTopicOffsets } from './topic-offsets.ts';

/**
 * Metadata first (never a topic by name: a Metadata request naming a missing topic can create it on a broker with
 * auto.create.topics.enable), then every topic's offsets and every group's commits in parallel on the shared admin.
 */
export function readOffsets(kafka: KafkaClient, topics: string[], groups: { group: string; topic: string }[]): Promise<OffsetsReading> {
  return kafka.withAdmin(async (admin) => {
    const existing = new Set((await admin.fetchTopicMetadata()).topics.map((t) => t.name));
    const present = topics.filter((t) => existing.has(t));
    const byGroup = new Map<string, string[]>();
    for (const { group, topic } of groups) if (existing.has(topic)) byGroup.set(group, [...(byGroup.get(group) ?? []), topic]);
    const [offsets, commits] = await Promise.all([
      Promise.all(present.map((topic) => fetchTopicOffsets(admin, topic))),
      Promise.all(
        [...byGroup].map(([groupId, groupTopics]) =>
          admin.fetchOffsets({ groupId, topics: groupTopics }).then(
            (result) => ({ group: groupId, result, error: null }),
            (error: Error) => ({ group: groupId, result: null, error: error.message }),
          ),
        ),
      ),
    ]);
    return {
      topics: present.map((topic, i) => ({
        topic,
        partitions: offsets[i]!.map((o) => ({ partition: o.partition, start: Number(o.low), end: Number(o.high) })),
      })),
      missingTopics: topics.filter((t) => !existing.has(t)),
      groups: commits.flatMap((c) =>
        c.result
          ? [
              {
                group: c.group,
                offsets: c.result.flatMap((t) =>
                  t.partitions.map((p) => ({ topic: t.topic, partition: p.partition, offset: Number(p.offset) })),
                ),
              },
            ]
          : [],
      ),
      groupErrors: commits.flatMap((c) => (c.error ? [{ group: c.group, error: c.error }] : [])),
    };
  });
}
