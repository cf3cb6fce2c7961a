/** The Tables screen's read-only query box. */
import { Type, type Static } from 'typebox';
import { Closed, Nullable, StringEnum } from './common.ts';

/**
 * The limits every query runs under, as ClickHouse settings sent with the query (services/sql-query.ts). Rows and
 * bytes of the result stop the query and return what was read so far (`result_overflow_mode=break`); time, rows
 * and bytes read, and memory fail it with ClickHouse's own error.
 */
export const QUERY_LIMITS = {
  rows: { default: 1000, max: 10_000 },
  timeoutSeconds: { default: 30, max: 60 },
  /** max_result_bytes: the result's size in ClickHouse's memory. */
  resultBytes: 16 * 1024 * 1024,
  /** What the panel reads of the HTTP response at most (the JSON text); beyond it the query fails. */
  responseBytes: 32 * 1024 * 1024,
  /** max_rows_to_read / max_bytes_to_read: what the query may scan. */
  rowsToRead: 1_000_000_000,
  bytesToRead: 20 * 1024 * 1024 * 1024,
  /** max_memory_usage for the query. */
  memoryBytes: 1024 * 1024 * 1024,
  sqlLength: 64 * 1024,
} as const;

export const SqlQueryInput = Closed({
  sql: Type.String({
    minLength: 1,
    maxLength: QUERY_LIMITS.sqlLength,
    description: 'One read-only statement (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN, EXISTS), without FORMAT or SETTINGS',
  }),
  maxRows: Type.Optional(
    Type.Integer({ minimum: 1, maximum: QUERY_LIMITS.rows.max, default: QUERY_LIMITS.rows.default, 'x-error-code': 'INVALID_LIMIT' }),
  ),
  timeoutSeconds: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: QUERY_LIMITS.timeoutSeconds.max,
      default: QUERY_LIMITS.timeoutSeconds.default,
      'x-error-code': 'INVALID_LIMIT',
    }),
  ),
});
export type SqlQueryInput = Static<typeof SqlQueryInput>;

export const QueryColumn = Type.Object({ name: Type.String(), type: Type.String() });
export type QueryColumn = Static<typeof QueryColumn>;

export const SqlQueryResult = Type.Object({
  queryId: Type.String(),
  /** Column names and ClickHouse types, in order (the JSON format's `meta`). */
  columns: Type.Array(QueryColumn),
  /** Rows as arrays in column order; 64-bit integers and decimals as strings (ClickHouse's JSON quoting). */
  rows: Type.Array(Type.Array(Type.Unknown())),
  /** True when the result was cut at `maxRows` rows or at the result-size limit. */
  truncated: Type.Boolean(),
  truncatedBy: Nullable(StringEnum(['rows', 'bytes'] as const)),
  statistics: Type.Object({
    elapsedMs: Type.Number(),
    rowsRead: Type.Number(),
    bytesRead: Type.Number(),
  }),
  /** The ClickHouse settings the query ran with. */
  settings: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
});
export type SqlQueryResult = Static<typeof SqlQueryResult>;
