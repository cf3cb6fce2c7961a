import type { BrokerInfo, BrokersResponse, PartitionHealthIssue, TopicReplicationHealth } from '../../contracts/cluster.ts';

export interface BrokerFact {
  nodeId: number;
  address: string;
  rack: string | null;
}

export interface PartitionFact {
  partition: number;
  /** -1 (or any id ≤ -1) when the partition has no leader. */
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface TopicFact {
  name: string;
  partitions: PartitionFact[];
}

/**
 * Partition health from one Metadata answer: a partition without a leader is offline, one whose ISR is smaller than
 * its replica set is under-replicated (what `kafka-topics.sh --describe --under-replicated-partitions` and
 * `--unavailable-partitions` list). Brokers named by replicas but absent from the metadata are listed as not live.
 */
export function partitionHealth(
  brokers: BrokerFact[],
  topics: TopicFact[],
): Pick<BrokersResponse, 'brokers' | 'totals' | 'topics' | 'issues'> {
  const byId = new Map<number, BrokerInfo>();
  const broker = (nodeId: number): BrokerInfo => {
    let b = byId.get(nodeId);
    if (!b) {
      b = { nodeId, address: null, rack: null, live: false, leaderOf: 0, replicas: 0, outOfSync: 0 };
      byId.set(nodeId, b);
    }
    return b;
  };
  for (const b of brokers) Object.assign(broker(b.nodeId), { address: b.address, rack: b.rack, live: true });

  const issues: PartitionHealthIssue[] = [];
  const health: TopicReplicationHealth[] = [];
  let partitions = 0;
  for (const topic of topics) {
    const row: TopicReplicationHealth = {
      topic: topic.name,
      partitions: topic.partitions.length,
      replicationFactor: Math.max(0, ...topic.partitions.map((p) => p.replicas.length)),
      underReplicated: 0,
      offline: 0,
    };
    for (const p of topic.partitions) {
      partitions += 1;
      const isr = new Set(p.isr);
      const missing = p.replicas.filter((r) => !isr.has(r));
      for (const r of p.replicas) {
        broker(r).replicas += 1;
        if (!isr.has(r)) broker(r).outOfSync += 1;
      }
      const offline = p.leader < 0;
      if (!offline) broker(p.leader).leaderOf += 1;
      if (offline) row.offline += 1;
      else if (missing.length > 0) row.underReplicated += 1;
      if (offline || missing.length > 0) {
        issues.push({
          topic: topic.name,
          partition: p.partition,
          issue: offline ? 'offline' : 'under-replicated',
          leader: p.leader,
          replicas: p.replicas,
          isr: p.isr,
          missing,
        });
      }
    }
    if (row.offline + row.underReplicated > 0) health.push(row);
  }
  issues.sort(
    (a, b) => Number(a.issue !== 'offline') - Number(b.issue !== 'offline') || a.topic.localeCompare(b.topic) || a.partition - b.partition,
  );
  health.sort((a, b) => b.offline - a.offline || b.underReplicated - a.underReplicated || a.topic.localeCompare(b.topic));
  return {
    brokers: [...byId.values()].sort((a, b) => a.nodeId - b.nodeId),
    totals: {
      topics: topics.length,
      partitions,
      underReplicated: health.reduce((n, t) => n + t.underReplicated, 0),
      offline: health.reduce((n, t) => n + t.offline, 0),
    },
    topics: health,
    issues,
  };
}

/** Why a replication factor cannot be used on this cluster, or null when it can. */
export function replicationFactorProblem(replicationFactor: number, liveBrokers: number): string | null {
  if (replicationFactor <= liveBrokers) return null;
  return (
    `replication factor ${replicationFactor} needs ${replicationFactor} brokers, but the Kafka cluster has ${liveBrokers} live ` +
    `broker(s); use a replication factor of at most ${liveBrokers}`
  );
}
