import type { ClickHouseColumn } from '../contracts/contract.ts';
import { MAX_PREVIEW_ROWS, type TableInfo, type TableListResponse, type TablePreview } from '../contracts/clickhouse.ts';
import { quoteIdentifier } from '../domain/names.ts';
import type { ClickHouseClient } from './client.ts';

/** Databases the tables screen leaves out. */
export const SYSTEM_DATABASES = ['system', 'INFORMATION_SCHEMA', 'information_schema'];

type Num = number | string | null;
const num = (v: Num): number | null => (v === null || v === undefined ? null : Number(v));

/** Non-system tables with engine, columns, sorting key, and rows/bytes from the active parts. */
export async function listTables(client: ClickHouseClient): Promise<Omit<TableListResponse, 'fetchedAt'>> {
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

/** What previewTable needs to know of a table (from system.tables and system.columns). */
export interface PreviewTarget {
  database: string;
  table: string;
  engine: string;
  /** system.tables.engine_full: carries the table's SETTINGS. */
  engineFull: string;
  sortingKey: string;
  columnNames: string[];
}

/** system.tables / system.columns facts of one table, or null when it does not exist. */
export async function previewTarget(client: ClickHouseClient, database: string, table: string): Promise<PreviewTarget | null> {
  const meta = await client.rows<{ engine: string; engine_full: string; sorting_key: string }>(
    'SELECT engine, engine_full, sorting_key FROM system.tables WHERE database = {db:String} AND name = {table:String}',
    { db: database, table },
  );
  if (meta.length === 0) return null;
  const columns = await client.rows<{ name: string }>(
    'SELECT name FROM system.columns WHERE database = {db:String} AND table = {table:String}',
    { db: database, table },
  );
  const m = meta[0]!;
  return {
    database,
    table,
    engine: m.engine,
    engineFull: m.engine_full,
    sortingKey: m.sorting_key,
    columnNames: columns.map((c) => c.name),
  };
}

const persists = (engineFull: string, setting: string) => new RegExp(`\\b${setting}\\s*=\\s*(1|true)\\b`, 'i').test(engineFull);

/**
 * How the newest rows are found. MergeTree tables expose the insert block of every row as the virtual columns
 * `_block_number` / `_block_offset` (ClickHouse docs, "MergeTree › Virtual columns"; merge-tree settings
 * `enable_block_number_column` / `enable_block_offset_column` persist them through merges): ordering by them
 * descending gives arrival order. Other engines fall back to the sorting key, said as such. Only sorting-key parts
 * that are plain column names are used (quoted), so no expression text from the catalogue is spliced into SQL.
 */
export function previewOrder(target: PreviewTarget): Pick<TablePreview, 'order' | 'orderedBy' | 'orderNote'> & { sql: string | null } {
  if (/MergeTree$/.test(target.engine)) {
    const exact = persists(target.engineFull, 'enable_block_number_column') && persists(target.engineFull, 'enable_block_offset_column');
    return {
      order: 'insertion',
      sql: '_block_number DESC, _block_offset DESC',
      orderedBy: '_block_number DESC, _block_offset DESC',
      orderNote: exact
        ? 'Newest inserts first: the table persists each row’s insert block (enable_block_number_column), so the order is exact.'
        : 'Newest inserts first, by insert block. Once ClickHouse merges parts, rows of a merged part count as its first block and keep the sorting-key order inside it (set enable_block_number_column = 1 and enable_block_offset_column = 1 on the table for an exact order).',
    };
  }
  const known = new Set(target.columnNames);
  const keyColumns = sortingKeyParts(target.sortingKey)
    .map((part) => part.replace(/^`(.*)`$/, '$1'))
    .filter((part) => known.has(part));
  if (keyColumns.length > 0) {
    return {
      order: 'sorting-key',
      sql: keyColumns.map((c) => `${quoteIdentifier(c)} DESC`).join(', '),
      orderedBy: keyColumns.map((c) => `${c} DESC`).join(', '),
      orderNote: `Ordered by the sorting key, descending — not by arrival (${target.engine} tables have no insert order).`,
    };
  }
  return {
    order: 'none',
    sql: null,
    orderedBy: null,
    orderNote: `Unordered: ${target.engine} tables have neither insert order nor a sorting key.`,
  };
}

/** The newest rows of a table (see previewOrder), at most MAX_PREVIEW_ROWS. */
export async function previewTable(client: ClickHouseClient, target: PreviewTarget, limit: number): Promise<TablePreview> {
  const { sql: orderSql, ...order } = previewOrder(target);
  const bounded = Math.max(1, Math.min(MAX_PREVIEW_ROWS, Math.trunc(limit)));
  const sql = `SELECT * FROM ${quoteIdentifier(target.database)}.${quoteIdentifier(target.table)}${orderSql ? ` ORDER BY ${orderSql}` : ''} LIMIT ${bounded}`;
  const result = await client.withMeta<Record<string, unknown>>(sql);
  return {
    database: target.database,
    table: target.table,
    columns: result.meta.map((m) => m.name),
    rows: result.data,
    ...order,
    limit: bounded,
  };
}
