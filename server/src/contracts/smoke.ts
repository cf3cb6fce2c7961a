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
  /**
   * A machine-readable cause where the UI offers an action: `SCHEMA_REGISTRATION_NEEDED` (run again with
   * `register: true`), `DELIVERY_STUCK` (the sink retries a batch; details name the group, lag and log lines).
   */
  code?: string;
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
  /** The column's type, which the expected value is spelled for. */
  columnType?: string;
  expected: unknown;
  actual: unknown;
}

/** What a run does with its rows when it ends: keep them (default), remove them after a pass, or always. */
export type SmokeCleanupMode = 'keep' | 'after-pass' | 'always';

/** Rows removed from the table (smoke/cleanup.ts) and what stays behind anyway. */
export interface SmokeCleanup {
  /** Rows of this run (run-id prefix) deleted from the table. */
  removed: number;
  /** Rows of the run still there afterwards (0 unless rows arrived after the delete). */
  remaining: number;
  /** The statement used: lightweight `DELETE FROM`, or `ALTER TABLE … DELETE` where that is refused (projections). */
  statement: 'DELETE' | 'ALTER TABLE DELETE' | 'none';
  /** What no delete can remove: the records on the topic, dead letters, a registered schema version. */
  stays: string[];
  message: string;
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
  schema: {
    subject: string;
    id: number;
    version: number | null;
    /** The subject's latest version when the run started (null: the subject did not exist). */
    latestVersion?: number | null;
    /** Whether this run registered the version (false: it was there already). */
    registered?: boolean;
  } | null;
  /** The field carrying the run id (`<runId>-000042`). */
  runIdField: string | null;
  produced: number;
  arrived: number;
  /** The first value mismatches found by the compare step (bounded). */
  mismatches: SmokeMismatch[];
  /** The cleanup option of the run and, once it ran, what it removed. */
  cleanupMode?: SmokeCleanupMode;
  cleanup?: SmokeCleanup | null;
}

/** `POST /api/smoke-runs`. */
export interface StartSmokeRunRequest {
  pipeline: string;
  /** 1..100000, default 100. */
  records?: number;
  /** How long the arrive step waits for the rows, 5000..600000 ms, default 60000. */
  timeoutMs?: number;
  /**
   * Register the schema file under the subject even though the subject's latest version differs (default false:
   * the run stops at the schema step with code SCHEMA_REGISTRATION_NEEDED and registers nothing).
   */
  register?: boolean;
  /** Remove the run's rows from the table when it ends; default 'keep'. */
  cleanup?: SmokeCleanupMode;
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
