/** The guided topic→table wizard (issue 6): one validation endpoint per step, a plan, and an apply operation. */
import { Type, type Static } from 'typebox';
import { Closed, Nullable, StringEnum } from './common.ts';
import { ConfigDiffEntry } from './connectors.ts';
import { ClickHouseColumn, ContractReport } from './contract.ts';
import { OperationId } from './names.ts';
import { progressStepFields } from './progress-step.ts';
import { Partitions, ReplicationFactor, RetentionMs } from './topics.ts';

/** A required text field: not empty, bounded (a schema, DDL or connector JSON is far below 512 KiB). */
const Text = (description: string, maxLength = 512 * 1024) => Type.String({ minLength: 1, maxLength, description });
/** A name typed into the wizard; its rule (topic, identifier, connector) is checked by the step and named in the 400. */
const Name = (description: string) => Type.String({ minLength: 1, maxLength: 255, description });

/** Step 1. `POST /api/wizard/topic/validate`. */
export const WizardTopicInput = Closed({
  /** `existing`: the topic must exist; `new`: it must not, and partitions/retention are checked. */
  mode: StringEnum(['existing', 'new'] as const),
  name: Name('The topic name'),
  /** New topics: 1..1000 (default 1). */
  partitions: Type.Optional(Nullable(Partitions)),
  /** New topics: -1 (unlimited) or 60000..; absent = broker default. */
  retentionMs: Type.Optional(Nullable(RetentionMs)),
  /** New topics: 1..the live broker count (400 REPLICATION_FACTOR_TOO_HIGH above it); absent = broker default. */
  replicationFactor: Type.Optional(Nullable(ReplicationFactor)),
});
export type WizardTopicInput = Static<typeof WizardTopicInput>;

export const WizardTopicResult = Type.Object({
  name: Type.String(),
  exists: Type.Boolean(),
  partitions: Type.Integer(),
  retentionMs: Nullable(Type.Number()),
  /** The topic's replication factor; for a new topic the one asked for, null = the broker's default.replication.factor. */
  replicationFactor: Nullable(Type.Integer()),
  /** Messages on the topic (sum of end offsets); 0 for a new topic. */
  messages: Type.Number(),
  subject: Type.String(),
  /** Suggested names for the next steps, derived from the topic. */
  suggested: Type.Object({ table: Type.String(), connector: Type.String(), dlqTopic: Type.String(), recordName: Type.String() }),
  warnings: Type.Array(Type.String()),
});
export type WizardTopicResult = Static<typeof WizardTopicResult>;

/** Step 2. `POST /api/wizard/schema/latest` {topic}: the subject's latest schema, when the subject exists. */
export const WizardLatestSchemaInput = Closed({ topic: Name('The topic name') });
export const WizardLatestSchema = Type.Object({
  subject: Type.String(),
  exists: Type.Boolean(),
  version: Nullable(Type.Integer()),
  id: Nullable(Type.Integer()),
  /** Pretty-printed schema text, or null. */
  schema: Nullable(Type.String()),
});
export type WizardLatestSchema = Static<typeof WizardLatestSchema>;

/** `POST /api/wizard/schema/infer`: from messages on the topic, or from pasted JSON samples. */
export const WizardInferInput = Closed({
  source: StringEnum(['topic', 'samples'] as const),
  topic: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  /** `samples`: a JSON array of objects, or one JSON object per line. */
  samples: Type.Optional(Nullable(Type.String({ maxLength: 512 * 1024 }))),
  /** `topic`: how many recent messages to read (1..500, default 50). */
  limit: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 500, 'x-error-code': 'INVALID_LIMIT' }))),
  recordName: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
});
export type WizardInferInput = Static<typeof WizardInferInput>;

export const WizardInferResult = Type.Object({
  /** Pretty-printed Avro schema. */
  schema: Type.String(),
  /** `registry`: the writer schema of Confluent-framed Avro messages; `inferred`: built from JSON samples. */
  origin: StringEnum(['registry', 'inferred'] as const),
  sampled: Type.Integer(),
  notes: Type.Array(Type.String()),
});
export type WizardInferResult = Static<typeof WizardInferResult>;

/** `POST /api/wizard/schema/validate` {topic, schema}. 400 INVALID_AVRO / SCHEMA_NOT_RECORD. */
export const WizardSchemaInput = Closed({ topic: Name('The topic name'), schema: Text('The Avro schema (JSON text)') });
export const WizardSchemaResult = Type.Object({
  subject: Type.String(),
  /** The schema re-printed from the parsed JSON. */
  schema: Type.String(),
  fields: Type.Array(
    Type.Object({ name: Type.String(), type: Type.String(), nullable: Type.Boolean(), temporal: Type.Boolean(), string: Type.Boolean() }),
  ),
  compatibility: Type.Object({
    subjectExists: Type.Boolean(),
    /** null when the subject does not exist yet (nothing to be compatible with). */
    compatible: Nullable(Type.Boolean()),
    /** true when this exact schema is already a version of the subject. */
    registered: Type.Boolean(),
    version: Nullable(Type.Integer()),
    messages: Type.Array(Type.String()),
  }),
});
export type WizardSchemaResult = Static<typeof WizardSchemaResult>;

