import type { ClickHouseClient } from './client.ts';

/** system.tables.partition_key of `database.table` ('' when unpartitioned), or null when the table does not exist. */
export async function tablePartitionKey(client: ClickHouseClient, database: string, table: string): Promise<string | null> {
  const [row] = await client.rows<{ partition_key: string }>(
    'SELECT partition_key FROM system.tables WHERE database = {db:String} AND name = {table:String}',
    { db: database, table },
  );
  return row ? row.partition_key : null;
}

/** Current values of server settings for the panel's user (system.settings), by name (setting names are [a-z0-9_]). */
export async function settingValues(client: ClickHouseClient, names: string[]): Promise<Record<string, string>> {
  const list = names.filter((n) => /^[a-z0-9_]+$/.test(n)).map((n) => `'${n}'`);
  if (list.length === 0) return {};
  const rows = await client.rows<{ name: string; value: string }>(
    `SELECT name, value FROM system.settings WHERE name IN (${list.join(', ')})`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
}

/** The server's time zone: what DateTime columns without their own zone are printed in. */
export async function serverTimezone(client: ClickHouseClient): Promise<string> {
  const [row] = await client.rows<{ tz: string }>('SELECT timezone() AS tz');
  return row?.tz ?? 'UTC';
}
