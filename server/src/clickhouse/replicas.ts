/**
 * Where a table lives: one server, or the replicas of a cluster. The cluster is the connector's `clusterName` (the
 * sink's own key for ON CLUSTER DDL, ClickHouseSinkConfig.java at v1.5.0) or the server's `cluster` macro
 * (configs/clickhouse-cluster/.../macros.xml), when system.clusters knows it. Each replica's columns are read with
 * clusterAllReplicas(…, system.columns), so a column counts as there only once every replica has it.
 */
import { AppError } from '../errors/app-error.ts';
import type { ClickHouseClient } from './client.ts';

const CLUSTER_NAME = /^[A-Za-z0-9_.-]{1,255}$/;

/** system.tables.engine, or null when the table does not exist. */
export async function tableEngine(client: ClickHouseClient, database: string, table: string): Promise<string | null> {
  const [row] = await client.rows<{ engine: string }>(
    'SELECT engine FROM system.tables WHERE database = {db:String} AND name = {t:String}',
    {
      db: database,
      t: table,
    },
  );
  return row?.engine ?? null;
}

/** The table's cluster, or null for one server; `unknown` is a configured clusterName system.clusters does not list. */
export async function clusterOf(
  client: ClickHouseClient,
  configured: string | undefined,
): Promise<{ cluster: string | null; unknown: string | null }> {
  const wanted = configured?.trim() || null;
  const [macro] = wanted
    ? [{ substitution: wanted }]
    : await client.rows<{ substitution: string }>("SELECT substitution FROM system.macros WHERE macro = 'cluster'");
  const name = macro?.substitution ?? null;
  if (name === null) return { cluster: null, unknown: null };
  const [known] = await client.rows<{ n: string | number }>('SELECT count() AS n FROM system.clusters WHERE cluster = {c:String}', {
    c: name,
  });
  if (Number(known?.n ?? 0) > 0) return { cluster: name, unknown: null };
  return { cluster: null, unknown: wanted };
}

export interface ReplicaColumns {
  /** The replica's host as ClickHouse names itself (hostName()). */
  host: string;
  columns: string[];
}

/** Each replica's column names of `database.table` (a replica without the table is listed with none). */
export async function columnsOnReplicas(
  client: ClickHouseClient,
  cluster: string | null,
  database: string,
  table: string,
): Promise<{ replicas: ReplicaColumns[]; expected: number }> {
  const params = { db: database, t: table };
  if (cluster === null) {
    const rows = await client.rows<{ name: string }>(
      'SELECT name FROM system.columns WHERE database = {db:String} AND table = {t:String}',
      params,
    );
    const host = (await client.rows<{ h: string }>('SELECT hostName() AS h'))[0]?.h ?? 'server';
    return { replicas: [{ host, columns: rows.map((r) => r.name) }], expected: 1 };
  }
  if (!CLUSTER_NAME.test(cluster))
    throw new AppError(400, 'INVALID_IDENTIFIER', `cluster name ${JSON.stringify(cluster)} is not one the panel queries`);
  const [rows, hosts] = await Promise.all([
    client.rows<{ host: string; columns: string[] }>(
      `SELECT hostName() AS host, groupArray(name) AS columns FROM clusterAllReplicas('${cluster}', system.columns) ` +
        'WHERE database = {db:String} AND table = {t:String} GROUP BY host ORDER BY host',
      params,
    ),
    client.rows<{ n: string | number }>('SELECT count() AS n FROM system.clusters WHERE cluster = {c:String}', { c: cluster }),
  ]);
  return { replicas: rows, expected: Number(hosts[0]?.n ?? rows.length) };
}
