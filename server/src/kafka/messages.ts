/**
 * Reading a topic without a consumer group: partition metadata, watermarks, offsets by timestamp (ListOffsets) and
 * Fetch straight from each partition's leader. Nothing here commits an offset or joins a group.
 */
import { AppError } from '../errors/app-error.ts';
import type { RawCluster, RawRecord } from './raw-cluster.ts';
import { READ_COMMITTED } from './raw-cluster.ts';

export interface PartitionWatermarks {
  partition: number;
  /** Log start offset: the first offset still on the log. */
  low: number;
  /** The next offset to be written (for read_committed: the last stable offset). */
  high: number;
}

export interface FetchedHeader {
  key: string;
  value: Buffer | null;
}

export interface FetchedRecord {
  partition: number;
  offset: number;
  timestamp: number;
  timestampType: 'CreateTime' | 'LogAppendTime';
  key: Buffer | null;
  value: Buffer | null;
  headers: FetchedHeader[];
}

export interface FetchWant {
  partition: number;
  offset: number;
  /** Bytes the broker may return for this partition (at least one batch is always returned: KIP-74). */
  maxBytes: number;
}

export interface FetchedPartition {
  partition: number;
  records: FetchedRecord[];
  high: number;
  /** The offset after the last record the broker returned (control records included); null when it returned none. */
  nextOffset: number | null;
  /** Bytes of keys, values and headers returned. */
  bytes: number;
}

/** The topic's partition ids, sorted; 404 TOPIC_NOT_FOUND when Kafka has no such topic. */
export async function topicPartitions(cluster: RawCluster, topic: string): Promise<number[]> {
  try {
    // The session is shared and long-lived: a topic it already knows gets fresh metadata (partitions added, leaders moved).
    if (cluster.targetTopics.has(topic)) await cluster.refreshMetadata();
    else await cluster.addTargetTopic(topic);
  } catch (error) {
    // The session asks for every topic it ever read, and one deleted since fails the request for all: only a request
    // for this topic alone proves it missing. Otherwise the error passes on and SharedConnection replaces the session
    // (a read is sent once more on the fresh one, which asks for this topic alone).
    if ((error as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION' && onlyTarget(cluster, topic)) throw topicNotFound(topic);
    throw error;
  }
  const partitions = cluster.findTopicPartitionMetadata(topic).map((p) => p.partitionId);
  if (partitions.length === 0) throw topicNotFound(topic);
  return partitions.sort((a, b) => a - b);
}

/** kafkajs drops a topic from the targets again when adding it failed, so "alone" means nothing else is asked for. */
const onlyTarget = (cluster: RawCluster, topic: string) => [...cluster.targetTopics].every((t) => t === topic);

const topicNotFound = (topic: string) => new AppError(404, 'TOPIC_NOT_FOUND', `Kafka has no topic "${topic}"`, { topic });

/** Earliest and latest offsets of each partition (ListOffsets, timestamps -2 and -1). */
export async function watermarks(cluster: RawCluster, topic: string, partitions: number[]): Promise<PartitionWatermarks[]> {
  const [earliest, latest] = await Promise.all([
    listOffsets(cluster, topic, partitions, { fromBeginning: true }),
    listOffsets(cluster, topic, partitions, { fromBeginning: false }),
  ]);
  return partitions.map((partition) => ({ partition, low: earliest.get(partition) ?? 0, high: latest.get(partition) ?? 0 }));
}

/** The first offset whose timestamp is ≥ `timestamp` per partition; null when no message is that new. */
export async function offsetsForTimestamp(
  cluster: RawCluster,
  topic: string,
  partitions: number[],
  timestamp: number,
): Promise<Map<number, number | null>> {
  const found = await listOffsets(cluster, topic, partitions, { fromTimestamp: timestamp });
  return new Map(partitions.map((p) => [p, (found.get(p) ?? -1) < 0 ? null : (found.get(p) as number)]));
}

async function listOffsets(
  cluster: RawCluster,
  topic: string,
  partitions: number[],
  from: { fromBeginning: boolean } | { fromTimestamp: number },
): Promise<Map<number, number>> {
  const [answer] = await cluster.fetchTopicsOffset([{ topic, partitions: partitions.map((partition) => ({ partition })), ...from }]);
  return new Map((answer?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
}

/**
 * One Fetch per partition leader for `wants`, read_committed, waiting at most `maxWaitMs` for data. Control records
 * (transaction markers) are dropped; records before a want's offset (same batch) are dropped too.
 */
export async function fetchRecords(cluster: RawCluster, topic: string, wants: FetchWant[], maxWaitMs = 200): Promise<FetchedPartition[]> {
  if (wants.length === 0) return [];
  const byLeader = cluster.findLeaderForPartitions(
    topic,
    wants.map((w) => w.partition),
  );
  const results = await Promise.all(
    Object.entries(byLeader).map(async ([nodeId, partitions]) => {
      const broker = await cluster.findBroker({ nodeId });
      const mine = wants.filter((w) => partitions.includes(w.partition));
      const response = await broker.fetch({
        isolationLevel: READ_COMMITTED,
        maxWaitTime: maxWaitMs,
        minBytes: 1,
        maxBytes: mine.reduce((sum, w) => sum + w.maxBytes, 0),
        topics: [{ topic, partitions: mine.map((w) => ({ partition: w.partition, fetchOffset: String(w.offset), maxBytes: w.maxBytes })) }],
      });
      return response.responses.flatMap((r) => r.partitions);
    }),
  );
  return results.flat().map((p) => {
    const from = wants.find((w) => w.partition === p.partition)?.offset ?? 0;
    const records = p.messages.filter((m) => !m.isControlRecord && !m.batchContext?.isControlBatch && Number(m.offset) >= from);
    const converted = records.map((m) => toRecord(p.partition, m));
    const last = p.messages.at(-1);
    return {
      partition: p.partition,
      records: converted,
      nextOffset: last ? Number(last.offset) + 1 : null,
      high: Number(p.lastStableOffset ?? p.highWatermark),
      bytes: converted.reduce((sum, r) => sum + recordBytes(r), 0),
    };
  });
}

export function recordBytes(record: Pick<FetchedRecord, 'key' | 'value' | 'headers'>): number {
  return (
    (record.key?.length ?? 0) + (record.value?.length ?? 0) + record.headers.reduce((s, h) => s + h.key.length + (h.value?.length ?? 0), 0)
  );
}

function toRecord(partition: number, m: RawRecord): FetchedRecord {
  const headers: FetchedHeader[] = [];
  for (const [key, value] of Object.entries(m.headers ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) headers.push({ key, value: one ?? null });
  }
  return {
    partition,
    offset: Number(m.offset),
    timestamp: Number(m.timestamp),
    // RecordBatch attributes bit 3 (kafkajs protocol/timestampTypes.js: 0 CreateTime, 1 LogAppendTime).
    timestampType: m.batchContext?.timestampType === 1 ? 'LogAppendTime' : 'CreateTime',
    key: m.key,
    value: m.value,
    headers,
  };
}
