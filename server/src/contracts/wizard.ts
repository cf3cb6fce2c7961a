/** The guided topic→table wizard (issue 6): one validation endpoint per step, a plan, and an apply operation. */
import type { ConfigDiffEntry } from './connectors.ts';
import type { ClickHouseColumn, ContractReport } from './contract.ts';
import type { ProgressStep } from './progress-step.ts';

/** Step 1. `POST /api/wizard/topic/validate`. */
export interface WizardTopicInput {
  /** `existing`: the topic must exist; `new`: it must not, and partitions/retention are checked. */
  mode: 'existing' | 'new';
  name: string;
  /** New topics: 1..1000 (default 1). */
  partitions?: number;
  /** New topics: -1 (unlimited) or 60000..; absent = broker default. */
  retentionMs?: number | null;
}

export interface WizardTopicResult {
  name: string;
  exists: boolean;
  partitions: number;
  retentionMs: number | null;
  /** Messages on the topic (sum of end offsets); 0 for a new topic. */
  messages: number;
  subject: string;
  /** Suggested names for the next steps, derived from the topic. */
  suggested: { table: string; connector: string; dlqTopic: string; recordName: string };
  warnings: string[];
}

/** Step 2. `POST /api/wizard/schema/latest` {topic}: the subject's latest schema, when the subject exists. */
export interface WizardLatestSchema {
  subject: string;
  exists: boolean;
  version: number | null;
  id: number | null;
  /** Pretty-printed schema text, or null. */
  schema: string | null;
}

/** `POST /api/wizard/schema/infer`: from messages on the topic, or from pasted JSON samples. */
export interface WizardInferInput {
  source: 'topic' | 'samples';
  topic?: string;
  /** `samples`: a JSON array of objects, or one JSON object per line. */
  samples?: string;
  /** `topic`: how many recent messages to read (1..500, default 50). */
  limit?: number;
  recordName?: string;
}

export interface WizardInferResult {
  /** Pretty-printed Avro schema. */
  schema: string;
  /** `registry`: the writer schema of Confluent-framed Avro messages; `inferred`: built from JSON samples. */
  origin: 'registry' | 'inferred';
  sampled: number;
  notes: string[];
}

/** `POST /api/wizard/schema/validate` {topic, schema}. 400 INVALID_AVRO / SCHEMA_NOT_RECORD. */
export interface WizardSchemaResult {
  subject: string;
  /** The schema re-printed from the parsed JSON. */
  schema: string;
  fields: { name: string; type: string; nullable: boolean; temporal: boolean; string: boolean }[];
  compatibility: {
    subjectExists: boolean;
    /** null when the subject does not exist yet (nothing to be compatible with). */
    compatible: boolean | null;
    /** true when this exact schema is already a version of the subject. */
    registered: boolean;
    version: number | null;
    messages: string[];
  };
}

export type WizardEngine = 'MergeTree' | 'ReplacingMergeTree';

/** Step 3. `POST /api/wizard/table/generate`. 400 DDL_REFUSED with details.errors. */
export interface WizardTableGenerateInput {
  schema: string;
  database: string;
  table: string;
  engine: WizardEngine;
  orderBy: string[];
  partitionBy?: string;
  lowCardinality?: string[];
}

export interface WizardTableGenerateResult {
  sql: string;
  columns: { name: string; type: string }[];
  contract: ContractReport;
}

/** `POST /api/wizard/table/validate`: the (possibly edited) SQL, executed in a scratch database then dropped. */
export interface WizardTableValidateInput {
  schema: string;
  database: string;
  table: string;
  sql: string;
}

export interface WizardTableValidateResult {
  /** The scratch database the statement ran in (already dropped). */
  scratchDatabase: string;
  dropped: boolean;
  columns: ClickHouseColumn[];
  engine: string;
  contract: ContractReport;
  /** Whether `database.table` exists on the target already, and if so whether its columns equal these. */
  target: { exists: boolean; sameColumns: boolean | null };
}

/** Step 4. `POST /api/wizard/connector/generate`. */
export interface WizardConnectorGenerateInput {
  topic: string;
  database: string;
  table: string;
  name?: string;
  /** null: no dead-letter topic; absent: `<topic>-dlq`. */
  dlqTopic?: string | null;
}

export interface WizardConnectorFile {
  name: string;
  config: Record<string, string>;
}

