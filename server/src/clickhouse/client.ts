import type * as ClickHouseLibrary from '@clickhouse/client';
import type { ClickHouseClient as RawClient } from '@clickhouse/client';
import { AppError } from '../errors/app-error.ts';
import { plainHttpOnTlsPort, tlsPortHint } from '../http/credentials.ts';
import type { UpstreamChanges } from '../http/upstream-changes.ts';
import { UpstreamAuthError, UpstreamError, describeNetworkFailure } from '../http/upstream-error.ts';
import { lazyModule } from '../lazy-module.ts';
import { readOnlyQuery, type ReadOnlyQueryResult } from './read-only-query.ts';

const clickhouseLib = lazyModule<typeof ClickHouseLibrary>('@clickhouse/client');

export interface ClickHouseClientOptions {
  url: string;
  username: string;
  password: string;
  /** PEM CA an https: server's certificate must chain to (instead of Node's bundled roots). */
  ca?: string | null;
  timeoutMs: number;
  /** Where the client announces the statements it runs with `command` (DDL), for the read caches. */
  changes?: UpstreamChanges;
}

export interface ResultWithMeta<T> {
  meta: { name: string; type: string }[];
  data: T[];
}

/**
 * A small @clickhouse/client wrapper with a request timeout and errors naming ClickHouse. An unreachable server
 * is a 503 (CLICKHOUSE_UNAVAILABLE); an error ClickHouse itself answered is a 502 CLICKHOUSE_ERROR carrying its
 * numeric code in `details.clickhouseCode`, which routes may turn into a more specific 4xx.
 */
export interface ClickHouseClient {
  readonly url: string;
  ping(): Promise<void>;
  version(): Promise<string>;
  /** SELECT with `{name:Type}` parameters, rows as JSONEachRow objects. */
  rows<T>(query: string, params?: Record<string, unknown>): Promise<T[]>;
  /** SELECT in the JSON format: column names and types plus the rows. */
  withMeta<T>(query: string, params?: Record<string, unknown>): Promise<ResultWithMeta<T>>;
  /** DDL or any statement without a result. */
  command(query: string): Promise<void>;
  /**
   * One statement with `settings` in the URL (the query box sends readonly=1 and its limits), as JSONCompact. Its own
   * connection pool, whose request timeout is `timeoutMs` (queries may run longer than the panel's other calls).
   */
  readOnlyQuery(
    query: string,
    settings: Record<string, string | number>,
    options: { maxResponseBytes: number; timeoutMs: number },
  ): Promise<ReadOnlyQueryResult>;
  close(): Promise<void>;
}

