/**
 * TEST-HARNESS STAND-IN — not part of the product.
 *
 * A thin adapter that serves the part of ClickHouse's HTTP interface that @clickhouse/client uses, on top of the real
 * ClickHouse engine running in-process (chdb, one persistent Session in a temp dir). The integration and browser tiers
 * use it because no ClickHouse server can be run on the machines we build on (no image registry, no ClickHouse
 * server package); the engine — SQL, types, formats, MergeTree, the Kafka table engine — is ClickHouse's own, only the
 * HTTP layer is ours. The real clickhouse-server is exercised by the stack tier.
 *
 * What it implements (as read from @clickhouse/client 1.23's connection code):
 *  - GET/HEAD /ping and GET / without a query → "Ok.\n".
 *  - The query in the `query` URL parameter and/or the request body; with both, the body is appended after a newline
 *    (ClickHouse's rule), which is how `INSERT INTO t FORMAT JSONEachRow` + rows in the body arrives.
 *  - `database`, `default_format`, `query_id`, `param_<name>` query parameters ({name:Type} placeholders, parsed by
 *    the engine exactly as the server would), every other URL parameter applied as a setting for that one request.
 *  - Auth by X-ClickHouse-User/X-ClickHouse-Key, HTTP basic, or user/password parameters.
 *  - gzip/deflate request bodies (Content-Encoding) and gzip responses when enable_http_compression=1.
 *  - Response headers X-ClickHouse-Query-Id, X-ClickHouse-Format, X-ClickHouse-Timezone, X-ClickHouse-Summary.
 *  - Errors as ClickHouse sends them: body `Code: N. DB::Exception: … (NAME) (version …)`, header
 *    X-ClickHouse-Exception-Code, HTTP 400/403/404/500 by error code.
 * Not implemented: sessions (session_id is accepted and ignored; every request shares the one engine session),
 * multipart query parameters, progress headers, binary request bodies other than the raw-insert formats.
 * Requests run one at a time: chdb queries are async (off the event loop) but the engine session is shared, and the
 * per-request SET/USE must not interleave.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import { Session } from 'chdb';

export interface ClickHouseHttp {
  url: string;
  user: string;
  password: string;
  /** The chdb session's data directory. */
  dataDir: string;
  close(): Promise<void>;
}

/** URL parameters that are part of the HTTP protocol rather than settings. */
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
]);

/** Raw-insert formats chdb accepts as bytes (RawInsertFormat); others are appended to the query as text. */
const rawInsertFormats = new Set([
  'JSONEachRow',
  'JSONCompactEachRow',
  'CSV',
  'CSVWithNames',
  'TSV',
  'TabSeparated',
  'TSVWithNames',
  'TabSeparatedWithNames',
]);

