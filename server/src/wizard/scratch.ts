/**
 * Runs the table step's CREATE TABLE in a throw-away database on the target ClickHouse, reads back what ClickHouse
 * made of it (system.columns), and always drops the database again — also when the statement fails.
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

export async function scratchTable(clickhouse: ClickHouseClient, sql: string, target: TableSqlTarget): Promise<ScratchResult> {
  const database = `wizard_scratch_${randomBytes(6).toString('hex')}`;
  const statement = retargetTableSql(sql, target, database);
  if (!statement.ok) throw new AppError(400, 'INVALID_TABLE_SQL', statement.reason, { field: 'sql' });
  await clickhouse.command(`CREATE DATABASE ${quoteIdentifier(database)}`);
  let failure: unknown = null;
  let made: Omit<ScratchResult, 'dropped' | 'database'> = { columns: [], engine: '' };
  try {
    await clickhouse.command(statement.statement);
    const columns = (await tableColumns(clickhouse, database, target.table)) ?? [];
    const [row] = await clickhouse.rows<{ engine: string }>(
      'SELECT engine FROM system.tables WHERE database = {db:String} AND name = {t:String}',
      { db: database, t: target.table },
    );
    made = { columns, engine: row?.engine ?? '' };
  } catch (error) {
    failure = error;
  }
  const dropped = await clickhouse.command(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)} SYNC`).then(
    () => true,
    () => false,
  );
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
