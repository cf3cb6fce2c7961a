/**
 * Removes a smoke run's rows from its table, and only those: every row whose run-id column starts with
 * `<runId>-` (each record carries `<runId>-000042`, generate-records.ts runIdValue). The run id is checked
 * against the format the runner gives it (run.ts newRunId), identifiers are quoted, and the statement is
 * ClickHouse's lightweight `DELETE FROM` with lightweight_deletes_sync = 2 (waits until the rows are gone, so the
 * count can be reported) — or, where ClickHouse refuses it (a table with projections, code 344), the classic
 * `ALTER TABLE … DELETE` with mutations_sync = 2. Both work on MergeTree and ReplacingMergeTree (ClickHouse
 * 26.x and the harness's chdb). Idempotent: a second call removes 0 rows and says so.
 */
import { tableColumns } from '../clickhouse/table-columns.ts';
import type { ClickHouseClient } from '../clickhouse/client.ts';
import type { PipelineRef, SmokeCleanup, SmokeRunReport } from '../contracts/smoke.ts';
import { quoteIdentifier } from '../domain/names.ts';
import { AppError } from '../errors/app-error.ts';
import { getPipeline } from '../pipelines/index.ts';
import type { SmokeDeps } from './context.ts';
import { quoteTable } from './context.ts';

/** `smoke-<yyyymmdd>T<hhmmss>Z-<random>`, as newRunId makes them; nothing else is ever deleted by. */
export const RUN_ID_PATTERN = /^smoke-\d{8}T\d{6}Z-[a-z0-9]{1,16}$/;

export interface RunRows {
  database: string;
  table: string;
  /** The string column carrying `<runId>-NNNNNN`. */
  runIdField: string;
  runId: string;
}

/** What no DELETE removes: the records on the topic, dead letters, a schema version the run registered. */
export function whatStays(
  pipeline: Pick<PipelineRef, 'topic' | 'dlqTopic' | 'subject'>,
  run: { runId: string; runIdField: string; produced: number; registered: boolean },
): string[] {
  const stays = [
    `the ${run.produced} record(s) produced to topic ${pipeline.topic}: Kafka topics are append-only, so they stay until the topic's retention removes them (their ${run.runIdField} starts with ${run.runId}-); a sink that consumes the topic again writes them again`,
  ];
  if (pipeline.dlqTopic) stays.push(`any dead letters of the run on ${pipeline.dlqTopic}`);
  if (run.registered) stays.push(`the schema version the run registered under ${pipeline.subject}`);
  return stays;
}

/**
 * Deletes the run's rows and reports how many went; throws 400 INVALID_RUN_ID for anything but a smoke run id and
 * 400 RUN_ID_FIELD_INVALID when the field is not a column of the table.
 */
