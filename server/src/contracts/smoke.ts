/** Pipelines (read from connectors/), their contract check, and the end-to-end smoke test (issue 5). */
import type { ContractReport } from './contract.ts';
import type { ProgressStep } from './progress-step.ts';

/** A topic→table pipeline resolved from a sink connector file in connectors/ and the Avro schema beside it. */
export interface PipelineRef {
  /** The connector name; `<name>:<topic>` when one connector reads several topics. */
  id: string;
  connectorName: string;
  connectorFile: string;
  connectorClass: string;
  topic: string;
  /** `<topic>-value` (TopicNameStrategy). */
  subject: string;
  database: string;
  table: string;
  /** `<topic>-value.avsc` in connectors/, or null when the repo has none (the registry's latest is used then). */
  schemaFile: string | null;
  /** errors.deadletterqueue.topic.name of the connector file, when set. */
  dlqTopic: string | null;
}

export interface PipelineListResponse {
  pipelines: PipelineRef[];
  /** connectors/*.json files that are not ClickHouse sink pipelines or could not be read, with the reason. */
  skipped: { file: string; reason: string }[];
}

export type ContractSource = 'file' | 'registry';

/** `POST /api/pipelines/:id/contract`. */
export interface PipelineContractResponse extends ContractReport {
  pipeline: string;
  source: ContractSource;
  /** Where the schema came from: `connectors/orders-value.avsc` or `registry orders-value v3`. */
  schemaOrigin: string;
  tableExists: boolean;
  /** null when the registry could not be asked (a file-based check does not need it). */
  subjectExists: boolean | null;
  /** `database.table`. */
  table: string;
}

export type SmokeStepName = 'delivery' | 'contract' | 'schema' | 'produce' | 'arrive' | 'compare' | 'report';
export type SmokeStepStatus = 'pending' | 'running' | 'ok' | 'failed' | 'skipped' | 'cancelled';
export type SmokeService = 'Kafka' | 'Schema Registry' | 'Kafka Connect' | 'ClickHouse' | 'Panel';

/** Why a step failed: which service, what happened, and the likely fix. */
export interface SmokeFailure {
  service: SmokeService;
  message: string;
  fix: string;
  /** e.g. the contract's failing fields, or the first value mismatches. */
  details?: unknown;
}

export interface SmokeStep extends ProgressStep<SmokeStepName, SmokeStepStatus> {
  failure?: SmokeFailure;
}

export type SmokeRunStatus = 'running' | 'passed' | 'failed' | 'cancelled';

/** One value that differs between a produced record and its row. */
export interface SmokeMismatch {
  /** The run-id field's value identifying the record. */
  record: string;
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface SmokeRunSummary {
  runId: string;
  pipeline: string;
  topic: string;
  /** `database.table`. */
  table: string;
  records: number;
  timeoutMs: number;
  status: SmokeRunStatus;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  /** The failed (or cancelled) step, when the run did not pass. */
  failedStep: SmokeStepName | null;
  message: string;
}

export interface SmokeDelivery {
  kind: 'connector' | 'kafka-engine';
  /** Connector name, or the Kafka-engine table `db.table` and its materialized view. */
  via: string;
  description: string;
}

export interface SmokeRunReport extends SmokeRunSummary {
  steps: SmokeStep[];
  delivery: SmokeDelivery | null;
  contract: ContractReport | null;
  /** The registered schema id and subject version used to encode the records. */
  schema: { subject: string; id: number; version: number | null } | null;
  /** The field carrying the run id (`<runId>-000042`). */
  runIdField: string | null;
  produced: number;
  arrived: number;
  /** The first value mismatches found by the compare step (bounded). */
  mismatches: SmokeMismatch[];
}

/** `POST /api/smoke-runs`. */
export interface StartSmokeRunRequest {
  pipeline: string;
  /** 1..100000, default 100. */
  records?: number;
  /** How long the arrive step waits for the rows, 5000..600000 ms, default 60000. */
  timeoutMs?: number;
}

export interface StartSmokeRunResponse {
  runId: string;
}

export interface SmokeRunListResponse {
  runs: SmokeRunSummary[];
}

export interface CancelSmokeRunResponse {
  runId: string;
  /** false when the run had already finished. */
  cancelled: boolean;
}
