/** Reset of the compose project's volumes: plan (what goes away), the operation and its streamed steps. */

export interface ResetPlanContainer {
  id: string;
  name: string;
  service: string;
  state: string;
  image: string;
}

export interface ResetPlanVolume {
  name: string;
  driver: string;
  /** Containers (names) that mount it right now. */
  usedBy: string[];
}

export interface ResetExclusion {
  kind: 'container' | 'volume' | 'service';
  name: string;
  reason: string;
}

export interface ResetBootstrapPlan {
  /** sql/*.sql in the order they are applied. */
  sql: string[];
  /** connectors/*.avsc with the subject each is registered under. */
  schemas: { file: string; subject: string }[];
  /** connectors/*.json (PUT …/config, idempotent). */
  connectors: string[];
}

/** GET /api/reset/plan: exactly what a reset would delete, keep and bring back. */
export interface ResetPlan {
  project: string;
  composeFile: string;
  /** Containers stopped and removed (label com.docker.compose.project=<project>, a declared service, not the panel). */
  containers: ResetPlanContainer[];
  /** Named volumes removed (label com.docker.compose.project=<project> only; never matched by name). */
  volumes: ResetPlanVolume[];
  /** What a reset leaves alone, and why (the panel itself, undeclared services, volumes the panel uses). */
  excluded: ResetExclusion[];
  /** Services brought back with `docker compose up -d --wait`. */
  services: string[];
  /** The panel's own container, when it runs inside the project. */
  panel: { service: string; containerId: string | null; insideProject: boolean };
  bootstrap: ResetBootstrapPlan;
}

export type ResetStepId =
  | 'inventory'
  | 'remove-containers'
  | 'remove-volumes'
  | 'start'
  | 'healthy'
  | 'bootstrap-sql'
  | 'bootstrap-schemas'
  | 'bootstrap-connectors'
  | 'report';

export type ResetStepStatus = 'pending' | 'running' | 'ok' | 'failed' | 'skipped';

export interface ResetItem {
  /** A container, volume, file, subject or connector name. */
  name: string;
  outcome:
    'found' | 'removed' | 'already-gone' | 'kept' | 'healthy' | 'applied' | 'registered' | 'unchanged' | 'created' | 'updated' | 'failed';
  message: string;
}

export interface ResetFailure {
  step: ResetStepId;
  /** The service (or system) that failed: Docker, Docker Compose, ClickHouse, Schema Registry, Kafka Connect… */
  service: string;
  message: string;
  fix: string;
}

export interface ResetStep {
  id: ResetStepId;
  title: string;
  status: ResetStepStatus;
  startedAt: string | null;
  durationMs: number | null;
  /** One line: what the step did (or is doing). */
  detail: string | null;
  items: ResetItem[];
  /** Output lines of the Compose CLI (bounded). */
  lines: string[];
  failure: ResetFailure | null;
}

export type ResetStatus = 'running' | 'succeeded' | 'failed';

export interface ResetReport {
  operationId: string;
  project: string;
  status: ResetStatus;
  startedAt: string;
  finishedAt: string | null;
  /** The failed operation this one resumed (its finished steps are skipped here), or null for a full reset. */
  resumedFrom: string | null;
  steps: ResetStep[];
  /** Titles of the finished steps (this run and, when resuming, the run it resumed). */
  done: string[];
  /** Titles of the steps not finished yet; run the reset again to do them. */
  left: string[];
  failure: ResetFailure | null;
}

/** POST /api/reset body. `confirm` must equal the project name. */
export interface StartResetRequest {
  confirm: string;
  /** Ignore a failed previous run and start from the first step (default: resume it). */
  fromScratch?: boolean;
}

export interface StartResetResponse {
  operationId: string;
  resumedFrom: string | null;
}
