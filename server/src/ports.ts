import type { ClickHouseClient } from './clickhouse/client.ts';
import type { ConnectClient } from './connect/client.ts';
import type { UpstreamChanges } from './http/upstream-changes.ts';
import type { UpstreamName } from './http/upstream-error.ts';
import type { KafkaClient } from './kafka/client.ts';
import type { RegistryClient } from './registry/client.ts';
import type { RepoFiles } from './repo-files/index.ts';
import type { FiguresEvent } from './contracts/lineage.ts';
import type { ResetPlan, ResetReport, ResetStep, StartResetResponse } from './contracts/reset.ts';
import type { Operation } from './operations/index.ts';
import type { LogLine, ProbeResult, ServiceAction, ServiceActionResult, StackEvent, StackSnapshot } from './contracts/stack.ts';

/** What the routes need from the rest of the server; app.ts receives these so tests can inject fakes. */
export interface StackPort {
  snapshot(): Promise<StackSnapshot>;
  subscribe(listener: (event: StackEvent) => void): () => void;
}

/** The Pipelines screen's live figures: the buffered window first, then each sample, while subscribed. */
export interface FiguresPort {
  subscribe(listener: (event: FiguresEvent) => void): () => void;
}

export interface ProbePort {
  runAll(): Promise<ProbeResult[]>;
}

export interface LogHandle {
  done: Promise<void>;
  close(): void;
}

export interface ServicesPort {
  action(service: string, action: ServiceAction): Promise<ServiceActionResult>;
  logs(service: string, options: { tail: number; follow: boolean }, onLine: (line: LogLine) => void): Promise<LogHandle>;
}

/** The clients behind the schemas, connectors, tables and topics screens, plus the project's sql/ and connectors/. */
export interface PipelinePort {
  registry: RegistryClient;
  connect: ConnectClient;
  kafka: KafkaClient;
  clickhouse: ClickHouseClient;
  files: RepoFiles;
  /** What to do when a service cannot be reached, appended to 503 messages. */
  hints?: Partial<Record<UpstreamName, string>>;
  /**
   * The writes the clients above announce (give them the same object). The screens' reads are cached for about a
   * second; without this, a read right after a write may not show it yet.
   */
  changes?: UpstreamChanges;
}

/** The reset of the project's volumes (server/src/reset). */
export interface ResetPort {
  plan(): Promise<ResetPlan>;
  /** Throws 400 CONFIRMATION_MISMATCH unless `confirm` is the project name, 409 RESET_RUNNING while one runs. */
  start(confirm: unknown, fromScratch: boolean): StartResetResponse;
  latest(): ResetReport | null;
  /** The live operation, streamed by GET /api/reset/:operationId/events. */
  operation(operationId: string): Operation<ResetStep, ResetReport> | null;
}
