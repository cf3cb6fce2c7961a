/**
 * Shapes of the Pipelines screen's API: one lineage graph per pipeline (topic → subject → delivery → consumer group →
 * table, plus the dead-letter topic), the problems found on it, and the live figures the server samples.
 */
import { Type, type Static } from 'typebox';
import { Closed, Nullable, StringEnum } from './common.ts';

export const NodeStatus = StringEnum(['ok', 'warning', 'error', 'unknown'] as const);
export type NodeStatus = Static<typeof NodeStatus>;

/** Every node: a stable id within its pipeline, what it shows, where it links (a hash route of the panel). */
const nodeBase = {
  id: Type.String(),
  label: Type.String(),
  /** The screen that shows this thing, e.g. `#/topics?topic=orders`. */
  link: Type.String(),
  status: NodeStatus,
};

/** Keys into the live figures (`values` of a FiguresSample) for the charts of one node. */
const SeriesKey = Type.String();

export const TopicNode = Type.Object({
  ...nodeBase,
  kind: Type.Literal('topic'),
  name: Type.String(),
  /** null when Kafka could not be asked. */
  exists: Nullable(Type.Boolean()),
  partitions: Nullable(Type.Integer()),
  /** Sum of the partitions' end offsets (high watermarks). */
  endOffset: Nullable(Type.Number()),
  messagesPerSecond: Nullable(Type.Number()),
  series: Type.Object({ messagesPerSecond: SeriesKey }),
});
export type TopicNode = Static<typeof TopicNode>;

export const SubjectNode = Type.Object({
  ...nodeBase,
  kind: Type.Literal('subject'),
  name: Type.String(),
  /** null when the registry could not be asked. */
  exists: Nullable(Type.Boolean()),
  latestVersion: Nullable(Type.Integer()),
  schemaId: Nullable(Type.Integer()),
  /** The subject's own level, else the registry's global one. */
  compatibility: Nullable(Type.String()),
  compatibilityIsGlobal: Type.Boolean(),
  error: Nullable(Type.String()),
});
export type SubjectNode = Static<typeof SubjectNode>;

export const ConnectorNodeTask = Type.Object({
  id: Type.Integer(),
  state: Type.String(),
  workerId: Type.String(),
  /** First lines of a FAILED task's trace. */
  trace: Nullable(Type.String()),
});
export type ConnectorNodeTask = Static<typeof ConnectorNodeTask>;

/** A ClickHouse sink connector: deployed on Connect, or only a file in connectors/. */
export const ConnectorNode = Type.Object({
  ...nodeBase,
  kind: Type.Literal('connector'),
  name: Type.String(),
  /** connectors/<file> when the repo has it. */
  file: Nullable(Type.String()),
  /** null when Kafka Connect could not be asked. */
  deployed: Nullable(Type.Boolean()),
  /** RUNNING, PAUSED, FAILED, UNASSIGNED, RESTARTING, STOPPED; null when not deployed or unknown. */
  state: Nullable(Type.String()),
  trace: Nullable(Type.String()),
  tasks: Type.Array(ConnectorNodeTask),
});
export type ConnectorNode = Static<typeof ConnectorNode>;

/** ClickHouse's own delivery: a Kafka-engine table and the materialized view writing into the pipeline's table. */
export const KafkaEngineNode = Type.Object({
  ...nodeBase,
  kind: Type.Literal('kafka-engine'),
  kafkaTable: Type.String(),
  /** `db.view`; null when no materialized view reads the Kafka table (then nothing consumes). */
  view: Nullable(Type.String()),
  format: Type.String(),
});
export type KafkaEngineNode = Static<typeof KafkaEngineNode>;

export const LagTrend = StringEnum(['rising', 'falling', 'steady', 'unknown'] as const);
export type LagTrend = Static<typeof LagTrend>;

/** The delivery's consumer group, read from Kafka itself (committed vs end offsets), so it shows while Connect is down. */
export const GroupNode = Type.Object({
  ...nodeBase,
  kind: Type.Literal('group'),
  name: Type.String(),
  topic: Type.String(),
  /** The id of the delivery node (connector or Kafka-engine table) this group consumes for. */
  delivery: Type.String(),
  /** Records on the topic the group has not committed; null when Kafka could not be asked. */
  lag: Nullable(Type.Number()),
  /** Sum of the committed offsets on the topic; null without a commit. */
  committed: Nullable(Type.Number()),
  lagTrend: LagTrend,
  /** How long the committed offsets have not moved while records wait (lag > 0), within the sampled window. */
  stillForMs: Nullable(Type.Number()),
  series: Type.Object({ lag: SeriesKey }),
});
export type GroupNode = Static<typeof GroupNode>;

export const TableNode = Type.Object({
  ...nodeBase,
  kind: Type.Literal('table'),
  database: Type.String(),
  table: Type.String(),
  /** null when ClickHouse could not be asked. */
  exists: Nullable(Type.Boolean()),
  engine: Nullable(Type.String()),
  rows: Nullable(Type.Number()),
  rowsPerSecond: Nullable(Type.Number()),
  /** The newest active part's modification time (ISO): the last insert, or a merge after it. */
  lastInsertAt: Nullable(Type.String()),
  activeParts: Nullable(Type.Integer()),
  series: Type.Object({ rowsPerSecond: SeriesKey, activeParts: SeriesKey }),
});
export type TableNode = Static<typeof TableNode>;