export const WizardEngine = StringEnum(['MergeTree', 'ReplacingMergeTree'] as const);
export type WizardEngine = Static<typeof WizardEngine>;

const FieldList = Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { maxItems: 1000 });

/** Step 3. `POST /api/wizard/table/generate`. 400 DDL_REFUSED with details.errors. */
export const WizardTableGenerateInput = Closed({
  schema: Text('The Avro schema (JSON text)'),
  database: Name('The target database'),
  table: Name('The target table'),
  engine: Type.Optional(WizardEngine),
  orderBy: Type.Optional(Nullable(FieldList)),
  partitionBy: Type.Optional(Nullable(Type.String({ maxLength: 1024 }))),
  lowCardinality: Type.Optional(Nullable(FieldList)),
});
export type WizardTableGenerateInput = Static<typeof WizardTableGenerateInput>;

export const WizardTableGenerateResult = Type.Object({
  sql: Type.String(),
  columns: Type.Array(Type.Object({ name: Type.String(), type: Type.String() })),
  contract: ContractReport,
});
export type WizardTableGenerateResult = Static<typeof WizardTableGenerateResult>;

/** `POST /api/wizard/table/validate`: the (possibly edited) SQL, executed in a scratch database then dropped. */
export const WizardTableValidateInput = Closed({
  schema: Text('The Avro schema (JSON text)'),
  database: Name('The target database'),
  table: Name('The target table'),
  sql: Text('The CREATE TABLE statement'),
});
export type WizardTableValidateInput = Static<typeof WizardTableValidateInput>;

export const WizardTableValidateResult = Type.Object({
  /** The scratch database the statement ran in (already dropped). */
  scratchDatabase: Type.String(),
  dropped: Type.Boolean(),
  columns: Type.Array(ClickHouseColumn),
  engine: Type.String(),
  contract: ContractReport,
  /** Whether `database.table` exists on the target already, and if so whether its columns equal these. */
  target: Type.Object({ exists: Type.Boolean(), sameColumns: Nullable(Type.Boolean()) }),
});
export type WizardTableValidateResult = Static<typeof WizardTableValidateResult>;

/** Step 4. `POST /api/wizard/connector/generate`. */
export const WizardConnectorGenerateInput = Closed({
  topic: Name('The topic name'),
  database: Name('The target database'),
  table: Name('The target table'),
  name: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  /** null: no dead-letter topic; absent: `<topic>-dlq`. */
  dlqTopic: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
});
export type WizardConnectorGenerateInput = Static<typeof WizardConnectorGenerateInput>;

export const WizardConnectorFile = Type.Object({ name: Type.String(), config: Type.Record(Type.String(), Type.String()) });
export type WizardConnectorFile = Static<typeof WizardConnectorFile>;

export const WizardConnectorGenerateResult = Type.Object({
  file: WizardConnectorFile,
  /** The file as it will be written (pretty JSON). */
  text: Type.String(),
  /** One line per chosen default. */
  reasons: Type.Record(Type.String(), Type.String()),
});
export type WizardConnectorGenerateResult = Static<typeof WizardConnectorGenerateResult>;

/** `POST /api/wizard/connector/validate` {topic, database, table, text}. 400 INVALID_CONNECTOR_JSON. */
export const WizardConnectorValidateInput = Closed({
  topic: Name('The topic name'),
  database: Name('The target database'),
  table: Name('The target table'),
  /** The connector file's JSON text: {"name": ..., "config": {...}}. */
  text: Text('The connector file JSON text'),
});
export type WizardConnectorValidateInput = Static<typeof WizardConnectorValidateInput>;

export const WizardConnectorValidateResult = Type.Object({
  ok: Type.Boolean(),
  name: Type.String(),
  /** `connect`: Connect's PUT /connector-plugins/<class>/config/validate ran; `keys`: plugin absent, keys checked locally. */
  validatedBy: StringEnum(['connect', 'keys'] as const),
  pluginInstalled: Type.Boolean(),
  message: Type.String(),
  /** Config errors by key (Connect's, or the local key check's under key "*"). */
  errors: Type.Array(Type.Object({ key: Type.String(), messages: Type.Array(Type.String()) })),
});
export type WizardConnectorValidateResult = Static<typeof WizardConnectorValidateResult>;

const pipelineFields = {
  topic: Closed({
    name: Name('The topic name'),
    partitions: Type.Optional(Nullable(Partitions)),
    retentionMs: Type.Optional(Nullable(RetentionMs)),
    replicationFactor: Type.Optional(Nullable(ReplicationFactor)),
  }),
  schema: Text('The Avro schema (JSON text)'),
  table: Closed({ database: Name('The target database'), table: Name('The target table'), sql: Text('The CREATE TABLE statement') }),
  /** The connector file's JSON text. */
  connector: Text('The connector file JSON text'),
  /** Write the files but do not deploy the connector (e.g. Connect lacks the ClickHouse sink plugin). */
  skipConnectorDeploy: Type.Optional(Type.Boolean()),
  /** What the user ticked to allow overwriting: repo paths (e.g. `connectors/x.json`) and `connector/<name>`. */
  overwrite: Type.Optional(Nullable(Type.Array(Type.String({ maxLength: 600 }), { maxItems: 100 }))),
};