const maxBodyBytes = 512 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly code: number,
    readonly errorName: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startClickHouseHttp(opts: {
  dataDir: string;
  user?: string;
  password?: string;
  port?: number;
}): Promise<ClickHouseHttp> {
  const user = opts.user ?? 'default';
  const password = opts.password ?? '';
  const session = new Session(opts.dataDir);
  const version = (await session.queryAsync('SELECT version()', { format: 'TabSeparated' })).text().trim();
  const timezone = (await session.queryAsync('SELECT timezone()', { format: 'TabSeparated' })).text().trim();
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendError(res, error, version, randomUUID()));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const params = url.searchParams;
    const queryId = params.get('query_id') || randomUUID();
    if (
      url.pathname === '/ping' ||
      url.pathname === '/replicas_status' ||
      (url.pathname === '/' && req.method !== 'POST' && !params.has('query'))
    ) {
      req.resume();
      res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8' });
      res.end(req.method === 'HEAD' ? undefined : 'Ok.\n');
      return;
    }
    if (url.pathname !== '/') {
      req.resume();
      throw new HttpError(0, 'HTTP_NOT_FOUND', `There is no handle ${url.pathname}`);
    }
    authenticate(req, params, user, password);
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.startsWith('multipart/form-data')) {
      req.resume();
      throw new HttpError(48, 'NOT_IMPLEMENTED', 'multipart/form-data query parameters are not supported by the harness adapter');
    }
    const body = decodeBody(await readBody(req), req.headers['content-encoding']);
    const urlQuery = params.get('query') ?? '';
    if (!urlQuery && body.length === 0) throw new HttpError(62, 'SYNTAX_ERROR', 'Empty query');

    const settings: Array<[string, string]> = [];
    const params_: Array<[string, string]> = [];
    for (const [key, value] of params) {
      if (key.startsWith('param_')) params_.push([key, value]);
      else if (!protocolParams.has(key)) settings.push([key, value]);
    }
    for (const [key] of [...settings, ...params_]) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new HttpError(115, 'UNKNOWN_SETTING', `Unknown setting '${key}'`);
    }
    const database = params.get('database');
    const defaultFormat = params.get('default_format') || 'TabSeparated';

    // INSERT … FORMAT <raw format> with the rows in the body: hand the bytes to chdb's raw insert (no text copy).
    const insert = urlQuery && body.length > 0 ? parseInsert(urlQuery) : undefined;
    const sql = insert ? urlQuery : urlQuery ? `${urlQuery}\n${body.toString('utf8')}` : body.toString('utf8');
    const format = insert ? defaultFormat : (trailingFormat(sql) ?? defaultFormat);

    const result = await serialised(async () => {
      const applied: string[] = [];
      try {
        for (const [key, value] of settings) {
          await session.queryAsync(`SET ${key} = ${quote(value)}`, { format: 'TabSeparated' });
          applied.push(key);
        }
        // The client sends parameter values as the text the server parses (Escaped format); `SET param_x = '<text>'`
        // hands the engine that exact text, whereas chdb's queryBind expects raw JS values and escapes them again.
        for (const [key, value] of params_) await session.queryAsync(`SET ${key} = ${quote(value)}`, { format: 'TabSeparated' });
        if (database && database !== 'default') await session.queryAsync(`USE ${backtick(database)}`, { format: 'TabSeparated' });
        if (insert) {
          const summary = await session.insert({
            table: insert.table,
            columns: insert.columns,
            values: body,
            format: insert.format as 'JSONEachRow',
          });
          return {
            bytes: new Uint8Array(),
            readRows: 0,
            readBytes: 0,
            writtenRows: summary.rowsWritten,
            writtenBytes: summary.bytesWritten,
            elapsed: summary.elapsed,
          };
        }
        const r = await session.queryAsync(sql, { format });
        return { bytes: r.bytes(), readRows: r.rowsRead, readBytes: r.bytesRead, writtenRows: 0, writtenBytes: 0, elapsed: r.elapsed };
      } finally {
        for (const key of applied) await session.queryAsync(`SET ${key} = DEFAULT`, { format: 'TabSeparated' }).catch(() => undefined);
        if (database && database !== 'default') await session.queryAsync('USE default', { format: 'TabSeparated' }).catch(() => undefined);
      }
    });

    const summary = {
      read_rows: String(result.readRows),
      read_bytes: String(result.readBytes),
      written_rows: String(result.writtenRows),
      written_bytes: String(result.writtenBytes),
      total_rows_to_read: String(result.readRows),
      result_rows: '0',
      result_bytes: String(result.bytes.byteLength),
      elapsed_ns: String(Math.round(result.elapsed * 1e9)),
    };
    let payload = Buffer.from(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength);
    const headers: Record<string, string> = {
      'Content-Type': contentTypeFor(format),
      'X-ClickHouse-Query-Id': queryId,
      'X-ClickHouse-Format': format,
      'X-ClickHouse-Timezone': timezone,
      'X-ClickHouse-Server-Display-Name': 'chdb-harness',
      'X-ClickHouse-Summary': JSON.stringify(summary),
    };
    const wantsGzip =
      settings.some(([k, v]) => k === 'enable_http_compression' && v === '1') &&
      /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (wantsGzip) {
      payload = gzipSync(payload);
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = String(payload.byteLength);
    res.writeHead(200, headers);
    res.end(payload);
  }

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('clickhouse-http: no port'));
      else resolve(address.port);
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    user,
    password,
    dataDir: opts.dataDir,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await queue;
      session.close();
    },
  };
}

