/** Pipelines (read from connectors/), their contract check, and the end-to-end smoke test (issue 5). */
import { Type, type Static } from 'typebox';
import { Closed, Nullable, StringEnum } from './common.ts';
import { ContractReport } from './contract.ts';
import { OperationId, PipelineId } from './names.ts';
import { progressStepFields } from './progress-step.ts';

/** A topic→table pipeline resolved from a sink connector file in connectors/ and the Avro schema beside it. */
export const PipelineRef = Type.Object({
  /** The connector name; `<name>:<topic>` when one connector reads several topics. */
  id: Type.String(),
  connectorName: Type.String(),
  connectorFile: Type.String(),
  connectorClass: Type.String(),
  topic: Type.String(),
  /** `<topic>-value` (TopicNameStrategy). */
  subject: Type.String(),
  database: Type.String(),
  table: Type.String(),
  /** `<topic>-value.avsc` in connectors/, or null when the repo has none (the registry's latest is used then). */
  schemaFile: Nullable(Type.String()),
  /** errors.deadletterqueue.topic.name of the connector file, when set. */
  dlqTopic: Nullable(Type.String()),
});
export type PipelineRef = Static<typeof PipelineRef>;

export const PipelineListResponse = Type.Object({
  pipelines: Type.Array(PipelineRef),
  /** connectors/*.json files that are not ClickHouse sink pipelines or could not be read, with the reason. */
  skipped: Type.Array(Type.Object({ file: Type.String(), reason: Type.String() })),
});
export type PipelineListResponse = Static<typeof PipelineListResponse>;

export const ContractSource = StringEnum(['file', 'registry'] as const);
export type ContractSource = Static<typeof ContractSource>;

export const PipelineParams = Closed({ id: PipelineId });
export const PipelineContractQuery = Closed({
  /** `file`: connectors/<subject>.avsc; `registry`: the subject's latest version. Default file. */
  source: Type.Optional(StringEnum(['file', 'registry'] as const, { default: 'file' })),
});

/** `POST /api/pipelines/:id/contract`. */
export const PipelineContractResponse = Type.Object({
  ...ContractReport.properties,
  pipeline: Type.String(),
  source: ContractSource,
  /** Where the schema came from: `connectors/orders-value.avsc` or `registry orders-value v3`. */
  schemaOrigin: Type.String(),
  tableExists: Type.Boolean(),
  /** null when the registry could not be asked (a file-based check does not need it). */
  subjectExists: Nullable(Type.Boolean()),
  /** `database.table`. */
  table: Type.String(),
});
export type PipelineContractResponse = Static<typeof PipelineContractResponse>;

export const SmokeStepName = StringEnum(['delivery', 'contract', 'schema', 'produce', 'arrive', 'compare', 'report'] as const);
export type SmokeStepName = Static<typeof SmokeStepName>;
export const SmokeStepStatus = StringEnum(['pending', 'running', 'ok', 'failed', 'skipped', 'cancelled'] as const);
export type SmokeStepStatus = Static<typeof SmokeStepStatus>;
export const SmokeService = StringEnum(['Kafka', 'Schema Registry', 'Kafka Connect', 'ClickHouse', 'Panel'] as const);
export type SmokeService = Static<typeof SmokeService>;

/** Why a step failed: which service, what happened, and the likely fix. */
export const SmokeFailure = Type.Object({
  service: SmokeService,
  /**
   * A machine-readable cause where the UI offers an action: `SCHEMA_REGISTRATION_NEEDED` (run again with
   * `register: true`), `DELIVERY_STUCK` (the sink retries a batch; details name the group, lag and log lines).
   */
  code: Type.Optional(Type.String()),
  message: Type.String(),
  fix: Type.String(),
  /** e.g. the contract's failing fields, or the first value mismatches. */
  details: Type.Optional(Type.Unknown()),
});
export type SmokeFailure = Static<typeof SmokeFailure>;

/** `failure.details` of code SCHEMA_REGISTRATION_NEEDED (steps/schema.ts): the file matches none of `versions`. */
export interface SchemaRegistrationNeededDetails {
  subject: string;
  latestVersion: number;
  /** The latest version's schema id; null when the registry could not say. */
  latestId: number | null;
  /** Every version the subject holds; the file's schema is none of them. */
  versions: number[];
}

