/** Producing a few prepared messages (the Topics screen's produce, the dead-letter redrive) with acks=all. */
import type { KafkaAccess } from './access.ts';

export interface OutgoingMessage {
  key: Buffer | null;
  value: Buffer | null;
  headers: { key: string; value: Buffer }[];
  /** Absent: the key's partition (kafkajs's default partitioner: murmur2 like the Java client; round-robin without a key). */
  partition?: number;
  /** Epoch ms; absent: now. */
  timestamp?: number;
}

export interface Landed {
  partition: number;
  offset: number;
}

/**
 * Sends `messages` to `topic` in one request (acks=all) and returns where each one landed, in order. A topic that
 * does not exist is never created (404 TOPIC_NOT_FOUND).
 */
export async function produceMessages(access: KafkaAccess, topic: string, messages: OutgoingMessage[]): Promise<Landed[]> {
  if (messages.length === 0) return [];
  // The shared producer (client.ts): allowAutoTopicCreation off, kafkajs 2's default partitioner (murmur2).
  return access.withProducer(async (producer) => {
    const sent = await producer.send({
      topic,
      acks: -1,
      timeout: access.timeoutMs,
      messages: messages.map((m) => ({
        key: m.key,
        value: m.value,
        partition: m.partition,
        timestamp: m.timestamp === undefined ? undefined : String(m.timestamp),
        headers: headerObject(m.headers),
      })),
    });
    return landedOffsets(messages, sent, topic);
  });
}

/** kafkajs takes headers as an object; a key repeated becomes an array (sent as repeated headers, in order). */
function headerObject(headers: OutgoingMessage['headers']): Record<string, Buffer | Buffer[]> {
  const out: Record<string, Buffer | Buffer[]> = {};
  for (const { key, value } of headers) {
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/**
 * kafkajs answers one base offset per partition; messages of one partition are appended in the order sent, so the
 * i-th message of a partition is at base + i. Messages without an explicit partition are resolved from the answer
 * only when one partition took them all (else their offset is unknown: -1).
 */
function landedOffsets(
  messages: OutgoingMessage[],
  sent: { topicName: string; partition: number; baseOffset?: string }[],
  topic: string,
): Landed[] {
  const base = new Map(sent.filter((s) => s.topicName === topic).map((s) => [s.partition, Number(s.baseOffset ?? -1)]));
  const seen = new Map<number, number>();
  const only = base.size === 1 ? [...base.keys()][0] : undefined;
  return messages.map((m) => {
    const partition = m.partition ?? only;
    if (partition === undefined) return { partition: -1, offset: -1 };
    const rank = seen.get(partition) ?? 0;
    seen.set(partition, rank + 1);
    return { partition, offset: (base.get(partition) ?? -1) + rank };
  });
}
