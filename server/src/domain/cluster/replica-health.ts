import type { ReplicaInfo } from '../../contracts/cluster.ts';

/** One row of system.replicas, the columns the panel reads. */
export type ReplicaRow = Omit<ReplicaInfo, 'status' | 'reasons' | 'queue'>;

/** Delay (s) and queue length above which a replica is lagging; ClickHouse's own alert levels are per deployment. */
export const REPLICA_LAG_SECONDS = 300;
export const REPLICA_QUEUE_LENGTH = 100;

/**
 * A replica's state in one word and the reasons behind it. Broken: it cannot take writes or lost replicas
 * (read-only, Keeper session expired, fewer active replicas than replicas). Lagging: behind by more than
 * REPLICA_LAG_SECONDS or with more than REPLICA_QUEUE_LENGTH queued entries.
 */
export function replicaStatus(row: ReplicaRow): Pick<ReplicaInfo, 'status' | 'reasons'> {
  const broken = [
    row.isReadonly ? 'read-only (no Keeper connection, or its metadata is lost)' : null,
    row.isSessionExpired ? 'Keeper session expired' : null,
    row.activeReplicas < row.totalReplicas ? `${row.activeReplicas} of ${row.totalReplicas} replicas active` : null,
  ].filter((r): r is string => r !== null);
  const lagging = [
    row.absoluteDelay > REPLICA_LAG_SECONDS ? `${formatDelay(row.absoluteDelay)} behind` : null,
    row.queueSize > REPLICA_QUEUE_LENGTH ? `${row.queueSize} entries queued` : null,
  ].filter((r): r is string => r !== null);
  const reasons = [...broken, ...lagging];
  return { status: broken.length > 0 ? 'broken' : lagging.length > 0 ? 'lagging' : 'ok', reasons };
}

/** 42 s, 5 min 3 s, 2 h 1 min. */
export function formatDelay(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const minutes = Math.floor((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h${minutes ? ` ${minutes} min` : ''}`;
}