export async function removeRunRows(clickhouse: ClickHouseClient, rows: RunRows): Promise<Omit<SmokeCleanup, 'stays'>> {
  const { database, table, runIdField, runId } = rows;
  if (!RUN_ID_PATTERN.test(runId)) {
    throw new AppError(
      400,
      'INVALID_RUN_ID',
      `"${runId}" is not a smoke run id (smoke-<yyyymmdd>T<hhmmss>Z-<random>); nothing was deleted`,
      { runId },
    );
  }
  const columns = await tableColumns(clickhouse, database, table);
  if (!columns) return { removed: 0, remaining: 0, statement: 'none', message: `${database}.${table} does not exist; nothing to remove` };
  const column = columns.find((c) => c.name === runIdField);
  if (!column || !/^(LowCardinality\()?(Nullable\()?(String|FixedString\(\d+\))\)*$/.test(column.type)) {
    throw new AppError(
      400,
      'RUN_ID_FIELD_INVALID',
      `${database}.${table} has no string column "${runIdField}" carrying the run id; nothing was deleted`,
      { database, table, runIdField },
    );
  }
  const target = quoteTable(database, table);
  const where = `startsWith(${quoteIdentifier(runIdField)}, '${runId}-')`;
  const count = async () =>
    Number((await clickhouse.rows<{ n: string | number }>(`SELECT count() AS n FROM ${target} WHERE ${where}`))[0]?.n ?? 0);
  const before = await count();
  if (before === 0)
    return { removed: 0, remaining: 0, statement: 'none', message: `no rows of ${runId} in ${database}.${table}; nothing removed` };
  let statement: SmokeCleanup['statement'] = 'DELETE';
  try {
    await clickhouse.command(`DELETE FROM ${target} WHERE ${where} SETTINGS lightweight_deletes_sync = 2`);
  } catch (error) {
    // 344 SUPPORT_IS_DISABLED: lightweight DELETE refused (projections); 48 NOT_IMPLEMENTED: an engine without it.
    const code = (error as AppError).details as { clickhouseCode?: number } | undefined;
    if (!(error instanceof AppError) || ![344, 48].includes(Number(code?.clickhouseCode))) throw error;
    statement = 'ALTER TABLE DELETE';
    await clickhouse.command(`ALTER TABLE ${target} DELETE WHERE ${where} SETTINGS mutations_sync = 2`);
  }
  const remaining = await count();
  const removed = before - remaining;
  return {
    removed,
    remaining,
    statement,
    message: `removed ${removed} row(s) of ${runId} from ${database}.${table}${remaining ? `; ${remaining} arrived meanwhile and stay (remove again)` : ''}`,
  };
}

/**
 * "Remove this run's rows" for a finished run's report (the route checks the confirmation first): the pipeline
 * is resolved again from connectors/ for its database and table. `confirm` must be the run id.
 */
export async function removeRowsOfRun(
  deps: Pick<SmokeDeps, 'clickhouse' | 'files' | 'schemaFiles'>,
  report: Pick<SmokeRunReport, 'runId' | 'pipeline' | 'runIdField' | 'produced' | 'schema' | 'status'>,
  confirm: unknown,
): Promise<SmokeCleanup> {
  if (confirm !== report.runId) {
    throw new AppError(
      400,
      'CONFIRMATION_MISMATCH',
      `To remove the rows of run ${report.runId}, confirm with its run id; nothing was deleted`,
      {
        runId: report.runId,
      },
    );
  }
  if (report.status === 'running') {
    throw new AppError(
      409,
      'SMOKE_RUN_RUNNING',
      `Run ${report.runId} is still running; cancel it or wait until it ends, then remove its rows`,
      {
        runId: report.runId,
      },
    );
  }
  if (!report.runIdField) {
    return { removed: 0, remaining: 0, statement: 'none', stays: [], message: `run ${report.runId} produced nothing; nothing to remove` };
  }
  const pipeline = await getPipeline(deps.files, deps.schemaFiles, report.pipeline);
  const result = await removeRunRows(deps.clickhouse, {
    database: pipeline.database,
    table: pipeline.table,
    runIdField: report.runIdField,
    runId: report.runId,
  });
  const registered = report.schema?.registered === true;
  return {
    ...result,
    stays: whatStays(pipeline, { runId: report.runId, runIdField: report.runIdField, produced: report.produced, registered }),
  };
}

const NONE_LEFT = '; removing again found none left';

/**
 * The report's cleanup after one more removal: `removed` counts every row of the run the panel removed so far, the
 * rest (remaining, what stays) is as of the newest removal. A removal that found nothing keeps the earlier account.
 */
export function mergeCleanup(previous: SmokeCleanup | null | undefined, next: SmokeCleanup): SmokeCleanup {
  if (!previous || previous.removed === 0) return next;
  const removed = previous.removed + next.removed;
  return {
    removed,
    remaining: next.remaining,
    statement: next.statement === 'none' ? previous.statement : next.statement,
    stays: next.stays.length > 0 ? next.stays : previous.stays,
    message:
      next.removed === 0 && next.remaining === 0
        ? previous.message.endsWith(NONE_LEFT)
          ? previous.message
          : `${previous.message}${NONE_LEFT}`
        : `${next.message} (${removed} removed in all)`,
  };
}
