import type { ClickHouseColumn } from '../contracts/contract.ts';
import type { TableInfo, TableListResponse, TablePreview } from '../contracts/clickhouse.ts';
import { quoteIdentifier } from '../domain/names.ts';
import type { ClickHouseClient } from './client.ts';

/** Databases the tables screen leaves out. */
export const SYSTEM_DATABASES = ['system', 'INFORMATION_SCHEMA', 'information_schema'];
export const MAX_PREVIEW_ROWS = 500;

type Num = number | string | null;
const num = (v: Num): number | null => (v === null || v === undefined ? null : Number(v));

/** Non-system tables with engine, columns, sorting key, and rows/bytes from the active parts. */
export async function listTables(client: ClickHouseClient): Promise<TableListResponse> {
  const params = { system: SYSTEM_DATABASES };
  const [databases, tables, columns, parts] = await Promise.all([
    client.rows<{ name: string }>('SELECT name FROM system.databases WHERE name NOT IN {system:Array(String)} ORDER BY name', params),
    client.rows<{ database: string; name: string; engine: string; sorting_key: string; total_rows: Num; total_bytes: Num }>(
      `SELECT database, name, engine, sorting_key, total_rows, total_bytes FROM system.tables
       WHERE database NOT IN {system:Array(String)} AND NOT is_temporary ORDER BY database, name`,
      params,
    ),
    client.rows<{ database: string; table: string; name: string; type: string; default_kind: string }>(
      `SELECT database, table, name, type, default_kind FROM system.columns
       WHERE database NOT IN {system:Array(String)} ORDER BY database, table, position`,
      params,
    ),
    client.rows<{ database: string; table: string; rows: Num; bytes: Num }>(
      `SELECT database, table, sum(rows) AS rows, sum(bytes_on_disk) AS bytes FROM system.parts
       WHERE active AND database NOT IN {system:Array(String)} GROUP BY database, table`,
      params,
    ),
  ]);
  const key = (db: string, t: string) => `${db}\u0000${t}`;
  const columnsOf = new Map<string, ClickHouseColumn[]>();
  for (const c of columns) {
    const list = columnsOf.get(key(c.database, c.table)) ?? [];
    list.push({ name: c.name, type: c.type, defaultKind: c.default_kind as ClickHouseColumn['defaultKind'] });
    columnsOf.set(key(c.database, c.table), list);
  }
  const partsOf = new Map(parts.map((p) => [key(p.database, p.table), p]));
  const result: TableInfo[] = tables.map((t) => {
    const p = partsOf.get(key(t.database, t.name));
    const isMergeTree = /MergeTree$/.test(t.engine);
    return {
      database: t.database,
      name: t.name,
      engine: t.engine,
      // A MergeTree table without active parts is empty; other engines report what system.tables knows.
      totalRows: p ? num(p.rows) : isMergeTree ? 0 : num(t.total_rows),
      bytesOnDisk: p ? num(p.bytes) : isMergeTree ? 0 : num(t.total_bytes),
      columns: columnsOf.get(key(t.database, t.name)) ?? [],
      sortingKey: t.sorting_key,
    };
  });
  return { tables: result, databases: databases.map((d) => d.name) };
}

export async function tableExists(client: ClickHouseClient, database: string, table: string): Promise<boolean> {
  const rows = await client.rows<{ n: Num }>(
    'SELECT count() AS n FROM system.tables WHERE database = {db:String} AND name = {table:String}',
    { db: database, table },
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

export async function existingTables(client: ClickHouseClient, names: { database: string; name: string }[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const rows = await client.rows<{ database: string; name: string }>(
    'SELECT database, name FROM system.tables WHERE database IN {dbs:Array(String)}',
    { dbs: [...new Set(names.map((n) => n.database))] },
  );
  return new Set(rows.map((r) => `${r.database}.${r.name}`));
}

/** Splits a sorting-key expression list at top-level commas: "a, toDate(b, 'x'), c" → three parts. */
export function sortingKeyParts(sortingKey: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (const c of sortingKey) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '`' || c === '"') quote = c;
    else if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (c === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += c;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

/**
 * The newest rows: ordered by the table's sorting-key columns descending. Only sorting-key parts that are plain
 * column names are used (quoted), so no expression text from the catalogue is ever spliced into SQL.
 */
export async function previewTable(
  client: ClickHouseClient,
  database: string,
  table: string,
  limit: number,
  sortingKey: string,
  columnNames: string[],
): Promise<TablePreview> {
  const known = new Set(columnNames);
  const order = sortingKeyParts(sortingKey)
    .map((part) => part.replace(/^`(.*)`$/, '$1'))
    .filter((part) => known.has(part));
  const orderBy = order.length > 0 ? order.map((c) => `${quoteIdentifier(c)} DESC`).join(', ') : null;
  const bounded = Math.max(1, Math.min(MAX_PREVIEW_ROWS, Math.trunc(limit)));
  const sql = `SELECT * FROM ${quoteIdentifier(database)}.${quoteIdentifier(table)}${orderBy ? ` ORDER BY ${orderBy}` : ''} LIMIT ${bounded}`;
  const result = await client.withMeta<Record<string, unknown>>(sql);
  return {
    database,
    table,
    columns: result.meta.map((m) => m.name),
    rows: result.data,
    orderedBy: orderBy === null ? null : order.map((c) => `${c} DESC`).join(', '),
    limit: bounded,
  };
}
