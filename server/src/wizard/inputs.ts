/** Request bodies of the wizard routes → typed values, or a specific 400 naming the field. */
import type { WizardEngine, WizardPipelineInput } from '../contracts/wizard.ts';
import { AppError } from '../errors/app-error.ts';

export function body(value: unknown, example: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new AppError(400, 'BAD_REQUEST', `Expected a JSON object body like ${example}`);
  return value as Record<string, unknown>;
}

export function str(b: Record<string, unknown>, field: string, what = field): string {
  const value = b[field];
  if (typeof value !== 'string' || value.trim() === '')
    throw new AppError(400, 'VALIDATION_FAILED', `${what} is required (a non-empty string)`, { field });
  return value;
}

export function optionalStr(b: Record<string, unknown>, field: string): string | undefined {
  const value = b[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new AppError(400, 'VALIDATION_FAILED', `${field} must be a string`, { field });
  return value;
}

export function strList(b: Record<string, unknown>, field: string): string[] {
  const value = b[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw new AppError(400, 'VALIDATION_FAILED', `${field} must be a list of field names`, { field });
  return value as string[];
}

export function engine(b: Record<string, unknown>): WizardEngine {
  const value = b.engine ?? 'MergeTree';
  if (value !== 'MergeTree' && value !== 'ReplacingMergeTree')
    throw new AppError(400, 'VALIDATION_FAILED', `engine must be MergeTree or ReplacingMergeTree (got ${JSON.stringify(value)})`, {
      field: 'engine',
    });
  return value;
}

export const MAX_PARTITIONS = 1000;
export const MIN_RETENTION_MS = 60_000;

export function partitions(value: unknown): number {
  if (value === undefined || value === null) return 1;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_PARTITIONS) {
    throw new AppError(
      400,
      'INVALID_PARTITIONS',
      `partitions must be a whole number from 1 to ${MAX_PARTITIONS} (got ${JSON.stringify(value)})`,
      { field: 'partitions' },
    );
  }
  return value;
}

export function retention(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || (value !== -1 && value < MIN_RETENTION_MS)) {
    throw new AppError(
      400,
      'INVALID_RETENTION',
      `retentionMs must be -1 (unlimited) or at least ${MIN_RETENTION_MS} ms (got ${JSON.stringify(value)})`,
      { field: 'retentionMs' },
    );
  }
  return value;
}

/** The plan/apply body: every step's value, re-validated server-side (the client's earlier answers are not trusted). */
export function pipelineInput(value: unknown): WizardPipelineInput {
  const b = body(
    value,
    '{"topic":{"name":"clicks"},"schema":"…","table":{"database":"pipeline","table":"clicks","sql":"…"},"connector":"…"}',
  );
  const topic = body(b.topic, '{"name":"clicks","partitions":1}');
  const table = body(b.table, '{"database":"pipeline","table":"clicks","sql":"CREATE TABLE …"}');
  if (b.skipConnectorDeploy !== undefined && typeof b.skipConnectorDeploy !== 'boolean')
    throw new AppError(400, 'VALIDATION_FAILED', 'skipConnectorDeploy must be true or false', { field: 'skipConnectorDeploy' });
  return {
    topic: { name: str(topic, 'name', 'topic.name'), partitions: partitions(topic.partitions), retentionMs: retention(topic.retentionMs) },
    schema: str(b, 'schema'),
    table: {
      database: str(table, 'database', 'table.database'),
      table: str(table, 'table', 'table.table'),
      sql: str(table, 'sql', 'table.sql'),
    },
    connector: str(b, 'connector', 'connector (the connector file JSON text)'),
    skipConnectorDeploy: b.skipConnectorDeploy === true,
    overwrite: strList(b, 'overwrite'),
  };
}
