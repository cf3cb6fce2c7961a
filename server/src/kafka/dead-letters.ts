import { asKafkaConnection, type KafkaConnectionLike } from './connection.ts';
import { mapKafkaError } from './errors.ts';
import { peekClient, peekMessages } from './peek-messages.ts';
import { fetchTopicOffsets } from './topic-offsets.ts';

export type PartitionOffsets = Map<number, number>;

export interface DeadLetter {
  partition: number;
  offset: string;
  /** `__connect.errors.*` headers Connect adds when errors.deadletterqueue.context.headers.enable=true. */
  errorHeaders: Record<string, string>;
}

const client = (connection: KafkaConnectionLike) => peekClient('pipeline-panel-smoke-dlq', connection);

/** End offset per partition of `topic`, or null when the topic does not exist. */
export async function endOffsets(connection: KafkaConnectionLike, topic: string): Promise<PartitionOffsets | null> {
  const { brokers } = asKafkaConnection(connection);
  const admin = client(connection).admin();
  try {
    await admin.connect();
    if (!(await admin.listTopics()).includes(topic)) return null;
    return new Map((await fetchTopicOffsets(admin, topic)).map((o) => [o.partition, Number(o.high)]));
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
export async function readDeadLetters(
  connection: KafkaConnectionLike,
  topic: string,
  baseline: PartitionOffsets | null,
  now: PartitionOffsets,
  max = 3,
  timeoutMs = 15_000,
): Promise<DeadLetter[]> {
  const wanted = [...now].filter(([p, end]) => end > (baseline?.get(p) ?? 0));
  const found = await peekMessages<DeadLetter>(client(connection), asKafkaConnection(connection).brokers, {
    topic,
    groupPrefix: 'pipeline-panel-dlq-peek',
    starts: wanted.map(([partition, end]) => ({ partition, offset: Math.max(baseline?.get(partition) ?? 0, end - max) })),
    expected: Math.min(max, newMessages(baseline, now)),
    timeoutMs,
    take: (partition, message) => {
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(message.headers ?? {})) {
        if (key.startsWith('__connect.errors.')) headers[key] = Array.isArray(value) ? value.map(String).join(',') : String(value ?? '');
      }
      return { partition, offset: message.offset, errorHeaders: headers };
    },
  });
  return found.slice(-max);
}