export interface WizardConnectorGenerateResult {
  file: WizardConnectorFile;
  /** The file as it will be written (pretty JSON). */
  text: string;
  /** One line per chosen default. */
  reasons: Record<string, string>;
}

/** `POST /api/wizard/connector/validate` {topic, database, table, text}. 400 INVALID_CONNECTOR_JSON. */
export interface WizardConnectorValidateInput {
  topic: string;
  database: string;
  table: string;
  /** The connector file's JSON text: {"name": ..., "config": {...}}. */
  text: string;
}

export interface WizardConnectorValidateResult {
  ok: boolean;
  name: string;
  /** `connect`: Connect's PUT /connector-plugins/<class>/config/validate ran; `keys`: plugin absent, keys checked locally. */
  validatedBy: 'connect' | 'keys';
  pluginInstalled: boolean;
  message: string;
  /** Config errors by key (Connect's, or the local key check's under key "*"). */
  errors: { key: string; messages: string[] }[];
}

/** Everything the wizard collected; the body of `POST /api/wizard/plan` and `POST /api/wizard/apply`. */
export interface WizardPipelineInput {
  topic: { name: string; partitions?: number; retentionMs?: number | null };
  schema: string;
  table: { database: string; table: string; sql: string };
  /** The connector file's JSON text. */
  connector: string;
  /** Write the files but do not deploy the connector (e.g. Connect lacks the ClickHouse sink plugin). */
  skipConnectorDeploy?: boolean;
  /** What the user ticked to allow overwriting: repo paths (e.g. `connectors/x.json`) and `connector/<name>`. */
  overwrite?: string[];
}

export interface WizardApplyInput extends WizardPipelineInput {
  /** Start the pipeline's smoke test after a successful apply (default true). */
  smoke?: boolean;
}

export type PlanObjectKind = 'topic' | 'schema' | 'table' | 'connector';
/** `missing-plugin`: the Connect worker lacks the connector's plugin; blocks unless the connector is skipped. */
export type PlanAction =
  | 'create'
  | 'exists'
  | 'register'
  | 'registered'
  | 'incompatible'
  | 'same'
  | 'differs'
  | 'update'
  | 'unchanged'
  | 'skip'
  | 'missing-plugin'
  | 'unknown';

export interface PlanItem {
  kind: PlanObjectKind;
  /** e.g. `orders`, `orders-value`, `pipeline.orders`, `orders-clickhouse-sink`. */
  target: string;
  action: PlanAction;
  /** Whether applying changes this object. */
  changes: boolean;
  /** Apply refuses while any item or file blocks. */
  blocking: boolean;
  detail: string;
  diff?: ConfigDiffEntry[];
  /** Set when applying would replace what exists: put this key in `overwrite` to allow it. */
  overwriteKey?: string;
}

export interface PlanFile {
  /** Relative to the project: `sql/002_clicks.sql`, `connectors/clicks-clickhouse-sink.json`, `connectors/clicks-value.avsc`. */
  path: string;
  action: 'create' | 'unchanged' | 'overwrite' | 'differs';
  blocking: boolean;
  content: string;
  /** The file's current content when it exists and differs. */
  existing: string | null;
  detail: string;
}

export interface WizardPlan {
  pipeline: string;
  items: PlanItem[];
  files: PlanFile[];
  canApply: boolean;
  blockers: string[];
  /** true when applying would change nothing. */
  upToDate: boolean;
}

export type WizardStepName = 'topic' | 'schema' | 'table' | 'files' | 'connector' | 'smoke';
export type WizardStepStatus = 'pending' | 'running' | 'ok' | 'failed' | 'skipped';

export interface WizardApplyStep extends ProgressStep<WizardStepName, WizardStepStatus> {
  /** Whether the step changed anything (false: it was already so). */
  changed: boolean | null;
}

export interface WizardOperation {
  operationId: string;
  pipeline: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  steps: WizardApplyStep[];
  /** Step names that completed (ok or intentionally skipped), and those that did not run or failed. */
  done: WizardStepName[];
  left: WizardStepName[];
  smokeRunId: string | null;
  message: string;
}

/** `POST /api/wizard/apply` → 202. */
export interface StartWizardApplyResponse {
  operationId: string;
}

/** `POST /api/wizard/operations/:id/smoke` → 202: (re)starts the smoke test of the applied pipeline. */
export interface StartWizardSmokeResponse {
  runId: string;
}
