import { quoteIdentifier } from '../domain/names.ts';
import type { ClickHouseClient } from '../clickhouse/client.ts';
import type { ConnectClient } from '../connect/client.ts';
import type { PipelineRef } from '../contracts/smoke.ts';
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
}

export interface StepContext {
  deps: SmokeDeps;
  pipeline: PipelineRef;
  run: SmokeRun;
  runId: string;
  records: number;
  timeoutMs: number;
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
