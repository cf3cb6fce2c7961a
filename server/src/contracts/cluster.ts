/** Shapes of the multi-node views: Kafka brokers and partition health, Connect workers, ClickHouse replicas. */
import { Type, type Static } from 'typebox';
import { FetchedAt, Nullable, StringEnum } from './common.ts';

export const BrokerInfo = Type.Object({
  nodeId: Type.Integer(),
  /** host:port as the broker advertises it; null for a broker the metadata no longer lists (see `live`). */
  address: Nullable(Type.String()),
  /** `broker.rack`; null when unset or unknown. */
  rack: Nullable(Type.String()),
  /** false: replicas name this node but the cluster's metadata does not list it (stopped, fenced or lost). */
  live: Type.Boolean(),
  /** Partitions this broker leads. */
  leaderOf: Type.Integer(),
  /** Partition replicas placed on this broker. */
  replicas: Type.Integer(),
  /** Replicas on this broker that are out of their partition's ISR. */
  outOfSync: Type.Integer(),
});
export type BrokerInfo = Static<typeof BrokerInfo>;

export const PartitionHealthIssue = Type.Object({
  topic: Type.String(),
  partition: Type.Integer(),
  /** offline: no leader (no replica can serve it); under-replicated: ISR smaller than the replica set. */
  issue: StringEnum(['offline', 'under-replicated'] as const),
  leader: Type.Integer(),
  replicas: Type.Array(Type.Integer()),
  isr: Type.Array(Type.Integer()),
  /** Replicas out of the ISR. */
  missing: Type.Array(Type.Integer()),
});
export type PartitionHealthIssue = Static<typeof PartitionHealthIssue>;

export const TopicReplicationHealth = Type.Object({
  topic: Type.String(),
  partitions: Type.Integer(),
  replicationFactor: Type.Integer(),
  underReplicated: Type.Integer(),
  offline: Type.Integer(),
});
export type TopicReplicationHealth = Static<typeof TopicReplicationHealth>;

/** `GET /api/kafka/brokers`. */
export const BrokersResponse = Type.Object({
  clusterId: Type.String(),
  /**
   * The controller id the Metadata API reports. In KRaft mode a broker reports a random live broker here, the one
   * admin requests are forwarded through (KIP-590), not the active quorum controller.
   */
  controller: Nullable(Type.Integer()),
  brokers: Type.Array(BrokerInfo),
  totals: Type.Object({
    topics: Type.Integer(),
    partitions: Type.Integer(),
    underReplicated: Type.Integer(),
    offline: Type.Integer(),
  }),
  /** Topics with at least one under-replicated or offline partition, worst first. */
  topics: Type.Array(TopicReplicationHealth),
  /** Every under-replicated or offline partition (offline first). */
  issues: Type.Array(PartitionHealthIssue),
  fetchedAt: FetchedAt,
});
export type BrokersResponse = Static<typeof BrokersResponse>;

export const TaskPlacement = Type.Object({
  connector: Type.String(),
  /** null for the connector instance itself, else the task id. */
  task: Nullable(Type.Integer()),
  state: Type.String(),
  workerId: Type.String(),
  /** Set while the task runs on a worker other than the one the panel last saw it on. */
  movedFrom: Nullable(Type.String()),
  movedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type TaskPlacement = Static<typeof TaskPlacement>;

export const ConnectWorker = Type.Object({
  /** Connect's worker id: the worker's advertised REST host:port. */
  workerId: Type.String(),
  /** running: seen in the current statuses; missing: seen earlier by this panel, runs nothing now (lost or idle). */
  state: StringEnum(['running', 'missing'] as const),
  connectors: Type.Integer(),
  tasks: Type.Integer(),
  /** The worker whose REST API the panel calls (PANEL_CONNECT_URL). */
  isPanelEndpoint: Type.Boolean(),
  lastSeenAt: Type.String({ format: 'date-time' }),
});
export type ConnectWorker = Static<typeof ConnectWorker>;

/** `GET /api/connect/workers`. */
export const ConnectWorkersResponse = Type.Object({
  workers: Type.Array(ConnectWorker),
  placements: Type.Array(TaskPlacement),
  /** Since when this panel process has watched placements (moves before that are unknown). */
  watchingSince: Type.String({ format: 'date-time' }),
  fetchedAt: FetchedAt,
});
export type ConnectWorkersResponse = Static<typeof ConnectWorkersResponse>;

export const ReplicaQueueEntry = Type.Object({
  type: Type.String(),
  createTime: Type.String(),
  numTries: Type.Integer(),
  lastException: Type.String(),
  postponeReason: Type.String(),
});
export type ReplicaQueueEntry = Static<typeof ReplicaQueueEntry>;

export const ReplicaInfo = Type.Object({
  database: Type.String(),
  table: Type.String(),
  replicaName: Type.String(),
  isLeader: Type.Boolean(),
  isReadonly: Type.Boolean(),
  isSessionExpired: Type.Boolean(),
  /** Seconds this replica is behind (system.replicas.absolute_delay). */
  absoluteDelay: Type.Number(),
  queueSize: Type.Integer(),
  insertsInQueue: Type.Integer(),
  mergesInQueue: Type.Integer(),
  totalReplicas: Type.Integer(),
  activeReplicas: Type.Integer(),
  /** ok / lagging (delay or queue above the thresholds) / broken (read-only, session expired, a replica inactive). */
  status: StringEnum(['ok', 'lagging', 'broken'] as const),
  /** Why the status is not ok, one phrase per reason. */
  reasons: Type.Array(Type.String()),
  /** The oldest entries of its replication queue (at most 20). */
  queue: Type.Array(ReplicaQueueEntry),
});
export type ReplicaInfo = Static<typeof ReplicaInfo>;

/** `GET /api/clickhouse/replicas`: empty `replicas` when the server has no Replicated tables. */
export const ReplicasResponse = Type.Object({
  replicas: Type.Array(ReplicaInfo),
  fetchedAt: FetchedAt,
});
export type ReplicasResponse = Static<typeof ReplicasResponse>;
