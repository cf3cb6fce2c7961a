/** Shapes of the tables screen's API (ClickHouse system tables + files in sql/). */
import { Type, type Static } from 'typebox';
import { Closed, FetchedAt, Nullable, StringEnum } from './common.ts';
import { ClickHouseColumn } from './contract.ts';
import { RepoFileName, TableName } from './names.ts';

export const MAX_PREVIEW_ROWS = 500;

/** `GET /api/clickhouse/tables` → `{ tables }` (system and INFORMATION_SCHEMA databases left out). */
export const TableInfo = Type.Object({
  database: Type.String(),
  name: Type.String(),
  engine: Type.String(),
  /** Rows in active parts (system.parts); null for engines without parts (views, Memory…). */
  totalRows: Nullable(Type.Number()),
  bytesOnDisk: Nullable(Type.Number()),
  columns: Type.Array(ClickHouseColumn),
  /** e.g. `customer_id, created_at, order_id`; '' when the table has none. */
  sortingKey: Type.String(),
});
export type TableInfo = Static<typeof TableInfo>;

export const TableListResponse = Type.Object({
  tables: Type.Array(TableInfo),
  /** Every non-system database, including empty ones. */
  databases: Type.Array(Type.String()),
  fetchedAt: FetchedAt,
});
export type TableListResponse = Static<typeof TableListResponse>;

export const TablePreviewParams = Closed({ database: TableName, table: TableName });
export const TablePreviewQuery = Closed({
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_PREVIEW_ROWS,
      default: 20,
      description: `Rows, 1..${MAX_PREVIEW_ROWS}`,
      'x-error-code': 'INVALID_LIMIT',
    }),
  ),
});

/**
 * How the preview's rows are ordered:
 * - `insertion`: newest insert first (MergeTree tables: `_block_number DESC, _block_offset DESC`). Exact for rows
 *   in parts that were not merged yet, or always when the table persists the two columns
 *   (`SETTINGS enable_block_number_column = 1, enable_block_offset_column = 1`); `orderNote` says which.
 * - `sorting-key`: the table's ORDER BY key, descending (not arrival order).
 * - `none`: no order (engines without parts or sorting key): whatever ClickHouse reads first.
 */
export const PreviewOrder = StringEnum(['insertion', 'sorting-key', 'none'] as const);
export type PreviewOrder = Static<typeof PreviewOrder>;

/** `GET /api/clickhouse/tables/:database/:table/preview?limit=20`. */
export const TablePreview = Type.Object({
  database: Type.String(),
  table: Type.String(),
  columns: Type.Array(Type.String()),
  rows: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  order: PreviewOrder,
  /** The ORDER BY used, e.g. `_block_number DESC, _block_offset DESC` or `customer_id DESC`, or null when unordered. */
  orderedBy: Nullable(Type.String()),
  /** One sentence on what the order means for this table (e.g. whether merged parts keep arrival order). */
  orderNote: Type.String(),
  limit: Type.Integer(),
});
export type TablePreview = Static<typeof TablePreview>;

export const SqlFileTable = Type.Object({ database: Type.String(), name: Type.String(), exists: Type.Boolean() });
export type SqlFileTable = Static<typeof SqlFileTable>;

/** `GET /api/sql-files` → `{ files }`. */
export const SqlFile = Type.Object({
  file: Type.String(),
  tables: Type.Array(SqlFileTable),
  /** Set when the file could not be read. */
  error: Type.Optional(Type.String()),
});
export type SqlFile = Static<typeof SqlFile>;

export const SqlFileListResponse = Type.Object({ files: Type.Array(SqlFile) });
export type SqlFileListResponse = Static<typeof SqlFileListResponse>;

export const SqlFileParams = Closed({ file: RepoFileName('.sql') });

/**
 * What is known of one statement of an apply: `applied` (ClickHouse answered OK), `failed` (ClickHouse refused it),
 * `unknown` (no answer in time: it may still complete on the server), `not-attempted` (after a failure or timeout).
 */
export const StatementOutcome = StringEnum(['applied', 'failed', 'unknown', 'not-attempted'] as const);
export type StatementOutcome = Static<typeof StatementOutcome>;

export const StatementReport = Type.Object({
  /** 1-based position in the file. */
  index: Type.Integer(),
  /** The statement's first line (bounded), to recognise it. */
  summary: Type.String(),
  outcome: StatementOutcome,
  /** ClickHouse's message (failed) or what is not known (unknown). */
  message: Type.Optional(Type.String()),
});
export type StatementReport = Static<typeof StatementReport>;

/** `POST /api/sql-files/:file/apply`: every statement is run; tables are reported as `db.table`. */
export const ApplySqlResult = Type.Object({
  file: Type.String(),
  statements: Type.Integer(),
  created: Type.Array(Type.String()),
  existing: Type.Array(Type.String()),
  /** One entry per statement, in order (all `applied` on success). */
  report: Type.Array(StatementReport),
});
export type ApplySqlResult = Static<typeof ApplySqlResult>;

/**
 * `details` of a 400 SQL_STATEMENT_FAILED (ClickHouse refused a statement) or a 504 CLICKHOUSE_UNAVAILABLE during an
 * apply (no answer in time): the per-statement report says what landed, what may still land, and what never ran.
 */
export const ApplySqlFailureDetails = Type.Object({
  file: Type.String(),
  /** The statement that failed or timed out (1-based). */
  statement: Type.Integer(),
  created: Type.Array(Type.String()),
  existing: Type.Array(Type.String()),
  report: Type.Array(StatementReport),
});
export type ApplySqlFailureDetails = Static<typeof ApplySqlFailureDetails>;
