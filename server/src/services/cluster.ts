/**
 * The multi-node views: Kafka brokers with partition health, the Connect cluster's workers and where each task runs
 * (remembering, in this process, where it ran before), ClickHouse's Replicated tables. Reads go through the shared
 * read cache; the Connect statuses share their entry with the connectors screen.
 */
import type { ClickHouseClient } from '../clickhouse/client.ts';
import { listReplicas } from '../clickhouse/replication-status.ts';
import type { ConnectClient } from '../connect/client.ts';
import type { BrokersResponse, ConnectWorkersResponse, ReplicasResponse } from '../contracts/cluster.ts';
import { partitionHealth, replicationFactorProblem } from '../domain/cluster/partition-health.ts';
import { replicaStatus } from '../domain/cluster/replica-health.ts';
import { emptyPlacementMemory, trackPlacements } from '../domain/cluster/task-placement.ts';
import { AppError } from '../errors/app-error.ts';
import type { KafkaClient } from '../kafka/client.ts';
import { cacheKey, isoTime, type ReadCache } from './read-cache.ts';

export interface ClusterService {
  brokers(): Promise<BrokersResponse>;
  connectWorkers(): Promise<ConnectWorkersResponse>;
  replicas(): Promise<ReplicasResponse>;
}

export function createClusterService(deps: {
  kafka: KafkaClient;
  connect: ConnectClient;
  clickhouse: ClickHouseClient;
  cache: ReadCache;
  now?: () => Date;
}): ClusterService {
  const { kafka, connect, clickhouse, cache } = deps;
  const now = deps.now ?? (() => new Date());
  let memory = emptyPlacementMemory();
  const watchingSince = now().toISOString();
  const panelWorkerId = workerIdOf(connect.url);
  return {
    async brokers() {
      const { value, fetchedAt } = await cache.get(cacheKey('Kafka', 'brokers'), () => kafka.describeBrokers());
      return {
        clusterId: value.clusterId,
        controller: value.controller,
        ...partitionHealth(value.brokers, value.topics),
        fetchedAt: isoTime(fetchedAt),
      };
    },

    async connectWorkers() {
      const { value, fetchedAt } = await cache.get(cacheKey('Kafka Connect', 'connectors'), () => connect.connectors());
      const statuses = Object.entries(value).flatMap(([name, { status }]) =>
        status
          ? [
              {
                name,
                connector: { state: status.connector.state, workerId: status.connector.worker_id ?? '' },
                tasks: status.tasks.map((t) => ({ id: t.id, state: t.state, workerId: t.worker_id ?? '' })),
              },
            ]
          : [],
      );
      const tracked = trackPlacements(memory, statuses, now().toISOString(), panelWorkerId);
      memory = tracked.memory;
      return { workers: tracked.workers, placements: tracked.placements, watchingSince, fetchedAt: isoTime(fetchedAt) };
    },

    async replicas() {
      const { value, fetchedAt } = await cache.get(cacheKey('ClickHouse', 'replicas'), () => listReplicas(clickhouse));
      return { replicas: value.map((r) => ({ ...r, ...replicaStatus(r) })), fetchedAt: isoTime(fetchedAt) };
    },
  };
}

/** Connect names a worker by its advertised REST host:port; the one the panel calls, as far as its URL says. */
function workerIdOf(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return null;
  }
}

/**
 * Refuses a replication factor above the number of live brokers before anything is created (Kafka would answer
 * INVALID_REPLICATION_FACTOR). Absent or null: the broker's default, not checked here.
 */
export async function assertReplicationFactor(kafka: KafkaClient, replicationFactor: number | null | undefined): Promise<void> {
  if (replicationFactor === null || replicationFactor === undefined) return;
  const brokers = (await kafka.describeCluster()).brokers.length;
  const problem = replicationFactorProblem(replicationFactor, brokers);
  if (problem)
    throw new AppError(400, 'REPLICATION_FACTOR_TOO_HIGH', `Kafka: ${problem}`, {
      field: 'replicationFactor',
      replicationFactor,
      brokers,
    });
}
