import { Kafka, logLevel } from 'kafkajs';
import { mapKafkaError } from './errors.ts';

export type PartitionOffsets = Map<number, number>;

export interface DeadLetter {
  partition: number;
  offset: string;
  /** `__connect.errors.*` headers Connect adds when errors.deadletterqueue.context.headers.enable=true. */
  errorHeaders: Record<string, string>;
}

function client(brokers: string[]): Kafka {
  return new Kafka({ clientId: 'pipeline-panel-smoke-dlq', brokers, connectionTimeout: 3_000, requestTimeout: 10_000, retry: { retries: 1 }, logLevel: logLevel.NOTHING });
}

/** End offset per partition of `topic`, or null when the topic does not exist. */
export async function endOffsets(brokers: string[], topic: string): Promise<PartitionOffsets | null> {
  const admin = client(brokers).admin();
  try {
    await admin.connect();
    if (!(await admin.listTopics()).includes(topic)) return null;
    return new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]));
  } catch (error) {
    throw mapKafkaError(error, brokers.join(','), 10_000);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** How many messages arrived since `baseline` (a missing partition counts from 0). */
export function newMessages(baseline: PartitionOffsets | null, now: PartitionOffsets | null): number {
  if (now === null) return 0;
  let total = 0;
  for (const [partition, end] of now) total += Math.max(0, end - (baseline?.get(partition) ?? 0));
  return total;
}

/**
 * Reads up to `max` of the newest messages after `baseline` and returns their `__connect.errors.*` headers. Uses a
 * throw-away consumer group (deleted afterwards) so no real consumer's offsets move; bounded by `timeoutMs`.
 */
export async function readDeadLetters(brokers: string[], topic: string, baseline: PartitionOffsets | null, now: PartitionOffsets, max = 3, timeoutMs = 15_000): Promise<DeadLetter[]> {
  const kafka = client(brokers);
  const groupId = `pipeline-panel-dlq-peek-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  const found: DeadLetter[] = [];
  const wanted = [...now].filter(([p, end]) => end > (baseline?.get(p) ?? 0));
  const expected = Math.min(max, newMessages(baseline, now));
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            if (found.length >= expected) return;
            const headers: Record<string, string> = {};
            for (const [key, value] of Object.entries(message.headers ?? {})) {
              if (key.startsWith('__connect.errors.')) headers[key] = Array.isArray(value) ? value.map(String).join(',') : String(value ?? '');
            }
            found.push({ partition, offset: message.offset, errorHeaders: headers });
            if (found.length >= expected) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
      consumer.on(consumer.events.GROUP_JOIN, () => {
        for (const [partition, end] of wanted) consumer.seek({ topic, partition, offset: String(Math.max(baseline?.get(partition) ?? 0, end - max)) });
      });
    });
  } catch (error) {
    throw mapKafkaError(error, brokers.join(','), timeoutMs);
  } finally {
    await consumer.disconnect().catch(() => undefined);
    const admin = kafka.admin();
    await admin.connect().then(() => admin.deleteGroups([groupId])).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
  return found.slice(-max);
}
