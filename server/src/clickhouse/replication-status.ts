import type { ReplicaQueueEntry } from '../contracts/cluster.ts';
import type { ReplicaRow } from '../domain/cluster/replica-health.ts';
import type { ClickHouseClient } from './client.ts';

type Num = number | string;
type Flag = number | string | boolean;
const flag = (v: Flag) => v === true || v === 1 || v === '1';

/** Entries of the replication queue shown per replica (the oldest first). */
export const QUEUE_ENTRIES_PER_REPLICA = 20;

/**
 * The Replicated* tables this server holds a replica of (system.replicas) and the oldest entries of each one's
 * replication queue (system.replication_queue). A server without Replicated tables answers with none.
 */
export async function listReplicas(client: ClickHouseClient): Promise<Array<ReplicaRow & { queue: ReplicaQueueEntry[] }>> {
  const [replicas, queue] = await Promise.all([
    client.rows<{
      database: string;
      table: string;
      replica_name: string;
      is_leader: Flag;
      is_readonly: Flag;
      is_session_expired: Flag;
      absolute_delay: Num;
      queue_size: Num;
      inserts_in_queue: Num;
      merges_in_queue: Num;
      total_replicas: Num;
      active_replicas: Num;
    }>(
      `SELECT database, table, replica_name, is_leader, is_readonly, is_session_expired, absolute_delay, queue_size,
              inserts_in_queue, merges_in_queue, total_replicas, active_replicas
       FROM system.replicas ORDER BY database, table`,
    ),
    client.rows<{
      database: string;
      table: string;
      type: string;
      create_time: string;
      num_tries: Num;
      last_exception: string;
      postpone_reason: string;
    }>(
      `SELECT database, table, type, toString(create_time) AS create_time, num_tries, last_exception, postpone_reason
       FROM system.replication_queue
       ORDER BY database, table, create_time
       LIMIT {n:UInt32} BY database, table`,
      { n: QUEUE_ENTRIES_PER_REPLICA },
    ),
  ]);
  const key = (db: string, t: string) => `${db}\u0000${t}`;
  const queues = new Map<string, ReplicaQueueEntry[]>();
  for (const q of queue) {
    const list = queues.get(key(q.database, q.table)) ?? [];
    list.push({
      type: q.type,
      createTime: q.create_time,
      numTries: Number(q.num_tries),
      lastException: q.last_exception,
      postponeReason: q.postpone_reason,
    });
    queues.set(key(q.database, q.table), list);
  }
  return replicas.map((r) => ({
    database: r.database,
    table: r.table,
    replicaName: r.replica_name,
    isLeader: flag(r.is_leader),
    isReadonly: flag(r.is_readonly),
    isSessionExpired: flag(r.is_session_expired),
    absoluteDelay: Number(r.absolute_delay),
    queueSize: Number(r.queue_size),
    insertsInQueue: Number(r.inserts_in_queue),
    mergesInQueue: Number(r.merges_in_queue),
    totalReplicas: Number(r.total_replicas),
    activeReplicas: Number(r.active_replicas),
    queue: queues.get(key(r.database, r.table)) ?? [],
  }));
}
