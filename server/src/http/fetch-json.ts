import { UpstreamError, describeNetworkFailure, type UpstreamName } from './upstream-error.ts';

export interface JsonHttpOptions {
  upstream: UpstreamName;
  baseUrl: string;
  timeoutMs: number;
}

/** GET a JSON document from an upstream REST API with a timeout; failures name the service and URL. */
export async function getJson<T>(options: JsonHttpOptions, path: string): Promise<T> {
  const url = new URL(path, options.baseUrl).toString();
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (error) {
    throw new UpstreamError(options.upstream, url, describeNetworkFailure(error, options.timeoutMs), { cause: error });
  }
  const text = await response.text();
  if (!response.ok) {
    const detail = text.length > 300 ? `${text.slice(0, 300)}…` : text;
    throw new UpstreamError(options.upstream, url, `HTTP ${response.status}${detail ? `: ${detail}` : ''}`, {
      upstreamStatus: response.status,
    });
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UpstreamError(options.upstream, url, 'answered with a body that is not JSON', { upstreamStatus: response.status });
  }
}
