import { Agent, request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { basicAuthorization, plainHttpOnTlsPort, tlsPortHint, type HttpCredentials } from './credentials.ts';
import { UpstreamAuthError, UpstreamError, describeNetworkFailure, type UpstreamName } from './upstream-error.ts';

export interface RestOptions {
  upstream: UpstreamName;
  /** Base URL; may carry a path prefix (e.g. Apicurio's /apis/ccompat/v7), which is kept. */
  baseUrl: string;
  timeoutMs: number;
  /** Content-Type for request bodies and the preferred Accept type. */
  mediaType?: string;
  /** Connection pool to reuse (see createKeepAliveAgent); without one, a connection per request. */
  agent?: RestAgent;
  /** Sent as HTTP basic auth on every request. */
  credentials?: HttpCredentials | null;
  /** PEM CA certificate(s) an https: upstream's certificate must chain to (instead of Node's bundled roots). */
  ca?: string | null;
}

/** What a REST client needs to reach one upstream: where, and how it authenticates (PanelConfig builds these). */
export interface HttpEndpoint {
  url: string;
  credentials: HttpCredentials | null;
  ca: string | null;
}

/** An endpoint, or just the URL of one that needs no credentials. */
export type EndpointLike = HttpEndpoint | string;

export function asEndpoint(endpoint: EndpointLike): HttpEndpoint {
  return typeof endpoint === 'string' ? { url: endpoint, credentials: null, ca: null } : endpoint;
}

/** RestOptions for an endpoint. */
export function endpointOptions(upstream: UpstreamName, endpoint: HttpEndpoint, timeoutMs: number): RestOptions {
  return { upstream, baseUrl: endpoint.url, timeoutMs, credentials: endpoint.credentials, ca: endpoint.ca };
}

/** A keep-alive connection pool for one upstream (http: or https: alike). */
export interface RestAgent {
  http: Agent;
  /** Created on the first https: request (node:https is loaded only then). */
  https(): Promise<HttpsAgent>;
  destroy(): void;
}

export interface KeepAliveOptions {
  /** Connections open at once to the upstream; more requests queue. Default 16. */
  maxSockets?: number;
  /**
   * An idle connection is closed after this long, below the servers' own idle timeouts (Jetty's 30 s in Connect and
   * Confluent SR, Node's 5 s keepAliveTimeout), so the panel never writes to a socket the server is closing.
   */
  idleMs?: number;
}

/**
 * One pool per upstream, created once: requests reuse open connections instead of a TCP handshake each, and a burst
 * of reads opens at most `maxSockets` connections.
 */
export function createKeepAliveAgent(options: KeepAliveOptions = {}): RestAgent {
  const settings = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 16,
    maxFreeSockets: options.maxSockets ?? 16,
    timeout: options.idleMs ?? 4000,
    scheduling: 'lifo' as const,
  };
  const http = new Agent(settings);
  let https: Promise<HttpsAgent> | null = null;
  return {
    http,
    https: () => (https ??= import('node:https').then((m) => new m.Agent(settings))),
    destroy() {
      http.destroy();
      void https?.then((a) => a.destroy());
    },
  };
}

export interface RestResponse<T> {
  status: number;
  body: T;
}

/**
 * A non-2xx answer from a reachable service. `errorCode`/`upstreamMessage` come from the JSON error body that the
 * Confluent registry ({error_code, message}) and Kafka Connect ({error_code, message}) both use.
 */
export class UpstreamHttpError extends UpstreamError {
  readonly upstreamStatus: number;
  readonly errorCode: number | null;
  readonly upstreamMessage: string;
  readonly body: unknown;

  constructor(upstream: UpstreamName, target: string, status: number, body: unknown, text: string) {
    const parsed = body && typeof body === 'object' ? (body as { error_code?: unknown; message?: unknown }) : {};
    const message = typeof parsed.message === 'string' ? parsed.message : text.length > 300 ? `${text.slice(0, 300)}…` : text;
    super(upstream, target, `HTTP ${status}${message ? `: ${message}` : ''}`, { upstreamStatus: status });
    this.upstreamStatus = status;
    this.errorCode = typeof parsed.error_code === 'number' ? parsed.error_code : null;
    this.upstreamMessage = message;
    this.body = body;
  }
}

export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** One JSON request with a timeout. Network failures → UpstreamError (503); non-2xx → UpstreamHttpError (502). */
export async function requestJson<T>(options: RestOptions, method: string, path: string, body?: unknown): Promise<RestResponse<T>> {
  const url = joinUrl(options.baseUrl, path);
  const mediaType = options.mediaType ?? 'application/json';
  const headers: Record<string, string> = { accept: `${mediaType}, application/json;q=0.9` };
  if (options.credentials) headers.authorization = basicAuthorization(options.credentials);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  if (payload) {
    headers['content-type'] = mediaType;
    headers['content-length'] = String(payload.length);
  }
  let answer: { status: number; text: string };
  try {
    answer = await send(url, { method, headers }, payload, options);
  } catch (error) {
    const hint = tlsPortHint(url, error, options.upstream);
    const reason = describeNetworkFailure(error, options.timeoutMs);
    throw new UpstreamError(options.upstream, url, hint ? `${reason}; ${hint}` : reason, { cause: error });
  }
  const { status, text } = answer;
  const plain = plainHttpOnTlsPort(status, text);
  if (plain) throw new UpstreamError(options.upstream, url, plain.message, { cause: plain });
  const ok = status >= 200 && status < 300;
  let parsed: unknown = undefined;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      if (ok) throw new UpstreamError(options.upstream, url, 'answered with a body that is not JSON', { upstreamStatus: status });
    }
  }
  if (status === 401 || status === 403) {
    throw new UpstreamAuthError(options.upstream, url, `HTTP ${status}`, { sentCredentials: Boolean(options.credentials) });
  }
  if (!ok) throw new UpstreamHttpError(options.upstream, url, status, parsed, text);
  return { status, body: parsed as T };
}

const timeoutError = (ms: number) => Object.assign(new Error(`no answer within ${ms} ms`), { name: 'TimeoutError' });

/**
 * The request and its whole answer within `timeoutMs`. A kept-alive connection the server closed just as it was
 * reused fails with ECONNRESET before anything was processed; such a request is sent once more on a fresh
 * connection unless it is a POST (not idempotent).
 */
async function send(
  url: string,
  init: RequestOptions,
  payload: Buffer | undefined,
  options: RestOptions,
): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const request = secure ? (await import('node:https')).request : httpRequest;
  const agent = options.agent ? (secure ? await options.agent.https() : options.agent.http) : undefined;
  const deadline = Date.now() + options.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const tls = secure && options.ca ? { ca: options.ca } : {};
      return await once(request, target, { ...init, ...tls, agent }, payload, deadline, options.timeoutMs);
    } catch (error) {
      const reused = (error as { reusedSocket?: boolean }).reusedSocket === true;
      const reset = (error as { code?: string }).code === 'ECONNRESET';
      if (attempt > 0 || !reused || !reset || init.method === 'POST' || Date.now() >= deadline) throw error;
    }
  }
}

function once(
  request: typeof httpRequest,
  url: URL,
  init: RequestOptions,
  payload: Buffer | undefined,
  deadline: number,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    let req: ClientRequest | undefined = undefined;
    const timer = setTimeout(() => req?.destroy(timeoutError(timeoutMs)), Math.max(1, deadline - Date.now()));
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(Object.assign(error, { reusedSocket: req?.reusedSocket === true }));
    };
    req = request(url, init, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', fail);
    req.end(payload);
  });
}