function authenticate(req: IncomingMessage, params: URLSearchParams, user: string, password: string): void {
  let givenUser = header(req, 'x-clickhouse-user') ?? params.get('user') ?? undefined;
  let givenPassword = header(req, 'x-clickhouse-key') ?? params.get('password') ?? undefined;
  const authorization = header(req, 'authorization');
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice('Basic '.length), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    givenUser = decoded.slice(0, colon < 0 ? undefined : colon);
    givenPassword = colon < 0 ? '' : decoded.slice(colon + 1);
  }
  if ((givenUser ?? 'default') !== user || (givenPassword ?? '') !== password) {
    throw new HttpError(
      516,
      'AUTHENTICATION_FAILED',
      `${givenUser ?? 'default'}: Authentication failed: password is incorrect, or there is no user with such name`,
    );
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > maxBodyBytes) throw new HttpError(202, 'TOO_LARGE_STRING_SIZE', `Request body over ${maxBodyBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function decodeBody(body: Buffer, encoding: string | undefined): Buffer {
  if (!encoding || encoding === 'identity' || body.length === 0) return body;
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding === 'deflate') return inflateSync(body);
  throw new HttpError(48, 'NOT_IMPLEMENTED', `Content-Encoding ${encoding} is not supported by the harness adapter`);
}

/** `INSERT INTO [db.]table [(a, b)] FORMAT Fmt` — the shape @clickhouse/client's insert() sends in the URL. */
function parseInsert(query: string): { table: string; columns?: string[]; format: string } | undefined {
  const m =
    /^\s*INSERT\s+INTO\s+(?:TABLE\s+)?((?:`[^`]+`|[A-Za-z_][\w]*)(?:\.(?:`[^`]+`|[A-Za-z_][\w]*))?)\s*(?:\(([^)]*)\))?\s*FORMAT\s+(\w+)\s*$/i.exec(
      query,
    );
  if (!m || !rawInsertFormats.has(m[3]!)) return undefined;
  const columns = m[2]
    ?.split(',')
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
  return { table: m[1]!, columns: columns && columns.length > 0 ? columns : undefined, format: m[3]! };
}

function trailingFormat(sql: string): string | undefined {
  if (/^\s*INSERT\b/i.test(sql)) return undefined;
  return /\bFORMAT\s+(\w+)\s*;?\s*$/i.exec(sql)?.[1];
}

function contentTypeFor(format: string): string {
  if (/^JSON(EachRow|CompactEachRow|StringsEachRow|Lines)?/i.test(format) || /^JSON/i.test(format))
    return 'application/json; charset=UTF-8';
  if (/^(TSV|TabSeparated)/i.test(format)) return 'text/tab-separated-values; charset=UTF-8';
  if (/^CSV/i.test(format)) return 'text/csv; charset=UTF-8; header=absent';
  return 'text/plain; charset=UTF-8';
}

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function backtick(identifier: string): string {
  return `\`${identifier.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

/** HTTP status ClickHouse's HTTP handler uses for an exception code (the common cases). */
function statusFor(code: number, name: string): number {
  if (name === 'HTTP_NOT_FOUND') return 404;
  if ([516, 192, 193, 497].includes(code)) return 403; // AUTHENTICATION_FAILED, UNKNOWN_USER, WRONG_PASSWORD, ACCESS_DENIED
  if ([62, 6, 27, 26, 72, 38, 41, 117, 456, 457].includes(code)) return 400; // syntax / cannot parse / bad query parameter
  if ([60, 81, 47, 46, 50, 115, 16].includes(code)) return 404; // unknown table/database/identifier/function/type/setting/column
  if (code === 159) return 408;
  if (code === 48) return 501;
  return 500;
}

function sendError(res: ServerResponse, error: unknown, version: string, queryId: string): void {
  let code: number;
  let text: string;
  if (error instanceof HttpError) {
    code = error.code;
    text =
      error.errorName === 'HTTP_NOT_FOUND'
        ? `${error.message}\n`
        : `Code: ${code}. DB::Exception: ${error.message}. (${error.errorName}) (version ${version})\n`;
    if (error.errorName === 'HTTP_NOT_FOUND') code = 0;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    const chCode = (error as { clickhouseCode?: unknown }).clickhouseCode;
    const start = message.indexOf('Code: ');
    code = typeof chCode === 'number' ? chCode : Number(/Code: (\d+)\./.exec(message)?.[1] ?? 1001);
    text =
      start >= 0
        ? `${message.slice(start).trim()} (version ${version})\n`
        : `Code: ${code}. DB::Exception: ${message}. (STD_EXCEPTION) (version ${version})\n`;
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const name = error instanceof HttpError ? error.errorName : '';
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Query-Id': queryId };
  if (code !== 0) headers['X-ClickHouse-Exception-Code'] = String(code);
  res.writeHead(statusFor(code, name), headers);
  res.end(text);
}
