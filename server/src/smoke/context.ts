import { quoteIdentifier } from '../domain/names.ts';
import type { ClickHouseClient } from '../clickhouse/client.ts';
import type { ConnectClient } from '../connect/client.ts';
import type { SmokeCleanupMode, PipelineRef } from '../contracts/smoke.ts';
import type { LogLine } from '../contracts/stack.ts';
import type { KafkaClient } from '../kafka/client.ts';
import type { PartitionOffsets } from '../kafka/dead-letters.ts';
import type { SchemaFiles } from '../pipelines/schema-files.ts';
import type { RegistryClient } from '../registry/client.ts';
import type { RepoFiles } from '../repo-files/index.ts';
import type { ServiceHints } from './failure.ts';
import type { SmokeRun } from './run.ts';

/** What the smoke runner talks to: the panel's service clients plus the repo's connectors/ and sql/ files. */
export interface SmokeDeps {
  kafka: KafkaClient;
  registry: RegistryClient;
  connect: ConnectClient;
  clickhouse: ClickHouseClient;
  files: RepoFiles;
  schemaFiles: SchemaFiles;
  hints?: ServiceHints;
  /** How often the arrive step counts rows; default 1000 ms. */
  pollIntervalMs?: number;
  /**
   * The Connect worker's offset.flush.interval.ms (Kafka's default 60000): how often a healthy sink's consumer group
   * commits. The arrive step calls a sink stuck after three of them without progress (steps/arrive.ts).
   */
  sinkCommitIntervalMs?: number;
  /**
   * A compose service's recent log lines (the docker module's serviceLogs); absent when the panel has no Docker
   * access, e.g. on the test harness. The arrive step quotes Connect's newest ERROR/WARN lines from it.
   */
  serviceLogs?: (
    service: string,
    options: { tail: number; follow: false },
    onLine: (line: LogLine) => void,
  ) => Promise<{ done: Promise<void> }>;
  /** The compose service running Kafka Connect; default `connect` (docker-compose.yml). */
  connectService?: string;
}

/** Per-run choices of the caller (POST /api/smoke-runs). */
export interface RunOptions {
  /** Register the file's schema even though the subject's latest version is another one. */
  register: boolean;
  cleanup: SmokeCleanupMode;
}

/** Facts one step hands to the next. */
export interface RunState {
  schemaText?: string;
  schemaOrigin?: string;
  schemaId?: number;
  records?: Record<string, unknown>[];
  runIdField?: string;
  dlqBaseline?: PartitionOffsets | null;
  producedAt?: number;
  /** The consumer group of the delivery and how often it commits when healthy (set by the delivery step). */
  deliveryGroup?: string;
  commitIntervalMs?: number;
}

export interface StepContext {
  deps: SmokeDeps;
  pipeline: PipelineRef;
  run: SmokeRun;
  runId: string;
  records: number;
  timeoutMs: number;
  options: RunOptions;
  signal: AbortSignal;
  state: RunState;
  /** Updates the running step's detail (streamed to subscribers). */
  progress(detail: string): void;
}

export type StepFn = (ctx: StepContext) => Promise<string>;

/** Waits `ms`, or rejects as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function quoteTable(database: string, table: string): string {
  return `${quoteIdentifier(database)}.${quoteIdentifier(table)}`;
}
