/**
 * How the modules beside client.ts (messages, produce, groups, topic-admin, dead-letter) reach Kafka: the panel's one
 * kafkajs `Kafka` (brokers, timeouts, TLS/SASL configured once) plus bounded sessions over it. Each operation is
 * raced against a timeout so a stuck broker never hangs a request, and every failure names Kafka (mapKafkaError).
 */
import type { Admin, Kafka, Producer, ProducerConfig } from 'kafkajs';
import { UpstreamError } from '../http/upstream-error.ts';
import { mapKafkaError } from './errors.ts';
import { openRawCluster, type RawCluster } from './raw-cluster.ts';

export interface KafkaAccess {
  readonly kafka: Kafka;
  /** The bootstrap list, for error messages. */
  readonly target: string;
  /** Bound on one request. */
  readonly timeoutMs: number;
  /** Bound on one whole operation (connect + requests). */
  readonly operationTimeoutMs: number;
}

async function bounded<T>(access: KafkaAccess, run: () => Promise<T>, cleanup: () => Promise<void>, timeoutMs?: number): Promise<T> {
  const limit = timeoutMs ?? access.operationTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UpstreamError('Kafka', access.target, `no answer within ${limit} ms (timeout)`)), limit);
  });
  try {
    return await Promise.race([run(), timeout]);
  } catch (error) {
    throw mapKafkaError(error, access.target, access.timeoutMs);
  } finally {
    clearTimeout(timer);
    await cleanup().catch(() => undefined);
  }
}

/** One admin connection for `run`, closed afterwards. */
export function withAdmin<T>(access: KafkaAccess, run: (admin: Admin) => Promise<T>, timeoutMs?: number): Promise<T> {
  // One quick retry absorbs transient metadata errors right after a topic is created.
  const admin = access.kafka.admin({ retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 1000 } });
  return bounded(
    access,
    async () => {
      await admin.connect();
      return run(admin);
    },
    () => admin.disconnect(),
    timeoutMs,
  );
}

/**
 * Loads the broker list into a fresh admin. kafkajs looks a group's coordinator up among the brokers of loaded
 * metadata and loads it only on a retry, so describeGroups/fetchOffsets/setOffsets on a fresh admin fail with "No
 * brokers in the broker pool" otherwise. A Metadata request naming no topic is cheap.
 */
export async function loadBrokers(admin: Admin): Promise<void> {
  await admin.fetchTopicMetadata({ topics: [] });
}

/** A group-less cluster session (metadata, leaders, Fetch, ListOffsets) for `run`, closed afterwards. */
export function withCluster<T>(access: KafkaAccess, run: (cluster: RawCluster) => Promise<T>, timeoutMs?: number): Promise<T> {
  const cluster = openRawCluster(access.kafka);
  return bounded(
    access,
    async () => {
      await cluster.connect();
      return run(cluster);
    },
    () => cluster.disconnect(),
    timeoutMs,
  );
}

/** One producer connection for `run`, closed afterwards. */
export function withProducer<T>(access: KafkaAccess, config: ProducerConfig, run: (producer: Producer) => Promise<T>): Promise<T> {
  const producer = access.kafka.producer({ retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 1000 }, ...config });
  return bounded(
    access,
    async () => {
      await producer.connect();
      return run(producer);
    },
    () => producer.disconnect(),
  );
}
