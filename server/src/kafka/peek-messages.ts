import type { Kafka, KafkaMessage } from 'kafkajs';
import { kafkaConfig, type KafkaConnectionLike } from './connection.ts';
import { kafkajs } from './kafkajs.ts';
import { mapKafkaError } from './errors.ts';

/** A short-lived client for one peek (no retries to speak of: callers are bounded by their own timeouts). */
export function peekClient(clientId: string, connection: KafkaConnectionLike): Kafka {
  const { Kafka, logLevel } = kafkajs();
  return new Kafka(
    kafkaConfig(connection, {
      clientId,
      connectionTimeout: 3_000,
      requestTimeout: 10_000,
      retry: { retries: 1 },
      logLevel: logLevel.NOTHING,
    }),
  );
}

export interface PeekOptions<T> {
  topic: string;
  /** Prefix of the throw-away consumer group's id. */
  groupPrefix: string;
  /** Where each partition's reading starts. */
  starts: { partition: number; offset: number }[];
  /** Stop once this many items were kept. */
  expected: number;
  timeoutMs: number;
  /** The item to keep for a message, or undefined to ignore it. */
  take: (partition: number, message: KafkaMessage) => T | undefined;
}

/**
 * Reads `topic` from the given offsets with a throw-away consumer group (deleted afterwards), so no real consumer's
 * offsets move. Bounded by `timeoutMs`, after which what was read so far is returned.
 */
export async function peekMessages<T>(kafka: Kafka, brokers: string[], opts: PeekOptions<T>): Promise<T[]> {
  const { topic, starts, expected, timeoutMs, take } = opts;
  const groupId = `${opts.groupPrefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  const found: T[] = [];
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
            const item = take(partition, message);
            if (item === undefined) return;
            found.push(item);
            if (found.length >= expected) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
      consumer.on(consumer.events.GROUP_JOIN, () => {
        for (const s of starts) consumer.seek({ topic, partition: s.partition, offset: String(s.offset) });
      });
    });
  } catch (error) {
    throw mapKafkaError(error, brokers.join(','), timeoutMs);
  } finally {
    await consumer.disconnect().catch(() => undefined);
    const admin = kafka.admin();
    await admin
      .connect()
      .then(() => admin.deleteGroups([groupId]))
      .catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
  return found;
}
