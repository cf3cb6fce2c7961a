import type { CreateTopicInput, TopicSummary } from '@pipeline-panel/server/contracts';

export const RETENTION_UNITS = { hours: 3_600_000, days: 86_400_000 } as const;
export type RetentionUnit = keyof typeof RETENTION_UNITS | 'unlimited' | 'default';

export interface TopicDraft {
  name: string;
  partitions: string;
  retentionAmount: string;
  retentionUnit: RetentionUnit;
  /** Empty: the broker's default.replication.factor. */
  replicationFactor: string;
}

export const EMPTY_DRAFT: TopicDraft = { name: '', partitions: '1', retentionAmount: '7', retentionUnit: 'default', replicationFactor: '' };

export type DraftField = 'partitions' | 'retention' | 'name' | 'replication';
export type DraftResult = { ok: true; input: CreateTopicInput } | { ok: false; field: DraftField; message: string };

/**
 * Turns the form into the request body. Only the shape is checked here (numbers, ranges the API documents);
 * the topic name's rules are the server's, and its message is shown next to the field.
 */
export function draftToInput(draft: TopicDraft): DraftResult {
  const name = draft.name.trim();
  if (name === '') return { ok: false, field: 'name', message: 'Enter a topic name.' };
  const partitions = Number(draft.partitions);
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > 1000) {
    return { ok: false, field: 'partitions', message: 'Partitions must be a whole number from 1 to 1000.' };
  }
  const input: CreateTopicInput = { name, partitions };
  if (draft.replicationFactor.trim() !== '') {
    const replicas = Number(draft.replicationFactor);
    // The upper bound is the live broker count, which only the server knows (REPLICATION_FACTOR_TOO_HIGH).
    if (!Number.isInteger(replicas) || replicas < 1 || replicas > 32)
      return { ok: false, field: 'replication', message: 'Replication factor must be a whole number from 1 to the number of brokers.' };
    input.replicationFactor = replicas;
  }
  if (draft.retentionUnit === 'unlimited') input.retentionMs = -1;
  if (draft.retentionUnit === 'hours' || draft.retentionUnit === 'days') {
    const amount = Number(draft.retentionAmount);
    if (!Number.isFinite(amount) || amount <= 0) return { ok: false, field: 'retention', message: 'Retention must be a positive number.' };
    input.retentionMs = Math.round(amount * RETENTION_UNITS[draft.retentionUnit]);
  }
  return { ok: true, input };
}

/** retention.ms for people: "unlimited", "7 days", "36 hours", "90 minutes", "1.5 s". */
export function formatRetention(ms: number | null): string {
  if (ms === null || ms < 0) return 'unlimited';
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return `${n} ${n === 1 ? name : `${name}s`}`;
    }
  }
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} minutes` : `${ms / 1000} s`;
}

/** The user's topics first (by name), Kafka's and Connect's own after them. */
export function orderTopics(topics: TopicSummary[], showInternal: boolean): TopicSummary[] {
  return topics
    .filter((t) => showInternal || !t.internal)
    .sort((a, b) => Number(a.internal) - Number(b.internal) || a.name.localeCompare(b.name));
}