/** Everything the wizard collected; the body of `POST /api/wizard/plan`. */
export const WizardPipelineInput = Closed(pipelineFields);
export type WizardPipelineInput = Static<typeof WizardPipelineInput>;

/** The body of `POST /api/wizard/apply`. */
export const WizardApplyInput = Closed({
  ...pipelineFields,
  /** Start the pipeline's smoke test after a successful apply (default true). */
  smoke: Type.Optional(Type.Boolean()),
});
export type WizardApplyInput = Static<typeof WizardApplyInput>;

export const PlanObjectKind = StringEnum(['topic', 'schema', 'table', 'connector'] as const);
export type PlanObjectKind = Static<typeof PlanObjectKind>;
/** `missing-plugin`: the Connect worker lacks the connector's plugin; blocks unless the connector is skipped. */
export const PlanAction = StringEnum([
  'create',
  'exists',
  'register',
  'registered',
  'incompatible',
  'same',
  'differs',
  'update',
  'unchanged',
  'skip',
  'missing-plugin',
  'unknown',
] as const);
export type PlanAction = Static<typeof PlanAction>;

export const PlanItem = Type.Object({
  kind: PlanObjectKind,
  /** e.g. `orders`, `orders-value`, `pipeline.orders`, `orders-clickhouse-sink`. */
  target: Type.String(),
  action: PlanAction,
  /** Whether applying changes this object. */
  changes: Type.Boolean(),
  /** Apply refuses while any item or file blocks. */
  blocking: Type.Boolean(),
  detail: Type.String(),
  diff: Type.Optional(Type.Array(ConfigDiffEntry)),
  /** Set when applying would replace what exists: put this key in `overwrite` to allow it. */
  overwriteKey: Type.Optional(Type.String()),
});
export type PlanItem = Static<typeof PlanItem>;

export const PlanFile = Type.Object({
  /** Relative to the project: `sql/002_clicks.sql`, `connectors/clicks-clickhouse-sink.json`, `connectors/clicks-value.avsc`. */
  path: Type.String(),
  action: StringEnum(['create', 'unchanged', 'overwrite', 'differs'] as const),
  blocking: Type.Boolean(),
  content: Type.String(),
  /** The file's current content when it exists and differs. */
  existing: Nullable(Type.String()),
  detail: Type.String(),
});
export type PlanFile = Static<typeof PlanFile>;

export const WizardPlan = Type.Object({
  pipeline: Type.String(),
  items: Type.Array(PlanItem),
  files: Type.Array(PlanFile),
  canApply: Type.Boolean(),
  blockers: Type.Array(Type.String()),
  /** true when applying would change nothing. */
  upToDate: Type.Boolean(),
});
export type WizardPlan = Static<typeof WizardPlan>;

export const WizardStepName = StringEnum(['topic', 'schema', 'table', 'files', 'connector', 'smoke'] as const);
export type WizardStepName = Static<typeof WizardStepName>;
export const WizardStepStatus = StringEnum(['pending', 'running', 'ok', 'failed', 'skipped'] as const);
export type WizardStepStatus = Static<typeof WizardStepStatus>;

export const WizardApplyStep = Type.Object(
  {
    ...progressStepFields(WizardStepName, WizardStepStatus),
    /** Whether the step changed anything (false: it was already so). */
    changed: Nullable(Type.Boolean()),
  },
  { description: 'a WizardApplyStep' },
);
export type WizardApplyStep = Static<typeof WizardApplyStep>;

export const WizardOperation = Type.Object(
  {
    operationId: Type.String(),
    pipeline: Type.String(),
    status: StringEnum(['running', 'succeeded', 'failed'] as const),
    startedAt: Type.String(),
    finishedAt: Nullable(Type.String()),
    steps: Type.Array(WizardApplyStep),
    /** Step names that completed (ok or intentionally skipped), and those that did not run or failed. */
    done: Type.Array(WizardStepName),
    left: Type.Array(WizardStepName),
    smokeRunId: Nullable(Type.String()),
    message: Type.String(),
  },
  { description: 'the final WizardOperation' },
);
export type WizardOperation = Static<typeof WizardOperation>;

export const WizardOperationParams = Closed({ id: OperationId });

/** `POST /api/wizard/apply` → 202. */
export const StartWizardApplyResponse = Type.Object({ operationId: Type.String() });
export type StartWizardApplyResponse = Static<typeof StartWizardApplyResponse>;

/** `POST /api/wizard/operations/:id/smoke` → 202: (re)starts the smoke test of the applied pipeline. */
export const StartWizardSmokeResponse = Type.Object({ runId: Type.String() });
export type StartWizardSmokeResponse = Static<typeof StartWizardSmokeResponse>;
