import type { ClickHouseColumn } from '../contracts/contract.ts';
import type { ClickHouseClient } from './client.ts';

/** The live columns of `database.table` in position order (system.columns), or null when the table does not exist. */
export async function tableColumns(client: ClickHouseClient, database: string, table: string): Promise<ClickHouseColumn[] | null> {
  const [tables, columns] = await Promise.all([
    client.rows<{ n: string | number }>('SELECT count() AS n FROM system.tables WHERE database = {db:String} AND name = {table:String}', {
      db: database,
      table,
    }),
    client.rows<{ name: string; type: string; default_kind: string }>(
      'SELECT name, type, default_kind FROM system.columns WHERE database = {db:String} AND table = {table:String} ORDER BY position',
      { db: database, table },
    ),
  ]);
  if (Number(tables[0]?.n ?? 0) === 0) return null;
  return columns.map((c) => ({ name: c.name, type: c.type, defaultKind: c.default_kind as ClickHouseColumn['defaultKind'] }));
}
