/** The Pipelines screen's table figures: rows, active parts and newest part of every asked table, in one query. */
import type { TableReading } from '../domain/figures/readings.ts';
import type { ClickHouseClient } from './client.ts';

type Num = number | string | null;
const num = (v: Num): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * One SELECT for all tables: system.tables (does it exist, its engine) joined with the active parts. A table that
 * does not exist is absent from the result. A MergeTree table without parts is empty (0 rows, 0 parts).
 */
export async function readTableFigures(client: ClickHouseClient, tables: { database: string; table: string }[]): Promise<TableReading[]> {
  if (tables.length === 0) return [];
  const rows = await client.rows<{ database: string; table: string; engine: string; rows: Num; parts: Num; last: Num }>(
    `SELECT t.database AS database, t.name AS table, t.engine AS engine, p.rows AS rows, p.parts AS parts, p.last AS last
     FROM system.tables AS t
     LEFT JOIN (SELECT database, table, sum(rows) AS rows, count() AS parts, toUnixTimestamp(max(modification_time)) AS last
                FROM system.parts WHERE active GROUP BY database, table) AS p
       ON t.database = p.database AND t.name = p.table
     WHERE t.database IN {dbs:Array(String)} AND t.name IN {names:Array(String)}
     SETTINGS join_use_nulls = 1`,
    { dbs: [...new Set(tables.map((t) => t.database))], names: [...new Set(tables.map((t) => t.table))] },
  );
  const wanted = new Set(tables.map((t) => `${t.database}\u0000${t.table}`));
  return rows
    .filter((r) => wanted.has(`${r.database}\u0000${r.table}`))
    .map((r) => {
      const mergeTree = /MergeTree$/.test(r.engine);
      const parts = num(r.parts);
      return {
        database: r.database,
        table: r.table,
        engine: r.engine,
        rows: parts === null ? (mergeTree ? 0 : null) : num(r.rows),
        activeParts: parts === null ? (mergeTree ? 0 : null) : parts,
        lastModifiedAt: r.last === null || Number(r.last) === 0 ? null : Number(r.last) * 1000,
      };
    });
}
