/** Reset of the compose project's volumes: plan (what goes away), the operation and its streamed steps. */
import { Type, type Static } from 'typebox';
import { Closed, Nullable, StringEnum } from './common.ts';
import { OperationId } from './names.ts';

export const ResetPlanContainer = Type.Object({
  id: Type.String(),
  name: Type.String(),
  service: Type.String(),
  state: Type.String(),
  image: Type.String(),
});
export type ResetPlanContainer = Static<typeof ResetPlanContainer>;

export const ResetPlanVolume = Type.Object({
  name: Type.String(),
  driver: Type.String(),
  /** Containers (names) that mount it right now. */
  usedBy: Type.Array(Type.String()),
});
export type ResetPlanVolume = Static<typeof ResetPlanVolume>;

export const ResetExclusion = Type.Object({
  kind: StringEnum(['container', 'volume', 'service'] as const),
  name: Type.String(),
  reason: Type.String(),
});
export type ResetExclusion = Static<typeof ResetExclusion>;

export const ResetBootstrapPlan = Type.Object({
  /** sql/*.sql in the order they are applied. */
  sql: Type.Array(Type.String()),
  /** connectors/*.avsc with the subject each is registered under. */
  schemas: Type.Array(Type.Object({ file: Type.String(), subject: Type.String() })),
  /** connectors/*.json (PUT …/config, idempotent). */
  connectors: Type.Array(Type.String()),
});
export type ResetBootstrapPlan = Static<typeof ResetBootstrapPlan>;

/** GET /api/reset/plan: exactly what a reset would delete, keep and bring back. */
export const ResetPlan = Type.Object({
  project: Type.String(),
  composeFile: Type.String(),
  /** Containers stopped and removed (label com.docker.compose.project=<project>, a declared service, not the panel). */
  containers: Type.Array(ResetPlanContainer),
  /** Named volumes removed (label com.docker.compose.project=<project> only; never matched by name). */
  volumes: Type.Array(ResetPlanVolume),
  /** What a reset leaves alone, and why (the panel itself, undeclared services, volumes the panel uses). */
  excluded: Type.Array(ResetExclusion),
  /** Services brought back with `docker compose up -d --wait`. */
  services: Type.Array(Type.String()),
  /** The panel's own container, when it runs inside the project. */
  panel: Type.Object({ service: Type.String(), containerId: Nullable(Type.String()), insideProject: Type.Boolean() }),
  bootstrap: ResetBootstrapPlan,
});
export type ResetPlan = Static<typeof ResetPlan>;

export const ResetStepId = StringEnum([
  'inventory',
  'remove-containers',
  'remove-volumes',
  'start',
  'healthy',
  'bootstrap-sql',
  'bootstrap-schemas',
  'bootstrap-connectors',
  'report',
] as const);
export type ResetStepId = Static<typeof ResetStepId>;

export const ResetStepStatus = StringEnum(['pending', 'running', 'ok', 'failed', 'skipped'] as const);
export type ResetStepStatus = Static<typeof ResetStepStatus>;

export const ResetItem = Type.Object({
  /** A container, volume, file, subject or connector name. */
  name: Type.String(),
  outcome: StringEnum([
    'found',
    'removed',
    'already-gone',
    'kept',
    'healthy',
    'applied',
    'registered',
    'unchanged',
    'created',
    'updated',
    'failed',
  ] as const),
  message: Type.String(),
});
export type ResetItem = Static<typeof ResetItem>;

export const ResetFailure = Type.Object({
  step: ResetStepId,
  /** The service (or system) that failed: Docker, Docker Compose, ClickHouse, Schema Registry, Kafka Connect… */
  service: Type.String(),
  message: Type.String(),
  fix: Type.String(),
});
export type ResetFailure = Static<typeof ResetFailure>;

export const ResetStep = Type.Object(
  {
    id: ResetStepId,
    title: Type.String(),
    status: ResetStepStatus,
    startedAt: Nullable(Type.String()),
    durationMs: Nullable(Type.Number()),
    /** One line: what the step did (or is doing). */
    detail: Nullable(Type.String()),
    items: Type.Array(ResetItem),
    /** Output lines of the Compose CLI (bounded). */
    lines: Type.Array(Type.String()),
    failure: Nullable(ResetFailure),
  },
  { description: 'a ResetStep' },
);
export type ResetStep = Static<typeof ResetStep>;

export const ResetStatus = StringEnum(['running', 'succeeded', 'failed'] as const);
export type ResetStatus = Static<typeof ResetStatus>;

export const ResetReport = Type.Object(
  {
    operationId: Type.String(),
    project: Type.String(),
    status: ResetStatus,
    startedAt: Type.String(),
    finishedAt: Nullable(Type.String()),
    /** The failed operation this one resumed (its finished steps are skipped here), or null for a full reset. */
    resumedFrom: Nullable(Type.String()),
    steps: Type.Array(ResetStep),
    /** Titles of the finished steps (this run and, when resuming, the run it resumed). */
    done: Type.Array(Type.String()),
    /** Titles of the steps not finished yet; run the reset again to do them. */
    left: Type.Array(Type.String()),
    failure: Nullable(ResetFailure),
  },
  { description: 'the final ResetReport' },
);
export type ResetReport = Static<typeof ResetReport>;

/** POST /api/reset body. `confirm` must equal the project name. */
export const StartResetRequest = Closed({
  confirm: Type.String({ maxLength: 255, 'x-error-code': 'CONFIRMATION_MISMATCH' }),
  /** Ignore a failed previous run and start from the first step (default: resume it). */
  fromScratch: Type.Optional(Type.Boolean()),
});
export type StartResetRequest = Static<typeof StartResetRequest>;

export const StartResetResponse = Type.Object({ operationId: Type.String(), resumedFrom: Nullable(Type.String()) });
export type StartResetResponse = Static<typeof StartResetResponse>;

export const ResetOperationParams = Closed({ operationId: OperationId });
