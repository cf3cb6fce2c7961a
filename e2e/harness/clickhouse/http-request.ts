/**
 * How a ClickHouse HTTP request is read — credentials, database, default format, settings, query text and insert data —
 * following ClickHouse's HTTPHandler (src/Server/HTTPHandler.cpp, ClickHouse v26.8.1.1-lts) and its documentation
 * (docs/en/interfaces/http.md at the same tag). Pure functions over headers, URL parameters and the body.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';
import { decompressBlocks, CompressedBlockError } from './compressed-blocks.ts';
import { HttpError } from './http-errors.ts';

/** URL parameters that are part of the HTTP protocol rather than settings (HTTPHandler's reserved_param_names). */
const protocolParams = new Set([
  'query',
  'database',
  'default_format',
  'query_id',
  'session_id',
  'session_timeout',
  'session_check',
  'user',
  'password',
  'quota_key',
  'role',
  'compress',
  'decompress',
  'buffer_size',
  'wait_end_of_query',
  'stacktrace',
  'client_protocol_version',
  'close_session',
  'default_session_timeout',
]);

export interface ParsedRequest {
  user: string;
  password: string;
  database: string | undefined;
  defaultFormat: string;
  queryId: string | undefined;
  /** Settings from URL parameters, applied to this request only. */
  settings: Array<[string, string]>;
  /** `param_<name>` values for {name:Type} placeholders. */
  queryParams: Array<[string, string]>;
  /** compress=1: the response body goes out as compressed blocks. */
  compressResponse: boolean;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Credentials by X-ClickHouse-User/Key, HTTP basic auth or user/password parameters; mixing them is refused. */
function credentials(headers: IncomingHttpHeaders, params: URLSearchParams): { user: string; password: string } {
  const headerUser = header(headers, 'x-clickhouse-user');
  const headerKey = header(headers, 'x-clickhouse-key');
  const authorization = header(headers, 'authorization');
  const basic = authorization?.startsWith('Basic ') ? authorization.slice('Basic '.length) : undefined;
  const inParams = params.has('user') || params.has('password');
  const hasHeaders = Boolean(headerUser || headerKey);
  if (hasHeaders && (basic !== undefined || inParams))
    throw new HttpError(
      516,
      'AUTHENTICATION_FAILED',
      'Invalid authentication: it is not allowed to use X-ClickHouse HTTP headers and other authentication methods simultaneously',
    );
  if (basic !== undefined && inParams)
    throw new HttpError(
      516,
      'AUTHENTICATION_FAILED',
      'Invalid authentication: it is not allowed to use Authorization HTTP header and authentication via parameters simultaneously',
    );
  if (hasHeaders) return { user: headerUser || 'default', password: headerKey ?? '' };
  if (basic !== undefined) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return { user: decoded.slice(0, colon < 0 ? undefined : colon) || 'default', password: colon < 0 ? '' : decoded.slice(colon + 1) };
  }
  return { user: params.get('user') || 'default', password: params.get('password') ?? '' };
}

const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseRequest(headers: IncomingHttpHeaders, params: URLSearchParams): ParsedRequest {
  const { user, password } = credentials(headers, params);
  const settings: Array<[string, string]> = [];
  const queryParams: Array<[string, string]> = [];
  for (const [key, value] of params) {
    if (protocolParams.has(key)) continue;
    if (!SETTING_NAME.test(key)) throw new HttpError(115, 'UNKNOWN_SETTING', `Unknown setting '${key}'`);
    if (key.startsWith('param_')) queryParams.push([key, value]);
    else settings.push([key, value]);
  }
  return {
    user,
    password,
    // The X-ClickHouse-Database header wins over the `database` parameter, as in HTTPHandler::processQuery.
    database: header(headers, 'x-clickhouse-database') || params.get('database') || undefined,
    defaultFormat: params.get('default_format') || header(headers, 'x-clickhouse-format') || 'TabSeparated',
    queryId: params.get('query_id') || header(headers, 'x-clickhouse-query-id') || undefined,
    settings,
    queryParams,
    compressResponse: params.get('compress') === '1' || params.get('compress') === 'true',
  };
}

/** The request body as ClickHouse reads it: Content-Encoding first (HTTP compression), then decompress=1 blocks. */
export function decodeBody(body: Buffer, headers: IncomingHttpHeaders, params: URLSearchParams): Buffer {
  let out = body;
  const encoding = header(headers, 'content-encoding');
  if (out.length > 0 && encoding && encoding !== 'identity') {
    if (encoding === 'gzip') out = gunzipSync(out);
    else if (encoding === 'deflate') out = inflateSync(out);
    else if (encoding === 'br') out = brotliDecompressSync(out);
    else throw new HttpError(48, 'NOT_IMPLEMENTED', `Content-Encoding ${encoding} is not supported by the harness adapter`);
  }
  const decompress = params.get('decompress');
  if (decompress === '1' || decompress === 'true') {
    try {
      out = decompressBlocks(out);
    } catch (error) {
      if (error instanceof CompressedBlockError) throw new HttpError(error.code, error.errorName, error.message);
      throw error;
    }
  }
  return out;
}

export type Statement =
  /** INSERT … FORMAT <name> with its data: the engine parses the data itself (raw insert). */
  | { kind: 'insert'; statement: string; format: string; data: Buffer }
  /** Anything else: the whole text is the query; `format` is its FORMAT clause when it has one. */
  | { kind: 'query'; sql: string; format: string | undefined };

/** The INSERT statement up to and including its FORMAT clause (the data follows it). */
const INSERT_WITH_FORMAT = /^\s*(?:\/\*[\s\S]*?\*\/\s*|--[^\n]*\n\s*)*INSERT\s+INTO\s[\s\S]*?\bFORMAT\s+([A-Za-z][A-Za-z0-9]*)/i;

/**
 * The query is the `query` parameter, a line break and the body (HTTPHandler's DynamicQueryHandler::getQuery). An
 * INSERT with a FORMAT clause is split where ClickHouse's parser stops — after the format name and the whitespace up to
 * and including one line break — so the data reaches the engine as bytes.
 */
export function splitStatement(urlQuery: string, body: Buffer): Statement {
  const full = urlQuery ? Buffer.concat([Buffer.from(`${urlQuery}\n`, 'utf8'), body]) : body;
  if (full.length === 0) throw new HttpError(62, 'SYNTAX_ERROR', 'Empty query');
  // latin1 keeps one character per byte, so regex offsets are byte offsets into `full`.
  const head = full.subarray(0, Math.min(full.length, 256 * 1024)).toString('latin1');
  const match = INSERT_WITH_FORMAT.exec(head);
  if (match && !/\bVALUES\b|\bSELECT\b/i.test(head.slice(0, match.index + match[0].length - match[1]!.length))) {
    let end = match.index + match[0].length;
    while (end < full.length && (full[end] === 0x20 || full[end] === 0x09 || full[end] === 0x0d)) end++;
    if (full[end] === 0x0a) end++;
    const statement = full.subarray(0, match.index + match[0].length).toString('utf8');
    return { kind: 'insert', statement, format: match[1]!, data: full.subarray(end) };
  }
  const sql = full.toString('utf8');
  const format = /^\s*INSERT\b/i.test(sql) ? undefined : /\bFORMAT\s+(\w+)\s*;?\s*$/i.exec(sql)?.[1];
  return { kind: 'query', sql, format };
}