/** `failure.details` of code DELIVERY_STUCK (steps/arrive.ts): where the delivery stands still, and the evidence. */
export interface DeliveryStuckDetails {
  /** `connector`: the sink connector `via`; `kafka-engine`: ClickHouse's Kafka table → materialized view. */
  kind: 'connector' | 'kafka-engine';
  via: string;
  /** The consumer group of the delivery. */
  group: string;
  /** Records waiting in the group on the pipeline's topic. */
  lag: number | null;
  /** The group's committed offsets summed over the topic's partitions. */
  committed: number | null;
  /** How long neither offsets nor rows moved. */
  stalledMs: number;
  /** The cause named from the evidence (sink-diagnosis.ts), when one matched. */
  cause: string | null;
  /** The newest ERROR/WARN lines of Connect's log, or the Kafka engine's consumer exceptions, quoted. */
  evidence: string[];
  /** The first lines of a task's trace, when Connect reports one. */
  trace: string | null;
  /** Whether Connect's log could be read (`not applicable` for the Kafka engine). */
  connectLog: 'read' | 'unavailable' | 'not applicable';
}

export const SmokeStep = Type.Object(
  { ...progressStepFields(SmokeStepName, SmokeStepStatus), failure: Type.Optional(SmokeFailure) },
  { description: 'a SmokeStep' },
);
export type SmokeStep = Static<typeof SmokeStep>;

export const SmokeRunStatus = StringEnum(['running', 'passed', 'failed', 'cancelled'] as const);
export type SmokeRunStatus = Static<typeof SmokeRunStatus>;

/** One value that differs between a produced record and its row. */
export const SmokeMismatch = Type.Object({
  /** The run-id field's value identifying the record. */
  record: Type.String(),
  field: Type.String(),
  /** The column's type, which the expected value is spelled for. */
  columnType: Type.Optional(Type.String()),
  expected: Type.Unknown(),
  actual: Type.Unknown(),
});
export type SmokeMismatch = Static<typeof SmokeMismatch>;

/** What a run does with its rows when it ends: keep them (default), remove them after a pass, or always. */
export const SmokeCleanupMode = StringEnum(['keep', 'after-pass', 'always'] as const);
export type SmokeCleanupMode = Static<typeof SmokeCleanupMode>;

/** Rows removed from the table (smoke/cleanup.ts) and what stays behind anyway. */
export const SmokeCleanup = Type.Object({
  /** Rows of this run (run-id prefix) deleted from the table. */
  removed: Type.Integer(),
  /** Rows of the run still there afterwards (0 unless rows arrived after the delete). */
  remaining: Type.Integer(),
  /** The statement used: lightweight `DELETE FROM`, or `ALTER TABLE … DELETE` where that is refused (projections). */
  statement: StringEnum(['DELETE', 'ALTER TABLE DELETE', 'none'] as const),
  /** What no delete can remove: the records on the topic, dead letters, a registered schema version. */
  stays: Type.Array(Type.String()),
  message: Type.String(),
});
export type SmokeCleanup = Static<typeof SmokeCleanup>;

const summaryFields = {
  runId: Type.String(),
  pipeline: Type.String(),
  topic: Type.String(),
  /** `database.table`. */
  table: Type.String(),
  records: Type.Integer(),
  timeoutMs: Type.Integer(),
  status: SmokeRunStatus,
  startedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  durationMs: Nullable(Type.Number()),
  /** The failed (or cancelled) step, when the run did not pass. */
  failedStep: Nullable(SmokeStepName),
  message: Type.String(),
};
export const SmokeRunSummary = Type.Object(summaryFields);
export type SmokeRunSummary = Static<typeof SmokeRunSummary>;

export const SmokeDelivery = Type.Object({
  kind: StringEnum(['connector', 'kafka-engine'] as const),
  /** Connector name, or the Kafka-engine table `db.table` and its materialized view. */
  via: Type.String(),
  description: Type.String(),
});
export type SmokeDelivery = Static<typeof SmokeDelivery>;

