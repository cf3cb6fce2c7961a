import type { FastifyInstance } from 'fastify';
import { existingTables, listTables, MAX_PREVIEW_ROWS, previewTable, tableExists } from '../clickhouse/catalog.ts';
import type { ClickHouseClient } from '../clickhouse/client.ts';
import { createdObject, splitStatements } from '../domain/sql-statements.ts';
import type { ApplySqlResult, SqlFile, SqlFileListResponse, TableListResponse, TablePreview } from '../contracts/clickhouse.ts';
import { validateIdentifier } from '../domain/names.ts';
import { AppError } from '../errors/app-error.ts';
import type { RepoFiles } from '../repo-files/index.ts';
import { MAX_BODY_BYTES } from './pipeline-scope.ts';

export interface ClickHouseRouteDeps {
  clickhouse: ClickHouseClient;
  files: RepoFiles;
  /** Database of unqualified table names in sql/ files (the connection's database). */
  defaultDatabase?: string;
}

/**
 * Names addressed in a URL: the strict identifier rule, relaxed only for "." and "-" (topic-named tables exist).
 * Backticks, quotes, semicolons, spaces and control characters are always refused.
 */
function assertName(name: string, what: 'database' | 'table'): void {
  const strict = validateIdentifier(name, `${what} name`);
  if (strict.ok) return;
  if (/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$/.test(name)) return;
  throw new AppError(400, 'INVALID_IDENTIFIER', strict.reason, { [what]: name });
}

export function clickhouseRoutes(app: FastifyInstance, deps: ClickHouseRouteDeps): void {
  const { clickhouse, files } = deps;
  const defaultDatabase = deps.defaultDatabase ?? 'default';

  app.get('/api/clickhouse/tables', async (): Promise<TableListResponse> => listTables(clickhouse));

  app.get<{ Params: { database: string; table: string }; Querystring: { limit?: string } }>(
    '/api/clickhouse/tables/:database/:table/preview',
    async (request): Promise<TablePreview> => {
      const { database, table } = request.params;
      assertName(database, 'database');
      assertName(table, 'table');
      const raw = request.query.limit ?? '20';
      const limit = Number(raw);
      if (!/^\d{1,4}$/.test(raw) || limit < 1 || limit > MAX_PREVIEW_ROWS) {
        throw new AppError(400, 'INVALID_LIMIT', `limit must be a whole number from 1 to ${MAX_PREVIEW_ROWS} (got "${raw}")`, {
          max: MAX_PREVIEW_ROWS,
        });
      }
      const meta = await clickhouse.rows<{ sorting_key: string }>(
        'SELECT sorting_key FROM system.tables WHERE database = {db:String} AND name = {table:String}',
        { db: database, table },
      );
      if (meta.length === 0)
        throw new AppError(404, 'TABLE_NOT_FOUND', `ClickHouse has no table ${database}.${table}`, { database, table });
      const columns = await clickhouse.rows<{ name: string }>(
        'SELECT name FROM system.columns WHERE database = {db:String} AND table = {table:String}',
        { db: database, table },
      );
      return previewTable(
        clickhouse,
        database,
        table,
        limit,
        meta[0]!.sorting_key,
        columns.map((c) => c.name),
      );
    },
  );

  app.get('/api/sql-files', async (): Promise<SqlFileListResponse> => {
    const result: SqlFile[] = [];
    const parsed: { file: string; tables: { database: string; name: string }[] }[] = [];
    for (const file of await files.list('sql')) {
      try {
        const tables = tablesOf(await files.read('sql', file), defaultDatabase);
        parsed.push({ file, tables });
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
  });

  app.post<{ Params: { file: string } }>(
    '/api/sql-files/:file/apply',
    { bodyLimit: MAX_BODY_BYTES },
    async (request): Promise<ApplySqlResult> => {
      const { file } = request.params;
      const statements = splitStatements(await files.read('sql', file));
      if (statements.length === 0) throw new AppError(400, 'EMPTY_SQL_FILE', `sql/${file} contains no statements`, { file });
      const created: string[] = [];
      const existing: string[] = [];
      for (const [index, statement] of statements.entries()) {
        const target = createdObject(statement);
        const table = target?.kind === 'table' ? { database: target.database ?? defaultDatabase, name: target.name } : null;
        const existedBefore = table ? await tableExists(clickhouse, table.database, table.name) : false;
        try {
          await clickhouse.command(statement);
        } catch (error) {
          if (error instanceof AppError && error.code === 'CLICKHOUSE_ERROR') {
            const details = error.details as Record<string, unknown>;
            throw new AppError(
              400,
              'SQL_STATEMENT_FAILED',
              `sql/${file}, statement ${index + 1} of ${statements.length}: ${String(details.clickhouseMessage)} (ClickHouse error ${String(details.clickhouseCode)}); statements before it were applied`,
              {
                ...details,
                file,
                statement: index + 1,
                created,
                existing,
              },
            );
          }
          throw error;
        }
        if (table) (existedBefore ? existing : created).push(`${table.database}.${table.name}`);
      }
      return { file, statements: statements.length, created, existing };
    },
  );
}

function tablesOf(sql: string, defaultDatabase: string): { database: string; name: string }[] {
  const tables: { database: string; name: string }[] = [];
  for (const statement of splitStatements(sql)) {
    const target = createdObject(statement);
    if (target?.kind === 'table') tables.push({ database: target.database ?? defaultDatabase, name: target.name });
  }
  return tables;
}