export const DeadLetterNode = Type.Object({
  ...nodeBase,
  kind: Type.Literal('dlq'),
  topic: Type.String(),
  exists: Nullable(Type.Boolean()),
  /** Messages on the topic now (end − start offsets). */
  messages: Nullable(Type.Number()),
  /** The newest dead letter's `__connect.errors.exception.message` header (its last message, read once per change). */
  newestError: Nullable(Type.Object({ message: Type.String(), at: Nullable(Type.String()) })),
  series: Type.Object({ messages: SeriesKey }),
});
export type DeadLetterNode = Static<typeof DeadLetterNode>;

export const LineageNode = Type.Union([TopicNode, SubjectNode, ConnectorNode, KafkaEngineNode, GroupNode, TableNode, DeadLetterNode]);
export type LineageNode = Static<typeof LineageNode>;

export const LineageEdge = Type.Object({ from: Type.String(), to: Type.String() });
export type LineageEdge = Static<typeof LineageEdge>;

export const ProblemRule = StringEnum([
  'lag-rising',
  'dlq-growing',
  'connector-failed',
  'task-failed',
  'connector-paused',
  'table-missing',
  'topic-missing',
  'contract-error',
  'running-not-moving',
  'connect-unreachable',
  'not-deployed',
] as const);
export type ProblemRule = Static<typeof ProblemRule>;

export const Problem = Type.Object({
  rule: ProblemRule,
  severity: StringEnum(['error', 'warning'] as const),
  /** The node it is about. */
  node: Type.String(),
  message: Type.String(),
  fix: Type.String(),
});
export type Problem = Static<typeof Problem>;

export const PipelineOrigin = StringEnum(['file', 'connect', 'kafka-engine'] as const);
export type PipelineOrigin = Static<typeof PipelineOrigin>;

export const PipelineGraph = Type.Object({
  id: Type.String(),
  topic: Type.String(),
  /** `db.table`. */
  target: Type.String(),
  /** Where the panel found it: a connectors/ file, a deployed ClickHouse sink, a Kafka-engine table. */
  origins: Type.Array(PipelineOrigin),
  status: NodeStatus,
  nodes: Type.Array(LineageNode),
  edges: Type.Array(LineageEdge),
  problems: Type.Array(Problem),
});
export type PipelineGraph = Static<typeof PipelineGraph>;

export const LineageSource = Type.Object({
  service: StringEnum(['Kafka', 'Kafka Connect', 'ClickHouse', 'Schema Registry'] as const),
  ok: Type.Boolean(),
  error: Nullable(Type.String()),
});
export type LineageSource = Static<typeof LineageSource>;

export const SamplingState = Type.Object({
  /** True while a browser follows the figures (GET /api/stack/events?figures=true). */
  active: Type.Boolean(),
  intervalMs: Type.Integer(),
  windowMs: Type.Integer(),
  lastSampleAt: Nullable(Type.String()),
});
export type SamplingState = Static<typeof SamplingState>;

/** `GET /api/pipelines-graph`. */
export const PipelinesGraphResponse = Type.Object({
  pipelines: Type.Array(PipelineGraph),
  sources: Type.Array(LineageSource),
  sampling: SamplingState,
  /** connectors/ files that describe no pipeline, and why. */
  skipped: Type.Array(Type.Object({ file: Type.String(), reason: Type.String() })),
  generatedAt: Type.String(),
});
export type PipelinesGraphResponse = Static<typeof PipelinesGraphResponse>;

const FigureValue = Nullable(Type.Number());

/** One tick of the sampler: epoch ms and a value per series key (null: not known at that tick). */
export const FiguresSample = Type.Object({
  at: Type.Number(),
  values: Type.Record(Type.String(), FigureValue),
});
export type FiguresSample = Static<typeof FiguresSample>;

/** The buffered window, column by column: `series[key][i]` belongs to `times[i]`. */
export const FiguresWindow = Type.Object({
  intervalMs: Type.Integer(),
  windowMs: Type.Integer(),
  times: Type.Array(Type.Number()),
  series: Type.Record(Type.String(), Type.Array(FigureValue)),
});
export type FiguresWindow = Static<typeof FiguresWindow>;

/** Sent as `event: figures` on `GET /api/stack/events?figures=true`: the window once on connect, then each new sample. */
export const FiguresEvent = Type.Union(
  [
    Type.Object({ type: Type.Literal('backfill'), window: FiguresWindow }),
    Type.Object({ type: Type.Literal('sample'), sample: FiguresSample }),
  ],
  { description: 'a FiguresEvent: {type: "backfill", window} | {type: "sample", sample}' },
);
export type FiguresEvent = Static<typeof FiguresEvent>;

/** `GET /api/stack/events?figures=true`: the stack stream plus the Pipelines screen's live figures. */
export const StackEventsQuery = Closed({
  /** Also stream `event: figures` (FiguresEvent); the server samples only while such a stream is open. */
  figures: Type.Optional(Type.Boolean({ default: false })),
});
export type StackEventsQuery = Static<typeof StackEventsQuery>;
