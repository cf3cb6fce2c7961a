import { UpstreamError, describeNetworkFailure, type UpstreamName } from './upstream-error.ts';

export interface RestOptions {
  upstream: UpstreamName;
  /** Base URL; may carry a path prefix (e.g. Apicurio's /apis/ccompat/v7), which is kept. */
  baseUrl: string;
  timeoutMs: number;
  /** Content-Type for request bodies and the preferred Accept type. */
  mediaType?: string;
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
  if (body !== undefined) headers['content-type'] = mediaType;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw new UpstreamError(options.upstream, url, describeNetworkFailure(error, options.timeoutMs), { cause: error });
  }
  let parsed: unknown = undefined;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      if (response.ok)
        throw new UpstreamError(options.upstream, url, 'answered with a body that is not JSON', { upstreamStatus: response.status });
    }
  }
  if (!response.ok) throw new UpstreamHttpError(options.upstream, url, response.status, parsed, text);
  return { status: response.status, body: parsed as T };
}