export const SmokeRunReport = Type.Object(
  {
    ...summaryFields,
    steps: Type.Array(SmokeStep),
    delivery: Nullable(SmokeDelivery),
    contract: Nullable(ContractReport),
    /** The registered schema id and subject version used to encode the records. */
    schema: Nullable(
      Type.Object({
        subject: Type.String(),
        id: Type.Integer(),
        version: Nullable(Type.Integer()),
        /** The subject's latest version when the run started (null: the subject did not exist). */
        latestVersion: Type.Optional(Nullable(Type.Integer())),
        /** Whether this run registered the version (false: it was there already). */
        registered: Type.Optional(Type.Boolean()),
      }),
    ),
    /** The field carrying the run id (`<runId>-000042`). */
    runIdField: Nullable(Type.String()),
    produced: Type.Integer(),
    arrived: Type.Integer(),
    /** The first value mismatches found by the compare step (bounded). */
    mismatches: Type.Array(SmokeMismatch),
    /**
     * The cleanup option of the run and, once rows were removed (by the option, or POST /api/smoke-runs/:runId/cleanup),
     * what went: `removed` totals every removal of the run, the rest is as of the newest one.
     */
    cleanupMode: Type.Optional(SmokeCleanupMode),
    cleanup: Type.Optional(Nullable(SmokeCleanup)),
  },
  { description: 'the final SmokeRunReport' },
);
export type SmokeRunReport = Static<typeof SmokeRunReport>;

export const SMOKE_RECORDS = { min: 1, max: 100_000, default: 100 } as const;
export const SMOKE_TIMEOUT_MS = { min: 5_000, max: 600_000, default: 60_000 } as const;

/** `POST /api/smoke-runs`. */
export const StartSmokeRunRequest = Closed({
  /** A pipeline id from GET /api/pipelines. */
  pipeline: PipelineId,
  records: Type.Optional(
    Type.Integer({ minimum: SMOKE_RECORDS.min, maximum: SMOKE_RECORDS.max, description: 'Records to produce (default 100)' }),
  ),
  /** How long the arrive step waits for the rows (default 60000 ms). */
  timeoutMs: Type.Optional(
    Type.Integer({ minimum: SMOKE_TIMEOUT_MS.min, maximum: SMOKE_TIMEOUT_MS.max, description: 'How long to wait for the rows, in ms' }),
  ),
  /**
   * Register the schema file under the subject even though the subject's latest version differs (default false:
   * the run stops at the schema step with code SCHEMA_REGISTRATION_NEEDED and registers nothing).
   */
  register: Type.Optional(Type.Boolean()),
  /** Remove the run's rows from the table when it ends; default 'keep'. */
  cleanup: Type.Optional(SmokeCleanupMode),
});
export type StartSmokeRunRequest = Static<typeof StartSmokeRunRequest>;

export const StartSmokeRunResponse = Type.Object({ runId: Type.String() });
export type StartSmokeRunResponse = Static<typeof StartSmokeRunResponse>;

export const SmokeRunListResponse = Type.Object({ runs: Type.Array(SmokeRunSummary) });
export type SmokeRunListResponse = Static<typeof SmokeRunListResponse>;

export const SmokeRunParams = Closed({ runId: OperationId });

/** `POST /api/smoke-runs/:runId/cleanup`: `confirm` must be the run id. */
export const CleanupSmokeRunRequest = Closed({
  confirm: Type.String({ maxLength: 100, 'x-error-code': 'CONFIRMATION_MISMATCH', description: 'The run id, typed to confirm' }),
});
export type CleanupSmokeRunRequest = Static<typeof CleanupSmokeRunRequest>;

/** What this call removed (0 when the rows were gone already); the run's report then carries the total. */
export const CleanupSmokeRunResponse = Type.Object({ runId: Type.String(), ...SmokeCleanup.properties });
export type CleanupSmokeRunResponse = Static<typeof CleanupSmokeRunResponse>;

export const CancelSmokeRunResponse = Type.Object({
  runId: Type.String(),
  /** false when the run had already finished. */
  cancelled: Type.Boolean(),
});
export type CancelSmokeRunResponse = Static<typeof CancelSmokeRunResponse>;
