/** Shapes of the topics screen's API (Kafka admin). */

/** `GET /api/topics` → `{ topics }`. */
export interface TopicSummary {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Sum of the partitions' high watermarks. */
  endOffset: number;
  /** Names starting with "__" (e.g. __consumer_offsets) and Connect/registry bookkeeping topics starting with "_". */
  internal: boolean;
  /** `retention.ms`; null when unlimited (-1) or unknown. */
  retentionMs: number | null;
}

export interface TopicListResponse {
  topics: TopicSummary[];
}

export interface TopicPartitionInfo {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  startOffset: number;
  endOffset: number;
}

/** `GET /api/topics/:name`: the summary fields, with `partitions` as the per-partition list (count = length). */
export interface TopicDetail extends Omit<TopicSummary, 'partitions'> {
  partitions: TopicPartitionInfo[];
  /** Topic configs as the broker describes them (value null for sensitive/unset entries). */
  configs: Record<string, string | null>;
}

/** Body of `POST /api/topics`. partitions 1..1000; retentionMs -1 (unlimited) or 60000..31536000000000. */
export interface CreateTopicInput {
  name: string;
  partitions: number;
  retentionMs?: number;
}

export interface CreateTopicResult {
  name: string;
  created: boolean;
  message: string;
  /** Name warnings from validateTopicName (e.g. "." and "_" collide in metric names). */
  warnings: string[];
}

export interface ConsumerGroupPartitionLag {
  topic: string;
  partition: number;
  /** null when the group has no committed offset on the partition. */
  committed: number | null;
  end: number;
  lag: number;
}

/** `GET /api/consumer-groups/:group/lag`. */
export interface ConsumerGroupLag {
  group: string;
  state: string;
  totalLag: number;
  partitions: ConsumerGroupPartitionLag[];
}
