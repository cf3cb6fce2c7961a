/**
 * The tables screen's operations over ClickHouse and sql/: the catalogue, a table's newest rows, the DDL files with
 * the tables they create, and applying one file statement by statement with a per-statement report.
 */
import { existingTables, listTables, previewTable, previewTarget, tableExists } from '../clickhouse/catalog.ts';
import type { ClickHouseClient } from '../clickhouse/client.ts';
import type {
  ApplySqlFailureDetails,
  ApplySqlResult,
  SqlFile,
  SqlFileListResponse,
  StatementReport,
  TableListResponse,
  TablePreview,
} from '../contracts/clickhouse.ts';
import { createdObject, splitStatements } from '../domain/sql-statements.ts';
import { AppError } from '../errors/app-error.ts';
import { UpstreamError } from '../http/upstream-error.ts';
import type { RepoFiles } from '../repo-files/index.ts';
import { cacheKey, isoTime, type ReadCache } from './read-cache.ts';

export interface TableServiceDeps {
  clickhouse: ClickHouseClient;
  files: RepoFiles;
  cache: ReadCache;
  /** Database of unqualified table names in sql/ files (the connection's database). */
  defaultDatabase?: string;
}

export interface TableService {
  list(): Promise<TableListResponse>;
  preview(database: string, table: string, limit: number): Promise<TablePreview>;
  sqlFiles(): Promise<SqlFileListResponse>;
  /** Runs every statement of sql/<file> in order; a failure or timeout says what landed, may land, and never ran. */
  applySqlFile(file: string): Promise<ApplySqlResult>;
}

export function createTableService({ clickhouse, files, cache, defaultDatabase = 'default' }: TableServiceDeps): TableService {
  const tablesOf = (sql: string) =>
    splitStatements(sql).flatMap((statement) => {
      const target = createdObject(statement);
      return target?.kind === 'table' ? [{ database: target.database ?? defaultDatabase, name: target.name }] : [];
    });

  return {
    async list() {
      const { value, fetchedAt } = await cache.get(cacheKey('ClickHouse', 'tables'), () => listTables(clickhouse));
      return { ...value, fetchedAt: isoTime(fetchedAt) };
    },

    async preview(database, table, limit) {
      const target = await previewTarget(clickhouse, database, table);
      if (!target) throw new AppError(404, 'TABLE_NOT_FOUND', `ClickHouse has no table ${database}.${table}`, { database, table });
      return previewTable(clickhouse, target, limit);
    },

    async sqlFiles() {
      const result: SqlFile[] = [];
      const parsed: { file: string; tables: { database: string; name: string }[] }[] = [];
      for (const file of await files.list('sql')) {
        try {
          parsed.push({ file, tables: tablesOf(await files.read('sql', file)) });
        } catch (error) {
          result.push({ file, tables: [], error: (error as Error).message });
        }
      }
      const existing = await existingTables(
        clickhouse,
        parsed.flatMap((p) => p.tables),
      );
      for (const p of parsed)
        result.push({ file: p.file, tables: p.tables.map((t) => ({ ...t, exists: existing.has(`${t.database}.${t.name}`) })) });
      return { files: result.sort((a, b) => a.file.localeCompare(b.file)) };
    },

    async applySqlFile(file) {
      const statements = splitStatements(await files.read('sql', file));
      if (statements.length === 0) throw new AppError(400, 'EMPTY_SQL_FILE', `sql/${file} contains no statements`, { file });
      const report: StatementReport[] = statements.map((statement, i) => ({
        index: i + 1,
        summary: summarize(statement),
        outcome: 'not-attempted',
      }));
      const created: string[] = [];
      const existing: string[] = [];
      for (const [i, statement] of statements.entries()) {
        const target = createdObject(statement);
        const table = target?.kind === 'table' ? { database: target.database ?? defaultDatabase, name: target.name } : null;
        try {
          const existedBefore = table ? await tableExists(clickhouse, table.database, table.name) : false;
          await clickhouse.command(statement);
          report[i]!.outcome = 'applied';
          if (table) (existedBefore ? existing : created).push(`${table.database}.${table.name}`);
        } catch (error) {
          throw applyFailure(error, { file, statement: i + 1, created, existing, report });
        }
      }
      return { file, statements: statements.length, created, existing, report };
    },
  };
}

/** The statement's first non-comment line, bounded, so the report can name it. */
function summarize(statement: string): string {
  const line = statement
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('--'));
  const text = line ?? statement.trim();
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/**
 * A refused statement (ClickHouse answered an error) is `failed`; a call without an answer is `unknown` when the
 * request may have reached the server (a timeout or a reset connection: the statement may still complete there), or
 * `not-attempted` when the connection was never made. Statements after it were not attempted.
 */
function applyFailure(error: unknown, details: ApplySqlFailureDetails): unknown {
  const position = `sql/${details.file}, statement ${details.statement} of ${details.report.length}`;
  const entry = details.report[details.statement - 1]!;
  const done = details.report.filter((r) => r.outcome === 'applied').map((r) => r.index);
  const after = details.report.length - details.statement;
  const tally = `${done.length ? `statement(s) ${done.join(', ')} applied` : 'nothing before it was applied'}${after ? `; the ${after} after it not attempted` : ''}`;
  if (error instanceof AppError && error.code === 'CLICKHOUSE_ERROR') {
    const ch = error.details as { clickhouseMessage?: unknown; clickhouseCode?: unknown };
    entry.outcome = 'failed';
    entry.message = String(ch.clickhouseMessage);
    return new AppError(
      400,
      'SQL_STATEMENT_FAILED',
      `${position}: ${String(ch.clickhouseMessage)} (ClickHouse error ${String(ch.clickhouseCode)}); ${tally}`,
      { ...ch, ...details },
    );
  }
  if (error instanceof UpstreamError && error.upstream === 'ClickHouse') {
    const reached = !/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH/.test(error.reason);
    entry.outcome = reached ? 'unknown' : 'not-attempted';
    entry.message = reached ? `no answer (${error.reason}): it may still complete on the server` : `never sent (${error.reason})`;
    const what = reached
      ? `ClickHouse did not answer (${error.reason}); the statement may still complete on the server`
      : `ClickHouse could not be reached (${error.reason}); the statement was not sent`;
    return new AppError(
      error.statusCode,
      error.code,
      `${position}: ${what}; ${tally}. Check the Tables screen, then apply again (the files are IF NOT EXISTS)`,
      { ...(error.details as object), ...details },
      { cause: error },
    );
  }
  return error;
}
