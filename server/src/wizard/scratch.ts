/**
 * Runs the table step's CREATE TABLE in a throw-away database on the target ClickHouse, reads back what ClickHouse
 * made of it (system.columns), and drops the database again. The database exists from the moment its CREATE is
 * sent, so the drop runs in a finally that also covers a failed or timed-out CREATE DATABASE (a request the client
 * gave up on may still complete on the server). What a drop cannot remove (ClickHouse unreachable by then, or a
 * CREATE that lands after the drop) is swept later: scratch names carry their creation time, and every validation
 * (and the panel's start) first drops scratch databases older than SWEEP_AFTER_MS.
 */
import { randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '../clickhouse/client.ts';
import { tableColumns } from '../clickhouse/table-columns.ts';
import type { ClickHouseColumn } from '../contracts/contract.ts';
import { quoteIdentifier } from '../domain/names.ts';
import { retargetTableSql, type TableSqlTarget } from '../domain/wizard-plan/table-sql.ts';
import { AppError, isAppError } from '../errors/app-error.ts';

export interface ScratchResult {
  database: string;
  dropped: boolean;
  columns: ClickHouseColumn[];
  engine: string;
}

export const SCRATCH_PREFIX = 'wizard_scratch_';
/** `wizard_scratch_<unix seconds>_<12 hex>`; earlier panel versions made `wizard_scratch_<12 hex>` (no time). */
const SCRATCH_NAME = /^wizard_scratch_(?:(\d{10})_)?[0-9a-f]{12}$/;
/** A scratch database older than this is a leftover: a validation takes seconds (one request timeout per statement). */
export const SWEEP_AFTER_MS = 5 * 60_000;

export function scratchName(now = Date.now()): string {
  return `${SCRATCH_PREFIX}${Math.floor(now / 1000)}_${randomBytes(6).toString('hex')}`;
}

const dropStatement = (database: string) => `DROP DATABASE IF EXISTS ${quoteIdentifier(database)} SYNC`;

/**
 * Drops leftover scratch databases: exactly the scratch name pattern, older than `olderThanMs` (legacy names without
 * a time count as old). Returns the names dropped; a database that cannot be dropped now is tried again next time.
 */
export async function sweepScratchDatabases(
  clickhouse: ClickHouseClient,
  { now = Date.now(), olderThanMs = SWEEP_AFTER_MS }: { now?: number; olderThanMs?: number } = {},
): Promise<string[]> {
  const rows = await clickhouse.rows<{ name: string }>('SELECT name FROM system.databases WHERE startsWith(name, {prefix:String})', {
    prefix: SCRATCH_PREFIX,
  });
  const stale = rows
    .map((r) => r.name)
    .filter((name) => {
      const match = SCRATCH_NAME.exec(name);
      if (!match) return false;
      return match[1] === undefined || now - Number(match[1]) * 1000 >= olderThanMs;
    });
  const dropped: string[] = [];
  for (const name of stale) {
    const ok = await clickhouse.command(dropStatement(name)).then(
      () => true,
      () => false,
    );
    if (ok) dropped.push(name);
  }
  return dropped;
}

export async function scratchTable(
  clickhouse: ClickHouseClient,
  sql: string,
  target: TableSqlTarget,
  options: { sweepAfterMs?: number } = {},
): Promise<ScratchResult> {
  const database = scratchName();
  const statement = retargetTableSql(sql, target, database);
  if (!statement.ok) throw new AppError(400, 'INVALID_TABLE_SQL', statement.reason, { field: 'sql' });
  // Best effort: a failed sweep must not fail the validation (the next one tries again).
  await sweepScratchDatabases(clickhouse, { olderThanMs: options.sweepAfterMs }).catch(() => []);
  let failure: unknown = null;
  let made: Omit<ScratchResult, 'dropped' | 'database'> = { columns: [], engine: '' };
  let dropped: boolean;
  try {
    await clickhouse.command(`CREATE DATABASE ${quoteIdentifier(database)}`);
    await clickhouse.command(statement.statement);
    const columns = (await tableColumns(clickhouse, database, target.table)) ?? [];
    const [row] = await clickhouse.rows<{ engine: string }>(
      'SELECT engine FROM system.tables WHERE database = {db:String} AND name = {t:String}',
      { db: database, t: target.table },
    );
    made = { columns, engine: row?.engine ?? '' };
  } catch (error) {
    failure = error;
  } finally {
    dropped = await clickhouse.command(dropStatement(database)).then(
      () => true,
      () => false,
    );
  }
  if (failure !== null) {
    if (isAppError(failure) && failure.code === 'CLICKHOUSE_ERROR') {
      const details = failure.details as { clickhouseMessage?: string; clickhouseCode?: number } | undefined;
      const said = String(details?.clickhouseMessage ?? failure.message).replaceAll(`${database}.`, `${target.database}.`);
      throw new AppError(
        400,
        'INVALID_TABLE_SQL',
        `ClickHouse refused the CREATE TABLE (run in a scratch database${dropped ? ', since dropped' : ''}): ${said}`,
        {
          field: 'sql',
          clickhouseCode: details?.clickhouseCode,
          scratchDatabase: database,
          dropped,
        },
      );
    }
    throw failure;
  }
  return { database, dropped, ...made };
}
