/**
 * TEST-HARNESS STAND-IN — not part of the product: a stand-in for clickhouse-server's HTTP interface.
 *
 * It serves ClickHouse's HTTP interface on top of the real ClickHouse engine running in-process (chdb, one persistent
 * Session in a directory). The integration, browser and sink tiers use it because no ClickHouse server can be run on
 * the machines we build on (no image registry, no ClickHouse server package); the engine — SQL, types, input and
 * output formats, MergeTree, the Kafka table engine — is ClickHouse's own, only the HTTP layer is ours. The real
 * clickhouse-server is exercised by the stack tier.
 *
 * Written against, at these tags:
 *  - ClickHouse v26.8.1.1-lts: src/Server/HTTPHandler.cpp (credentials, X-ClickHouse-* headers, settings from URL
 *    parameters, query = `query` parameter + "\n" + body, exceptionCodeToHTTPStatus, response headers),
 *    src/Compression/CompressedReadBufferBase.cpp + CompressedWriteBuffer.cpp (compress=1 / decompress=1 blocks),
 *    docs/en/interfaces/http.md.
 *  - ClickHouse/clickhouse-java v0.9.5 (what clickhouse-kafka-connect v1.5.0 links): clickhouse-http-client's
 *    ClickHouseHttpConnection (v1: X-ClickHouse-User/Key/Database/Format headers, compress=1, decompress=1, query in
 *    the URL for inserts) and client-v2's HttpAPIClientHelper, ClickHouseLZ4InputStream/OutputStream (v2: the same
 *    headers, LZ4 method byte required, exception code header).
 *  - @clickhouse/client 1.23 (the panel's client): query/insert in URL + body, gzip, JSON formats, query parameters.
 *
 * What it implements:
 *  - GET/HEAD /ping, /replicas_status, and GET / without a query → "Ok.\n".
 *  - Credentials by X-ClickHouse-User/X-ClickHouse-Key, HTTP basic or user/password parameters (mixing refused);
 *    wrong ones → 516 AUTHENTICATION_FAILED, HTTP 403.
 *  - Database from X-ClickHouse-Database or `database`; default format from `default_format` or X-ClickHouse-Format;
 *    query id from `query_id` (or X-ClickHouse-Query-Id); `param_<name>` placeholders; every other URL parameter is a
 *    setting for that one request (describe_include_subcolumns, insert_deduplication_token, async_insert,
 *    input_format_skip_unknown_fields, …), applied by the engine; `readonly` last, so it holds for the request's
 *    statement and refuses nothing the request itself sets (clickhouse-server checks them as one batch).
 *  - Request bodies: Content-Encoding gzip/deflate/br, then decompress=1 compressed blocks (checksums checked).
 *  - INSERT … FORMAT <any input format> — RowBinary, RowBinaryWithDefaults, RowBinaryWithNamesAndTypes, Native,
 *    JSONEachRow, CSV, … — with the data after the statement: the bytes go to the engine's own parser untouched.
 *  - Results in any output format the engine has (RowBinaryWithNamesAndTypes, Native, JSON*, TSV, …); compress=1 →
 *    LZ4 compressed blocks; enable_http_compression=1 + Accept-Encoding gzip → gzip.
 *  - One statement per request, as the server: a second one is SYNTAX_ERROR "Multi-statements are not allowed".
 *  - Response headers X-ClickHouse-Query-Id, X-ClickHouse-Format, X-ClickHouse-Timezone, X-ClickHouse-Summary,
 *    X-ClickHouse-Server-Display-Name; errors as `Code: N. DB::Exception: … (NAME) (version …)` with
 *    X-ClickHouse-Exception-Code and the HTTP status ClickHouse gives that code.
 *  - stop()/start(): stop listening (in-flight requests finish, idle connections close, new ones are refused) and
 *    listen again on the same port with the same data — what a restarted clickhouse-server looks like to a client.
 * Not implemented: sessions (session_id is accepted and ignored), multipart external tables, progress headers,
 * ZSTD blocks. Requests run one at a time: the engine session is shared and the per-request SET/USE must not
 * interleave.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { gzipSync } from 'node:zlib';
import { Session } from 'chdb';
import { compressBlocks } from './clickhouse/compressed-blocks.ts';
import { describeError, HttpError, statusFor } from './clickhouse/http-errors.ts';
import { decodeBody, parseRequest, splitStatement, type ParsedRequest } from './clickhouse/http-request.ts';
import { rawInsert } from './clickhouse/raw-insert.ts';

export interface ClickHouseHttp {
  url: string;
  port: number;
  user: string;
  password: string;
  /** The chdb session's data directory. */
  dataDir: string;
  /** The HTTPS listener (ClickHouse's https_port), when started with `tls`; same handler, same data. */
  readonly httpsUrl: string | null;
  /** Whether the HTTP listener is up (false between stop() and start()). */
  readonly listening: boolean;
  /** Stops listening: in-flight requests finish, then every connection closes; the data stays. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

const maxBodyBytes = 512 * 1024 * 1024;

interface Outcome {
  bytes: Uint8Array;
  format: string;
  readRows: number;
  readBytes: number;
  writtenRows: number;
  writtenBytes: number;
  elapsed: number;
}

export async function startClickHouseHttp(opts: {
  dataDir: string;
  user?: string;
  password?: string;
  port?: number;
  /** Also serve HTTPS with this PEM key and certificate chain (on a port of its own, like ClickHouse's https_port). */
  tls?: { key: string; cert: string };
}): Promise<ClickHouseHttp> {
  const user = opts.user ?? 'default';
  const password = opts.password ?? '';
  const session = new Session(opts.dataDir);
  // Insert bodies are spooled here and read by the engine with INSERT … FROM INFILE (see raw-insert.ts).
  const spoolDir = mkdtempSync(join(tmpdir(), 'clickhouse-http-spool-'));
  const tsv = { format: 'TabSeparated' };
  const version = (await session.queryAsync('SELECT version()', tsv)).text().trim();
  const timezone = (await session.queryAsync('SELECT timezone()', tsv)).text().trim();
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function execute(request: ParsedRequest, urlQuery: string, body: Buffer): Promise<Outcome> {
    const statement = splitStatement(urlQuery, body);
    return serialised(async () => {
      const applied: string[] = [];
      const database = request.database && request.database !== 'default' ? request.database : undefined;
      // clickhouse-server checks a request's settings together against the user's settings, then applies them to
      // that request's context (HTTPHandler.cpp), so `readonly=1` next to `max_result_rows=…` holds and limits
      // nothing else of the request. Here they are SET one by one on the shared session, so `readonly` goes last —
      // after the other settings, the parameters and USE, which it would refuse — and is reset first.
      const readonly = request.settings.find(([key]) => key === 'readonly');
      if (statement.kind === 'query' && statement.sql.includes(';')) await refuseMultiStatements(statement.sql);
      try {
        for (const [key, value] of request.settings) {
          if (key === 'readonly') continue;
          await session.queryAsync(`SET ${key} = ${quote(value)}`, tsv);
          applied.push(key);
        }
        // The client sends parameter values as the text the server parses (Escaped format); `SET param_x = '<text>'`
        // hands the engine that exact text, whereas chdb's queryBind expects raw JS values and escapes them again.
        for (const [key, value] of request.queryParams) await session.queryAsync(`SET ${key} = ${quote(value)}`, tsv);
        if (database) await session.queryAsync(`USE ${backtick(database)}`, tsv);
        if (readonly) {
          await session.queryAsync(`SET readonly = ${quote(readonly[1])}`, tsv);
          applied.unshift('readonly');
        }
        if (statement.kind === 'insert') {
          const summary = await rawInsert(session, statement.statement, statement.data, spoolDir);
          return { bytes: new Uint8Array(), format: request.defaultFormat, readRows: 0, readBytes: 0, ...summary };
        }
        const format = statement.format ?? request.defaultFormat;
        const r = await session.queryAsync(statement.sql, { format });
        return {
          bytes: r.bytes(),
          format,
          readRows: r.rowsRead,
          readBytes: r.bytesRead,
          writtenRows: 0,
          writtenBytes: 0,
          elapsed: r.elapsed,
        };
      } finally {
        // `SET x = DEFAULT` is allowed under readonly (the engine resets without the constraint check), so the
        // session always returns to the user's settings, readonly first.
        for (const key of applied) await session.queryAsync(`SET ${key} = DEFAULT`, tsv).catch(() => undefined);
        if (database) await session.queryAsync('USE default', tsv).catch(() => undefined);
      }
    });
  }

  /**
   * clickhouse-server parses an HTTP request's query with multi-statements off and answers a second statement with
   * SYNTAX_ERROR "Multi-statements are not allowed" (executeQuery.cpp); the embedded engine would run them all. The
   * engine's own parser decides, through formatQuerySingleLine, which parses exactly one statement.
   */
  async function refuseMultiStatements(sql: string): Promise<void> {
    // A parameter's value is read in the Escaped format: line breaks, tabs and backslashes escaped.
    const escaped = sql.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
    await session.queryAsync(`SET param___harness_sql = ${quote(escaped)}`, tsv);
    try {
      await session.queryAsync('SELECT formatQuerySingleLine({__harness_sql:String})', tsv);
    } catch (error) {
      const text = (error as Error).message;
      const at = /Multi-statements are not allowed\): failed at position (\d+)/.exec(text);
      if (at) throw new HttpError(62, 'SYNTAX_ERROR', `Syntax error (Multi-statements are not allowed): failed at position ${at[1]}`);
      // Any other parse error is the statement's own; running it reports it.
    } finally {
      await session.queryAsync('SET param___harness_sql = DEFAULT', tsv).catch(() => undefined);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, queryId: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const params = url.searchParams;
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
    const request = parseRequest(req.headers, params);
    if (request.queryId) queryId = request.queryId;
    if (request.user !== user || request.password !== password) {
      req.resume();
      throw new HttpError(
        516,
        'AUTHENTICATION_FAILED',
        `${request.user}: Authentication failed: password is incorrect, or there is no user with such name`,
      );
    }
    if (String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      req.resume();
      throw new HttpError(48, 'NOT_IMPLEMENTED', 'multipart/form-data (external tables) is not supported by the harness adapter');
    }
    const body = decodeBody(await readBody(req), req.headers, params);
    const result = await execute(request, params.get('query') ?? '', body);

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
      'Content-Type': contentTypeFor(result.format),
      'X-ClickHouse-Query-Id': queryId,
      'X-ClickHouse-Format': result.format,
      'X-ClickHouse-Timezone': timezone,
      'X-ClickHouse-Server-Display-Name': 'chdb-harness',
      'X-ClickHouse-Summary': JSON.stringify(summary),
    };
    if (request.compressResponse) {
      payload = compressBlocks(payload);
    } else if (
      request.settings.some(([k, v]) => k === 'enable_http_compression' && (v === '1' || v === 'true')) &&
      /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
    ) {
      payload = gzipSync(payload);
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = String(payload.byteLength);
    res.writeHead(200, headers);
    res.end(payload);
  }

  const sendError = (res: ServerResponse, error: unknown, queryId: string): void => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const { code, name, text } = describeError(error, version);
    const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Query-Id': queryId };
    if (code !== 0) headers['X-ClickHouse-Exception-Code'] = String(code);
    res.writeHead(statusFor(code, name), headers);
    res.end(text);
  };

  let server: Server | undefined;
  let httpsServer: Server | undefined;
  let port = opts.port ?? 0;
  let httpsPort = 0;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const queryId = randomUUID();
    handle(req, res, queryId).catch((error: unknown) => sendError(res, error, queryId));
  };
  const bind = (s: Server, at: number) =>
    new Promise<number>((resolve, reject) => {
      s.keepAliveTimeout = 10_000;
      s.once('error', reject);
      s.listen(at, '127.0.0.1', () => {
        const address = s.address();
        if (address === null || typeof address === 'string') reject(new Error('clickhouse-http: no port'));
        else resolve(address.port);
      });
    });
  const listen = async (): Promise<void> => {
    // ClickHouse's http_max_uri_size is 1 MiB; Node's default header limit (16 KiB) would refuse long query URLs.
    const s = createServer({ maxHeaderSize: 1024 * 1024 }, onRequest);
    port = await bind(s, port);
    server = s;
    if (opts.tls) {
      const t = createHttpsServer({ maxHeaderSize: 1024 * 1024, key: opts.tls.key, cert: opts.tls.cert }, onRequest);
      httpsPort = await bind(t, httpsPort);
      httpsServer = t;
    }
  };
  const unlisten = async (): Promise<void> => {
    const t = httpsServer;
    httpsServer = undefined;
    if (t) {
      t.closeAllConnections();
      await new Promise<void>((resolve) => t.close(() => resolve()));
    }
    const s = server;
    if (!s) return;
    server = undefined;
    const closed = new Promise<void>((resolve) => s.close(() => resolve()));
    s.closeIdleConnections();
    // In-flight requests answer; their keep-alive connections then close (server.close stops reuse).
    await Promise.race([queue, new Promise((r) => setTimeout(r, 30_000))]);
    s.closeAllConnections();
    await closed;
  };
  await listen();

  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    get httpsUrl() {
      return opts.tls ? `https://127.0.0.1:${httpsPort}` : null;
    },
    user,
    password,
    dataDir: opts.dataDir,
    get listening() {
      return server !== undefined;
    },
    stop: unlisten,
    async start() {
      if (!server) await listen();
    },
    async close() {
      await unlisten();
      await queue;
      session.close();
      rmSync(spoolDir, { recursive: true, force: true });
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > maxBodyBytes) throw new HttpError(229, 'QUERY_IS_TOO_LARGE', `Request body over ${maxBodyBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function contentTypeFor(format: string): string {
  if (/^JSON/i.test(format)) return 'application/json; charset=UTF-8';
  if (/^(TSV|TabSeparated)/i.test(format)) return 'text/tab-separated-values; charset=UTF-8';
  if (/^CSV/i.test(format)) return 'text/csv; charset=UTF-8; header=absent';
  if (/^(RowBinary|Native|Parquet|Arrow|ORC|Avro|Protobuf|MsgPack)/i.test(format)) return 'application/octet-stream';
  return 'text/plain; charset=UTF-8';
}

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function backtick(identifier: string): string {
  return `\`${identifier.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}
