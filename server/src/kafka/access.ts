/**
 * How the modules beside client.ts (messages, produce, groups, topic-admin, dead-letter) reach Kafka: the panel's
 * long-lived kafkajs clients (client.ts: one shared admin, one shared producer) plus one shared group-less cluster
 * session (raw-cluster.ts), each a SharedConnection — connected once, replaced after a failure without an answer or
 * with a stale view, every operation bounded. `write: true` announces the change for the read caches and sends the
 * operation only once; reads are sent once more on a fresh connection after such a failure.
 */
import type { Admin, Producer } from 'kafkajs';
import type { RawCluster } from './raw-cluster.ts';

export interface AccessOptions {
  write?: boolean;
}

export interface KafkaAccess {
  /** The bootstrap list, for error messages. */
  readonly target: string;
  /** Bound on one request. */
  readonly timeoutMs: number;
  /** Bound on one whole operation (connect + requests). */
  readonly operationTimeoutMs: number;
  withAdmin<T>(run: (admin: Admin) => Promise<T>, options?: AccessOptions): Promise<T>;
  /** Group-less cluster session (metadata, leaders, Fetch, ListOffsets, raw protocol requests). */
  withCluster<T>(run: (cluster: RawCluster) => Promise<T>, options?: AccessOptions): Promise<T>;
  /** The panel's one producer (acks and partitioner per send); always a write. */
  withProducer<T>(run: (producer: Producer) => Promise<T>): Promise<T>;
}

/**
 * Loads the broker list into an admin. kafkajs looks a group's coordinator up among the brokers of loaded metadata
 * and loads it only on a retry, so describeGroups/fetchOffsets/setOffsets on an admin that has not read metadata yet
 * (a fresh or replaced shared one) fail with "No brokers in the broker pool" otherwise. A Metadata request naming no
 * topic is cheap.
 */
export async function loadBrokers(admin: Admin): Promise<void> {
  await admin.fetchTopicMetadata({ topics: [] });
}
