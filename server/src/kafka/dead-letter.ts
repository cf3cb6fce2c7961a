/**
 * What redrive needs from Kafka beyond browsing: the exact dead-letter records (raw bytes), and the panel's redrive
 * ledger — a compacted topic keyed by `<dlq topic>/<partition>/<offset>` whose latest value lists every redrive of
 * that dead letter. Kafka is the panel's only store; a compacted topic keeps one small record per redriven message,
 * so the ledger is read whole in one or two fetches, where scanning the original topic for marker headers would
 * grow with all its traffic. The marker header on each republished message stays the audit trail in the topic itself.
 */
import type { KafkaAccess } from './access.ts';
import { fetchRecords, topicPartitions, watermarks, type FetchedRecord } from './messages.ts';
import { produceMessages } from './produce.ts';

export const REDRIVE_LEDGER_TOPIC = '_pipeline-panel-redrives';

export interface LedgerEntry {
  at: string;
  topic: string;
  partition: number;
  offset: number;
}

/** The records at exactly these offsets; an offset that is gone (deleted, compacted, past the end) is absent. */
export function fetchExact(access: KafkaAccess, topic: string, wanted: { partition: number; offset: number }[]): Promise<FetchedRecord[]> {
  return access.withCluster(async (cluster) => {
    const marks = await watermarks(cluster, topic, await topicPartitions(cluster, topic));
    const found: FetchedRecord[] = [];
    for (const want of wanted) {
      const mark = marks.find((m) => m.partition === want.partition);
      if (!mark || want.offset < mark.low || want.offset >= mark.high) continue;
      const [answer] = await fetchRecords(cluster, topic, [{ partition: want.partition, offset: want.offset, maxBytes: 1024 * 1024 }]);
      const record = answer?.records.find((r) => r.offset === want.offset);
      if (record) found.push(record);
    }
    return found;
  });
}

/** Every ledger entry by key; empty when no redrive ever happened (the topic does not exist yet). */
export function readRedriveLedger(access: KafkaAccess): Promise<Map<string, LedgerEntry[]>> {
  return access.withCluster(async (cluster) => {
    const ledger = new Map<string, LedgerEntry[]>();
    let partitions: number[];
    try {
      partitions = await topicPartitions(cluster, REDRIVE_LEDGER_TOPIC);
    } catch (error) {
      if ((error as { code?: string }).code === 'TOPIC_NOT_FOUND') return ledger;
      throw error;
    }
    for (const mark of await watermarks(cluster, REDRIVE_LEDGER_TOPIC, partitions)) {
      let at = mark.low;
      while (at < mark.high) {
        const [answer] = await fetchRecords(cluster, REDRIVE_LEDGER_TOPIC, [
          { partition: mark.partition, offset: at, maxBytes: 4 * 1024 * 1024 },
        ]);
        if (!answer || answer.nextOffset === null) break;
        for (const record of answer.records) {
          const key = record.key?.toString('utf8');
          if (!key) continue;
          if (record.value === null) ledger.delete(key);
          else ledger.set(key, parseEntries(record.value));
        }
        at = answer.nextOffset;
      }
    }
    return ledger;
  });
}

function parseEntries(value: Buffer): LedgerEntry[] {
  try {
    const parsed = JSON.parse(value.toString('utf8')) as { redrives?: LedgerEntry[] };
    return Array.isArray(parsed.redrives) ? parsed.redrives : [];
  } catch {
    return [];
  }
}

/** Appends the latest redrive list of each key (creating the compacted ledger topic on first use). */
export async function writeRedriveLedger(access: KafkaAccess, entries: Map<string, LedgerEntry[]>): Promise<void> {
  await access.withAdmin(
    (admin) =>
      admin.createTopics({
        waitForLeaders: true,
        timeout: access.operationTimeoutMs,
        topics: [
          {
            topic: REDRIVE_LEDGER_TOPIC,
            numPartitions: 1,
            replicationFactor: -1,
            configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
          },
        ],
      }),
    { write: true },
  );
  await produceMessages(
    access,
    REDRIVE_LEDGER_TOPIC,
    [...entries].map(([key, redrives]) => ({
      key: Buffer.from(key),
      value: Buffer.from(JSON.stringify({ redrives })),
      headers: [],
      partition: 0,
    })),
  );
}