export function createClickHouseClient(options: ClickHouseClientOptions): ClickHouseClient {
  // Created on first use: loading @clickhouse/client is not part of the panel's start. One client for the panel's
  // lifetime: its connections are kept alive (idle ones closed after 2.5 s, below ClickHouse's keep_alive_timeout)
  // and shared by every request. The query box has its own, whose request timeout fits its longer queries.
  const clients = new Map<number, RawClient>();
  const rawFor = (requestTimeoutMs: number, connections: number): RawClient => {
    let client = clients.get(requestTimeoutMs);
    if (client) return client;
    const { ClickHouseLogLevel, createClient } = clickhouseLib();
    client = createClient({
      url: options.url,
      username: options.username,
      password: options.password,
      ...(options.ca && options.url.startsWith('https:') ? { tls: { ca_cert: Buffer.from(options.ca) } } : {}),
      request_timeout: requestTimeoutMs,
      max_open_connections: connections,
      keep_alive: { enabled: true, idle_socket_ttl: 2500 },
      application: 'pipeline-panel',
      // Failures surface through our own errors; the library's console warnings would only duplicate them.
      log: { level: ClickHouseLogLevel.OFF },
    });
    clients.set(requestTimeoutMs, client);
    return client;
  };
  const raw = (): RawClient => rawFor(options.timeoutMs, 8);
  const fail = (error: unknown): Error => {
    if (AUTH_CODES.has(serverErrorCode(error) ?? 0)) {
      return new UpstreamAuthError('ClickHouse', options.url, `error ${serverErrorCode(error)}`, { sentCredentials: true, cause: error });
    }
    // @clickhouse/client puts a non-ClickHouse error body (here nginx's) in the message.
    const plain = plainHttpOnTlsPort(400, error instanceof Error ? error.message : '');
    if (plain) return new UpstreamError('ClickHouse', options.url, plain.message, { cause: plain });
    const hint = tlsPortHint(options.url, error, 'ClickHouse');
    const reason = describeClickHouseFailure(error, options.timeoutMs);
    return new UpstreamError('ClickHouse', options.url, hint ? `${reason}; ${hint}` : reason, { cause: error });
  };
  const failed = (error: unknown): Error => {
    const code = serverErrorCode(error);
    if (code === null || AUTH_CODES.has(code)) return fail(error);
    const message = (error as Error).message.split('\n')[0] ?? '';
    return new AppError(502, 'CLICKHOUSE_ERROR', `ClickHouse at ${options.url}: error ${code}: ${message}`, {
      service: 'ClickHouse',
      target: options.url,
      clickhouseCode: code,
      clickhouseMessage: message,
    });
  };
  return {
    url: options.url,
    async ping() {
      const result = await raw()
        .ping()
        .catch((error: unknown) => ({ success: false as const, error }));
      if (!result.success) throw fail(result.error);
    },
    async version() {
      try {
        const rows = await (await raw().query({ query: 'SELECT version() AS version', format: 'JSONEachRow' })).json<{ version: string }>();
        return rows[0]?.version ?? 'unknown';
      } catch (error) {
        throw fail(error);
      }
    },
    async rows<T>(query: string, params?: Record<string, unknown>) {
      try {
        return await (await raw().query({ query, query_params: params, format: 'JSONEachRow' })).json<T>();
      } catch (error) {
        throw failed(error);
      }
    },
    async withMeta<T>(query: string, params?: Record<string, unknown>) {
      try {
        const result = await (await raw().query({ query, query_params: params, format: 'JSON' })).json<T>();
        return { meta: result.meta ?? [], data: result.data };
      } catch (error) {
        throw failed(error);
      }
    },
    async command(query) {
      try {
        await raw().command({ query });
      } catch (error) {
        throw failed(error);
      } finally {
        options.changes?.announce('ClickHouse');
      }
    },
    async readOnlyQuery(query, settings, { maxResponseBytes, timeoutMs }) {
      try {
        return await readOnlyQuery(rawFor(timeoutMs, 2), query, settings, { maxResponseBytes, timeoutMs });
      } catch (error) {
        throw error instanceof Error && error.name === 'ResponseTooLargeError' ? error : failed(error);
      }
    },
    close: async () => {
      await Promise.all([...clients.values()].map((c) => c.close()));
    },
  };
}

/** UNKNOWN_USER, WRONG_PASSWORD, REQUIRED_PASSWORD, AUTHENTICATION_FAILED (ClickHouse's src/Common/ErrorCodes.cpp). */
const AUTH_CODES = new Set([192, 193, 194, 516]);

/** The numeric code of an error ClickHouse answered (ClickHouseError.code is a digit string), else null. */
function serverErrorCode(error: unknown): number | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : null;
}

/** ClickHouse server errors carry a numeric code and a readable message (e.g. 516 authentication failed). */
function describeClickHouseFailure(error: unknown, timeoutMs: number): string {
  const code = serverErrorCode(error);
  if (code !== null) return `error ${code}: ${(error as Error).message.split('\n')[0]}`;
  return describeNetworkFailure(error, timeoutMs);
}

export async function probeClickHouse(client: ClickHouseClient): Promise<Record<string, string>> {
  await client.ping();
  return { url: client.url, version: await client.version() };
}
