import { Kafka, logLevel } from 'kafkajs';
import { mapKafkaError } from './errors.ts';

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
export async function sampleRecentMessages(brokers: string[], topic: string, limit: number, timeoutMs = 15_000): Promise<SampledMessage[]> {
  const kafka = new Kafka({ clientId: 'pipeline-panel-wizard-sample', brokers, connectionTimeout: 3_000, requestTimeout: 10_000, retry: { retries: 1 }, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  let starts: { partition: number; from: number; end: number }[];
  try {
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic);
    const perPartition = Math.max(1, Math.ceil(limit / Math.max(1, offsets.length)));
    starts = offsets.map((o) => ({ partition: o.partition, from: Math.max(Number(o.low), Number(o.high) - perPartition), end: Number(o.high) })).filter((s) => s.end > s.from);
  } catch (error) {
    throw mapKafkaError(error, brokers.join(','), 10_000);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  const expected = starts.reduce((sum, s) => sum + (s.end - s.from), 0);
  if (expected === 0) return [];

  const groupId = `pipeline-panel-wizard-sample-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  const found: SampledMessage[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const start = starts.find((s) => s.partition === partition);
            if (!start || Number(message.offset) < start.from || Number(message.offset) >= start.end || found.length >= expected) return;
            found.push({ partition, offset: message.offset, value: message.value });
            if (found.length >= expected) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
      consumer.on(consumer.events.GROUP_JOIN, () => {
        for (const s of starts) consumer.seek({ topic, partition: s.partition, offset: String(s.from) });
      });
    });
  } catch (error) {
    throw mapKafkaError(error, brokers.join(','), timeoutMs);
  } finally {
    await consumer.disconnect().catch(() => undefined);
    const cleanup = kafka.admin();
    await cleanup.connect().then(() => cleanup.deleteGroups([groupId])).catch(() => undefined);
    await cleanup.disconnect().catch(() => undefined);
  }
  return found.slice(0, limit);
}
