/** Schema evolution as a plan: a pipeline's new schema version as ordered, idempotent, resumable steps. */
import { Type, type Static } from 'typebox';
import { Closed, Nullable, StringEnum } from './common.ts';
import { ContractReport } from './contract.ts';
import { OperationId, PipelineId } from './names.ts';
import { progressStepFields } from './progress-step.ts';
import { SchemaChange } from './schema-diff.ts';
import { AvroSchemaValue, CompatibilityVerdict } from './schemas.ts';

export const EvolutionInput = Closed({
  /** A pipeline id from GET /api/pipelines. */
  pipeline: PipelineId,
  /** The new value schema. */
  draft: AvroSchemaValue,
  /** Run the pipeline's smoke test as the last step (default false). */
  smoke: Type.Optional(Type.Boolean({ default: false })),
});
export type EvolutionInput = Static<typeof EvolutionInput>;

export const EVOLUTION_STEPS = ['alter', 'columns', 'compatibility', 'register', 'files', 'restart', 'contract', 'smoke'] as const;
export const EvolutionStepName = StringEnum(EVOLUTION_STEPS);
export type EvolutionStepName = Static<typeof EvolutionStepName>;

export const PlannedStep = Type.Object({ name: EvolutionStepName, title: Type.String(), detail: Type.String() });

export const ColumnAddition = Type.Object({
  field: Type.String(),
  column: Type.String(),
  type: Type.String(),
  defaultExpression: Nullable(Type.String()),
  statement: Type.String(),
  note: Type.String(),
});

export const EvolutionRefusal = Type.Object({
  field: Nullable(Type.String()),
  column: Nullable(Type.String()),
  reason: Type.String(),
  /** A migration to do instead, by hand: statements (comments start with --) and what to do around them. */
  migration: Type.Object({ statements: Type.Array(Type.String()), note: Type.String() }),
});

export const PlannedFile = Type.Object({
  /** `connectors/<subject>.avsc` or `sql/NNN_<table>_<change>.sql`. */
  path: Type.String(),
  action: StringEnum(['create', 'update', 'unchanged'] as const),
  content: Type.String(),
});

/** `POST /api/evolution/plan`: everything applying would do, in order; nothing changes. */
export const EvolutionPlan = Type.Object({
  pipeline: Type.String(),
  topic: Type.String(),
  subject: Type.String(),
  /** `database.table`. */
  table: Type.String(),
  connector: Type.String(),
  /** What the draft is compared with: the subject's latest version, or the repo file when the subject has none. */
  current: Type.Object({ source: StringEnum(['registry', 'file'] as const), version: Nullable(Type.Integer()), schema: Type.String() }),
  /** The draft is already the subject's latest version: applying finishes what is left. */
  draftRegistered: Nullable(Type.Integer()),
  changes: Type.Array(SchemaChange),
  additions: Type.Array(ColumnAddition),
  /** Columns of removed fields: kept, never dropped. */
  kept: Type.Array(Type.Object({ column: Type.String(), type: Type.String(), note: Type.String() })),
  refusals: Type.Array(EvolutionRefusal),
  warnings: Type.Array(Type.String()),
  compatibility: CompatibilityVerdict,
  /** The cluster the table's replicas are on (each is waited for), or null for one server. */
  cluster: Nullable(Type.String()),
  /** The contract check of the draft against the table as it will be. */
  contract: ContractReport,
  files: Type.Array(PlannedFile),
  steps: Type.Array(PlannedStep),
  smoke: Type.Boolean(),
  canApply: Type.Boolean(),
  blockers: Type.Array(Type.String()),
});
export type EvolutionPlan = Static<typeof EvolutionPlan>;

export const EvolutionStepStatus = StringEnum(['pending', 'running', 'ok', 'failed', 'skipped'] as const);
export const EvolutionStep = Type.Object(
  {
    ...progressStepFields(EvolutionStepName, EvolutionStepStatus),
    /** false: it was already so ("already done, nothing changed"). */
    changed: Nullable(Type.Boolean()),
  },
  { description: 'an EvolutionStep' },
);
export type EvolutionStep = Static<typeof EvolutionStep>;

export const EvolutionOperation = Type.Object(
  {
    operationId: Type.String(),
    pipeline: Type.String(),
    status: StringEnum(['running', 'succeeded', 'failed'] as const),
    startedAt: Type.String(),
    finishedAt: Nullable(Type.String()),
    steps: Type.Array(EvolutionStep),
    done: Type.Array(EvolutionStepName),
    left: Type.Array(EvolutionStepName),
    smokeRunId: Nullable(Type.String()),
    message: Type.String(),
  },
  { description: 'the final EvolutionOperation' },
);
export type EvolutionOperation = Static<typeof EvolutionOperation>;

export const EvolutionOperationParams = Closed({ id: OperationId });
export const StartEvolutionResponse = Type.Object({ operationId: Type.String() });
export type StartEvolutionResponse = Static<typeof StartEvolutionResponse>;
