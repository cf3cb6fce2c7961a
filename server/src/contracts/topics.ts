/** Shapes of the topics screen's API (Kafka admin). */
import { Type, type Static } from 'typebox';
import { Closed, FetchedAt, Nullable } from './common.ts';
import { ConsumerGroupId, TopicName } from './names.ts';

export const MAX_PARTITIONS = 1000;
export const MIN_RETENTION_MS = 60_000;
/** 1000 years; anything longer is a typo (-1 means unlimited). */
export const MAX_RETENTION_MS = 1000 * 365 * 24 * 3600 * 1000;

export const Partitions = Type.Integer({
  minimum: 1,
  maximum: MAX_PARTITIONS,
  description: `Partitions of a new topic, 1..${MAX_PARTITIONS}`,
  'x-error-code': 'INVALID_PARTITIONS',
});
export const RetentionMs = Type.Union([Type.Literal(-1), Type.Integer({ minimum: MIN_RETENTION_MS, maximum: MAX_RETENTION_MS })], {
  description: `retention.ms: -1 (unlimited) or ${MIN_RETENTION_MS}..${MAX_RETENTION_MS}`,
  'x-error-code': 'INVALID_RETENTION',
});

/** A cap far above any cluster the panel is meant for; the real limit is the live broker count (checked by the service). */
export const MAX_REPLICATION_FACTOR = 32;
export const ReplicationFactor = Type.Integer({
  minimum: 1,
  maximum: MAX_REPLICATION_FACTOR,
  description: `Replicas of each partition of a new topic, 1..the number of live brokers`,
  'x-error-code': 'INVALID_REPLICATION_FACTOR',
});

/** `GET /api/topics` → `{ topics }`. */
export const TopicSummary = Type.Object({
  name: Type.String(),
  partitions: Type.Integer(),
  replicationFactor: Type.Integer(),
  /** Sum of the partitions' high watermarks. */
  endOffset: Type.Number(),
  /** Names starting with "__" (e.g. __consumer_offsets) and Connect/registry bookkeeping topics starting with "_". */
  internal: Type.Boolean(),
  /** `retention.ms`; null when unlimited (-1) or unknown. */
  retentionMs: Nullable(Type.Number()),
});
export type TopicSummary = Static<typeof TopicSummary>;

export const TopicListResponse = Type.Object({ topics: Type.Array(TopicSummary), fetchedAt: FetchedAt });
export type TopicListResponse = Static<typeof TopicListResponse>;

export const TopicParams = Closed({ name: TopicName });

export const TopicPartitionInfo = Type.Object({
  partition: Type.Integer(),
  leader: Type.Integer(),
  replicas: Type.Array(Type.Integer()),
  isr: Type.Array(Type.Integer()),
  startOffset: Type.Number(),
  endOffset: Type.Number(),
});
export type TopicPartitionInfo = Static<typeof TopicPartitionInfo>;

/** `GET /api/topics/:name`: the summary fields, with `partitions` as the per-partition list (count = length). */
export const TopicDetail = Type.Object({
  ...Type.Omit(TopicSummary, ['partitions']).properties,
  partitions: Type.Array(TopicPartitionInfo),
  /** Topic configs as the broker describes them (value null for sensitive/unset entries). */
  configs: Type.Record(Type.String(), Nullable(Type.String())),
});
export type TopicDetail = Static<typeof TopicDetail>;

/** Body of `POST /api/topics`. */
export const CreateTopicInput = Closed({
  name: TopicName,
  partitions: Partitions,
  /** Absent or null: the broker's default. */
  retentionMs: Type.Optional(Nullable(RetentionMs)),
  /** Absent or null: the broker's default.replication.factor. At most the number of live brokers. */
  replicationFactor: Type.Optional(Nullable(ReplicationFactor)),
});
export type CreateTopicInput = Static<typeof CreateTopicInput>;

export const CreateTopicResult = Type.Object({
  name: Type.String(),
  created: Type.Boolean(),
  message: Type.String(),
  /** Name warnings from validateTopicName (e.g. "." and "_" collide in metric names). */
  warnings: Type.Array(Type.String()),
});
export type CreateTopicResult = Static<typeof CreateTopicResult>;

export const ConsumerGroupParams = Closed({ group: ConsumerGroupId });

export const ConsumerGroupPartitionLag = Type.Object({
  topic: Type.String(),
  partition: Type.Integer(),
  /** null when the group has no committed offset on the partition. */
  committed: Nullable(Type.Number()),
  end: Type.Number(),
  lag: Type.Number(),
});
export type ConsumerGroupPartitionLag = Static<typeof ConsumerGroupPartitionLag>;

/** `GET /api/consumer-groups/:group/lag`. */
export const ConsumerGroupLag = Type.Object({
  group: Type.String(),
  state: Type.String(),
  totalLag: Type.Number(),
  partitions: Type.Array(ConsumerGroupPartitionLag),
});
export type ConsumerGroupLag = Static<typeof ConsumerGroupLag>;
