import { asKafkaConnection, type KafkaConnectionLike } from './connection.ts';
import { mapKafkaError } from './errors.ts';
import { peekClient, peekMessages } from './peek-messages.ts';
import { fetchTopicOffsets } from './topic-offsets.ts';

export interface SampledMessage {
  partition: number;
  offset: string;
  /** null for a tombstone. */
  value: Buffer | null;
}

/**
 * Reads up to `limit` of the newest messages of `topic` (spread over its partitions, starting `limit / partitions`
 * before each end offset). A throw-away consumer group (deleted afterwards) means no real consumer's offsets move;
 * bounded by `timeoutMs`, after which what was read so far is returned.
 */
export async function sampleRecentMessages(
  connection: KafkaConnectionLike,
  topic: string,
  limit: number,
  timeoutMs = 15_000,
): Promise<SampledMessage[]> {
  const { brokers } = asKafkaConnection(connection);
  const kafka = peekClient('pipeline-panel-wizard-sample', connection);
  const admin = kafka.admin();
  let starts: { partition: number; from: number; end: number }[];
  try {
    await admin.connect();
    const offsets = await fetchTopicOffsets(admin, topic);
    const perPartition = Math.max(1, Math.ceil(limit / Math.max(1, offsets.length)));
    starts = offsets
      .map((o) => ({ partition: o.partition, from: Math.max(Number(o.low), Number(o.high) - perPartition), end: Number(o.high) }))
      .filter((s) => s.end > s.from);
  } catch (error) {
    throw mapKafkaError(error, brokers.join(','), 10_000);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  const expected = starts.reduce((sum, s) => sum + (s.end - s.from), 0);
  if (expected === 0) return [];

  const found = await peekMessages<SampledMessage>(kafka, brokers, {
    topic,
    groupPrefix: 'pipeline-panel-wizard-sample',
    starts: starts.map((s) => ({ partition: s.partition, offset: s.from })),
    expected,
    timeoutMs,
    take: (partition, message) => {
      const start = starts.find((s) => s.partition === partition);
      if (!start || Number(message.offset) < start.from || Number(message.offset) >= start.end) return undefined;
      return { partition, offset: message.offset, value: message.value };
    },
  });
  return found.slice(0, limit);
}
