/** Shapes of the tables screen's API (ClickHouse system tables + files in sql/). */
import type { ClickHouseColumn } from './contract.ts';

/** `GET /api/clickhouse/tables` → `{ tables }` (system and INFORMATION_SCHEMA databases left out). */
export interface TableInfo {
  database: string;
  name: string;
  engine: string;
  /** Rows in active parts (system.parts); null for engines without parts (views, Memory…). */
  totalRows: number | null;
  bytesOnDisk: number | null;
  columns: ClickHouseColumn[];
  /** e.g. `customer_id, created_at, order_id`; '' when the table has none. */
  sortingKey: string;
}

export interface TableListResponse {
  tables: TableInfo[];
  /** Every non-system database, including empty ones. */
  databases: string[];
}

/** `GET /api/clickhouse/tables/:database/:table/preview?limit=20` (limit 1..500). */
export interface TablePreview {
  database: string;
  table: string;
  columns: string[];
  rows: Record<string, unknown>[];
  /** The ORDER BY used (sorting key, descending), or null when the table has no sorting key. */
  orderedBy: string | null;
  limit: number;
}

export interface SqlFileTable {
  database: string;
  name: string;
  exists: boolean;
}

/** `GET /api/sql-files` → `{ files }`. */
export interface SqlFile {
  file: string;
  tables: SqlFileTable[];
  /** Set when the file could not be read. */
  error?: string;
}

export interface SqlFileListResponse {
  files: SqlFile[];
}

/** `POST /api/sql-files/:file/apply`: every statement is run; tables are reported as `db.table`. */
export interface ApplySqlResult {
  file: string;
  statements: number;
  created: string[];
  existing: string[];
}
