/**
 * A kafkajs cluster session that never joins a consumer group: metadata, partition leaders and the brokers' own
 * Fetch/ListOffsets requests — what a Java consumer does after `assign()`.
 *
 * Why kafkajs internals: kafkajs has no public group-less consumer (its `consumer()` always joins a group, and
 * reading with a throw-away group leaves it behind until it is deleted). The `Cluster` and `Broker` objects its
 * consumer fetches through are created by the `Kafka` instance's private `createCluster`, which takes the same
 * brokers, TLS/SASL and timeouts as every other kafkajs client the panel opens. kafkajs 2.2.4 is the last release
 * (2023) and pinned in server/package.json, so these internals do not move; the integration tier exercises every
 * call made here against Kafka 4.3. The alternatives are in the README ("Messages, topic settings, consumer groups, dead letters").
 */
import type { Kafka } from 'kafkajs';

export interface RawPartitionMetadata {
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

/** A record as kafkajs's Fetch decoder returns it (RecordBatch v2). */
export interface RawRecord {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | Buffer[] | undefined>;
  isControlRecord?: boolean;
  batchContext?: { timestampType?: number; isControlBatch?: boolean; inTransaction?: boolean };
}

export interface RawFetchPartition {
  partition: number;
  errorCode: number;
  highWatermark: string;
  lastStableOffset?: string;
  /** kafkajs names the log start offset so (Fetch v5+). */
  lastStartOffset?: string;
  messages: RawRecord[];
}

export interface RawFetchRequest {
  isolationLevel: number;
  maxWaitTime: number;
  minBytes: number;
  maxBytes: number;
  topics: { topic: string; partitions: { partition: number; fetchOffset: string; maxBytes: number }[] }[];
}

/** The request kafkajs's connection sends: a protocol request plus its response decoder. */
export interface RawProtocolRequest {
  request: { apiKey: number; apiVersion: number; apiName: string; encode(): Promise<unknown> | unknown };
  response: { decode(raw: Buffer): Promise<unknown>; parse(decoded: unknown): Promise<unknown> };
  requestTimeout?: number;
}

export interface RawBroker {
  nodeId?: number;
  /** ApiVersions of the broker: apiKey → supported range. */
  versions: Record<number, { minVersion: number; maxVersion: number } | undefined>;
  fetch(request: RawFetchRequest): Promise<{ responses: { topicName: string; partitions: RawFetchPartition[] }[] }>;
  connectionPool: { send(request: RawProtocolRequest): Promise<unknown> };
}

export interface RawCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** Topics the session asks metadata for (every one it was ever given). */
  readonly targetTopics: Set<string>;
  addTargetTopic(topic: string): Promise<void>;
  refreshMetadata(): Promise<void>;
  findTopicPartitionMetadata(topic: string): RawPartitionMetadata[];
  /** Leader node id → partitions it leads. */
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(options: { nodeId: string | number }): Promise<RawBroker>;
  /** Node ids of the brokers in the loaded metadata. */
  getNodeIds(): string[];
  findControllerBroker(): Promise<RawBroker>;
  findGroupCoordinator(options: { groupId: string }): Promise<RawBroker>;
  /** ListOffsets through each partition's leader (earliest, latest, or by timestamp). */
  fetchTopicsOffset(
    topics: { topic: string; partitions: { partition: number }[]; fromBeginning?: boolean; fromTimestamp?: number }[],
  ): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

/** Kafka's isolation levels (protocol/isolationLevel.js). */
export const READ_COMMITTED = 1;

const CREATE_CLUSTER = 'private:Kafka:createCluster';

type CreateCluster = (options: { allowAutoTopicCreation: boolean; isolationLevel?: number }) => RawCluster;

/** A new cluster session over `kafka`'s configuration; call connect() first and disconnect() when done. */
export function openRawCluster(kafka: Kafka): RawCluster {
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === CREATE_CLUSTER);
  const create = symbol ? (kafka as unknown as Record<symbol, CreateCluster | undefined>)[symbol] : undefined;
  if (typeof create !== 'function') {
    throw new Error(
      'kafkajs no longer has the private cluster factory the panel reads messages through (kafkajs 2.2.4 has it); pin kafkajs to 2.2.4',
    );
  }
  return create({ allowAutoTopicCreation: false, isolationLevel: READ_COMMITTED });
}
