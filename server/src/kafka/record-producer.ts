import { asKafkaConnection, kafkaConfig, type KafkaConnectionLike } from './connection.ts';
import type { Producer } from 'kafkajs';
import { kafkajs } from './kafkajs.ts';
import { mapKafkaError } from './errors.ts';

export interface ProduceRecordsOptions {
  /** Bootstrap servers (plaintext) or a connection with its security. */
  brokers: KafkaConnectionLike;
  topic: string;
  count: number;
  /** The i-th message's value (e.g. Confluent-framed Avro). */
  encode(index: number): Promise<Buffer>;
  /** The i-th message's key; none when absent. */
  key?(index: number): string;
  signal?: AbortSignal;
  onProgress?(produced: number): void;
  /** Messages per send (kafkajs does no batching of its own). */
  batchSize?: number;
  /** Sends kept in flight at once. */
  inFlight?: number;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export interface ProduceRecordsResult {
  produced: number;
  durationMs: number;
  /** false when the signal stopped production before every record was sent. */
  complete: boolean;
}

/**
 * Produces `count` messages with kafkajs, acks=all, in batches with a few sends in flight (kafkajs#772: batching is
 * what makes kafkajs fast). An aborted signal stops issuing new batches; sends already in flight finish, then the
 * producer disconnects. Errors name Kafka and its brokers (mapKafkaError).
 */
export async function produceRecords(options: ProduceRecordsOptions): Promise<ProduceRecordsResult> {
  const { brokers, topic, count, signal } = options;
  const batchSize = options.batchSize ?? 500;
  const inFlight = options.inFlight ?? 4;
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const { Kafka, logLevel, Partitioners } = kafkajs();
  const kafka = new Kafka(
    kafkaConfig(brokers, {
      clientId: 'pipeline-panel-smoke',
      connectionTimeout: options.connectTimeoutMs ?? 3_000,
      requestTimeout,
      retry: { retries: 2, initialRetryTime: 300, maxRetryTime: 2_000 },
      logLevel: logLevel.NOTHING,
    }),
  );
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: true, createPartitioner: Partitioners.DefaultPartitioner });
  const started = Date.now();
  let produced = 0;
  const pending = new Set<Promise<void>>();
  let failure: unknown = null;
  try {
    await producer.connect();
    for (let from = 0; from < count && !signal?.aborted && failure === null; from += batchSize) {
      const to = Math.min(count, from + batchSize);
      const messages = await Promise.all(
        Array.from({ length: to - from }, async (_, k) => {
          const index = from + k;
          const value = await options.encode(index);
          return options.key ? { key: options.key(index), value } : { value };
        }),
      );
      const send: Promise<void> = producer
        .send({ topic, acks: -1, timeout: requestTimeout, messages })
        .then(
          () => {
            produced += messages.length;
            options.onProgress?.(produced);
          },
          (error: unknown) => {
            failure ??= error;
          },
        )
        .finally(() => pending.delete(send));
      pending.add(send);
      if (pending.size >= inFlight) await Promise.race(pending);
    }
    await Promise.all(pending);
    if (failure !== null) throw failure;
  } catch (error) {
    throw mapKafkaError(error, asKafkaConnection(brokers).brokers.join(','), requestTimeout);
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  return { produced, durationMs: Date.now() - started, complete: produced === count };
}
