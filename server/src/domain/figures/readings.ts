/** What one sampler tick reads from Kafka and ClickHouse, in the shapes the figures are computed from. */

export interface PartitionRange {
  partition: number;
  /** Log start offset (low watermark). */
  start: number;
  /** End offset (high watermark). */
  end: number;
}

export interface TopicOffsets {
  topic: string;
  partitions: PartitionRange[];
}

export interface CommittedOffset {
  topic: string;
  partition: number;
  offset: number;
}

/** One Kafka admin round: end offsets of the asked topics, committed offsets of the asked groups. */
export interface OffsetsReading {
  topics: TopicOffsets[];
  /** Asked for, but Kafka has no such topic. */
  missingTopics: string[];
  groups: { group: string; offsets: CommittedOffset[] }[];
  /** Groups whose committed offsets could not be read, and why. */
  groupErrors: { group: string; error: string }[];
}

/** One ClickHouse query: the asked tables that exist, with their active parts. */
export interface TableReading {
  database: string;
  table: string;
  engine: string;
  rows: number | null;
  activeParts: number | null;
  /** Newest active part's modification time, epoch ms. */
  lastModifiedAt: number | null;
}

/** What a tick samples: every pipeline's topic, dead-letter topic, delivery group and table. */
export interface SampleTargets {
  topics: string[];
  dlqTopics: string[];
  groups: { group: string; topic: string }[];
  tables: { database: string; table: string }[];
}

export const endOffsetOf = (t: TopicOffsets) => t.partitions.reduce((sum, p) => sum + p.end, 0);
export const messagesOf = (t: TopicOffsets) => t.partitions.reduce((sum, p) => sum + Math.max(0, p.end - p.start), 0);

/**
 * A group's lag on a topic: per partition, end minus committed; a partition without a commit counts from the log
 * start (where a sink with auto.offset.reset=earliest, Connect's default for sinks, begins).
 */
export function lagOf(topic: TopicOffsets, committed: CommittedOffset[]): number {
  let lag = 0;
  for (const p of topic.partitions) {
    const offset = committed.find((c) => c.topic === topic.topic && c.partition === p.partition)?.offset;
    lag += Math.max(0, p.end - (offset === undefined || offset < 0 ? p.start : offset));
  }
  return lag;
}

/** Sum of the committed offsets on the topic, or null when the group committed none there. */
export function committedOf(topic: string, committed: CommittedOffset[]): number | null {
  const own = committed.filter((c) => c.topic === topic && c.offset >= 0);
  return own.length === 0 ? null : own.reduce((sum, c) => sum + c.offset, 0);
}
