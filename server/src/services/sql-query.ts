/**
 * The Tables screen's query box. Two lines of defence: the statement is checked first (one read statement, no
 * SETTINGS/FORMAT/INTO OUTFILE: domain/readonly-sql.ts) and refused with a specific 400 before anything is sent;
 * then ClickHouse runs it with `readonly=1` — ClickHouse's own guarantee that the query changes nothing — plus
 * limits on the result (rows, bytes: cut, flagged as truncated), time, rows and bytes read, and memory (failed with
 * ClickHouse's error). Every setting is in the request URL, checked by ClickHouse with the rest before any applies.
 */
import type { ClickHouseClient } from '../clickhouse/client.ts';
import { QUERY_LIMITS, type SqlQueryInput, type SqlQueryResult } from '../contracts/sql-query.ts';
import { checkReadOnly } from '../domain/readonly-sql.ts';
import { AppError, isAppError } from '../errors/app-error.ts';

export interface SqlQueryService {
  run(input: SqlQueryInput): Promise<SqlQueryResult>;
}

/** The HTTP request may take this long; ClickHouse's max_execution_time ends the query before it. */
const REQUEST_TIMEOUT_MS = (QUERY_LIMITS.timeoutSeconds.max + 15) * 1000;

/** The settings a query runs with (ClickHouse docs, operations/settings/query-complexity.md and permissions-for-queries.md). */
export function queryBoxSettings(maxRows: number, timeoutSeconds: number): Record<string, string | number> {
  return {
    readonly: 1,
    // One row more than shown: more than maxRows back means there were more.
    max_result_rows: maxRows + 1,
    max_result_bytes: QUERY_LIMITS.resultBytes,
    result_overflow_mode: 'break',
    max_execution_time: timeoutSeconds,
    timeout_overflow_mode: 'throw',
    max_rows_to_read: QUERY_LIMITS.rowsToRead,
    max_bytes_to_read: QUERY_LIMITS.bytesToRead,
    read_overflow_mode: 'throw',
    max_memory_usage: QUERY_LIMITS.memoryBytes,
    // Exact values in JSON: 64-bit integers and decimals as strings (JavaScript numbers hold 53 bits).
    output_format_json_quote_64bit_integers: 1,
    output_format_json_quote_decimals: 1,
  };
}

interface JsonCompact {
  meta?: { name: string; type: string }[];
  data?: unknown[][];
  statistics?: { elapsed?: number; rows_read?: number; bytes_read?: number };
  exception?: string;
}

export function createSqlQueryService(clickhouse: ClickHouseClient): SqlQueryService {
  return {
    async run({ sql, maxRows = QUERY_LIMITS.rows.default, timeoutSeconds = QUERY_LIMITS.timeoutSeconds.default }) {
      const check = checkReadOnly(sql);
      if (!check.ok) throw new AppError(400, check.code, `Not run: ${check.reason}`, { refusedBy: 'panel' });
      const settings = queryBoxSettings(maxRows, timeoutSeconds);
      let answer;
      try {
        answer = await clickhouse.readOnlyQuery(check.statement, settings, {
          maxResponseBytes: QUERY_LIMITS.responseBytes,
          timeoutMs: REQUEST_TIMEOUT_MS,
        });
      } catch (error) {
        throw queryFailure(error, timeoutSeconds);
      }
      let parsed: JsonCompact;
      try {
        parsed = JSON.parse(answer.body) as JsonCompact;
      } catch {
        throw failureFromText(answer.body, timeoutSeconds);
      }
      if (parsed.exception) throw failureFromText(parsed.exception, timeoutSeconds);
      const data = parsed.data ?? [];
      const byRows = data.length > maxRows;
      const resultBytes = Number(answer.summary?.result_bytes ?? 0);
      const byBytes = !byRows && resultBytes >= QUERY_LIMITS.resultBytes;
      return {
        queryId: answer.queryId,
        columns: parsed.meta ?? [],
        rows: byRows ? data.slice(0, maxRows) : data,
        truncated: byRows || byBytes,
        truncatedBy: byRows ? 'rows' : byBytes ? 'bytes' : null,
        statistics: {
          elapsedMs: Math.round((parsed.statistics?.elapsed ?? Number(answer.summary?.elapsed_ns ?? 0) / 1e9) * 1000 * 1000) / 1000,
          rowsRead: Number(parsed.statistics?.rows_read ?? answer.summary?.read_rows ?? 0),
          bytesRead: Number(parsed.statistics?.bytes_read ?? answer.summary?.read_bytes ?? 0),
        },
        settings,
      };
    },
  };
}

/** ClickHouse's error codes (src/Common/ErrorCodes.cpp) the box names specifically. */
const LIMIT_CODES = new Set([158, 241, 307, 396]);

function byCode(code: number, message: string, timeoutSeconds: number): AppError {
  const details = { refusedBy: 'clickhouse', clickhouseCode: code, clickhouseMessage: message };
  if (code === 164)
    return new AppError(400, 'QUERY_NOT_READ_ONLY', `ClickHouse refused it under readonly=1 (error 164): ${message}`, details);
  if (code === 159)
    return new AppError(
      400,
      'QUERY_TIMEOUT',
      `ClickHouse stopped the query at the ${timeoutSeconds} s time limit (error 159): ${message}. Narrow it (WHERE on the sorting key, LIMIT) or raise the limit (up to ${QUERY_LIMITS.timeoutSeconds.max} s)`,
      details,
    );
  if (LIMIT_CODES.has(code))
    return new AppError(
      400,
      'QUERY_LIMIT_EXCEEDED',
      `The query went over a limit of the box (ClickHouse error ${code}): ${message}`,
      details,
    );
  return new AppError(400, 'QUERY_FAILED', `ClickHouse error ${code}: ${message}`, details);
}

function queryFailure(error: unknown, timeoutSeconds: number): unknown {
  if (error instanceof Error && error.name === 'ResponseTooLargeError')
    return new AppError(
      400,
      'QUERY_RESULT_TOO_LARGE',
      `The result is larger than ${QUERY_LIMITS.responseBytes / 1024 / 1024} MiB of JSON; select fewer columns or rows`,
      { limitBytes: QUERY_LIMITS.responseBytes },
    );
  if (isAppError(error) && error.code === 'CLICKHOUSE_ERROR') {
    const { clickhouseCode, clickhouseMessage } = error.details as { clickhouseCode: number; clickhouseMessage: string };
    // A wrong password is the panel's configuration, not the query: keep ClickHouse's own error.
    if (clickhouseCode === 516) return error;
    return byCode(clickhouseCode, clickhouseMessage, timeoutSeconds);
  }
  return error;
}

/** An error written into the body (ClickHouse's `Code: N. DB::Exception: …`). */
function failureFromText(text: string, timeoutSeconds: number): AppError {
  const match = /Code: (\d+)\. DB::Exception: ([^\n]*)/.exec(text);
  if (match) return byCode(Number(match[1]), match[2]!.trim(), timeoutSeconds);
  return new AppError(502, 'CLICKHOUSE_ERROR', `ClickHouse answered something that is not a JSON result: ${text.slice(0, 200)}`);
}
