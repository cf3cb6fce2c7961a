import type { ApiErrorBody, ErrorCode } from '@pipeline-panel/server/contracts';
import { readToken } from './token-store.ts';

/** Every failed API call surfaces as this error, carrying the server's stable code and human message. */
export class ApiError extends Error implements ApiErrorBody {
  readonly statusCode: number;
  /** One of the closed list shared with the server (contracts/error-codes.ts). */
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.statusCode = body.statusCode;
    this.code = body.code;
    this.details = body.details;
  }
}

export const API_UNREACHABLE: ErrorCode = 'API_UNREACHABLE';

/**
 * Sent on every request. The server refuses a mutating request without it (403 PANEL_HEADER_REQUIRED): a page on
 * another origin cannot add it without a CORS preflight, which the panel never grants.
 */
export const PANEL_HEADER = { name: 'x-pipeline-panel', value: '1' } as const;

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body.code === 'string' && typeof body.message === 'string';
}

/** Turns a non-2xx response body into an ApiError, keeping the server's code when it sent the panel's error shape. */
export function toApiError(status: number, statusText: string, bodyText: string): ApiError {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (isErrorBody(parsed)) return new ApiError({ ...parsed, statusCode: parsed.statusCode ?? status });
  } catch {
    // Not JSON: a proxy or a crashed server answered; fall through to a generic error.
  }
  const text = bodyText.trim().slice(0, 200);
  return new ApiError({
    statusCode: status,
    code: 'UNEXPECTED_RESPONSE',
    message: text || statusText || `Request failed with status ${status}`,
  });
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Ask for the services' answer of now, past the panel's short read cache (a Refresh button). */
  fresh?: boolean;
}

export async function apiRequest<T>(path: string, { method = 'GET', body, signal, fresh }: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', [PANEL_HEADER.name]: PANEL_HEADER.value };
  if (fresh) headers['cache-control'] = 'no-cache';
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = readToken();
  if (token) headers['x-panel-token'] = token;

  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError({ statusCode: 0, code: API_UNREACHABLE, message: 'The panel API did not answer. Is the panel server running?' });
  }

  const text = await response.text();
  if (!response.ok) throw toApiError(response.status, response.statusText, text);
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal, options: { fresh?: boolean } = {}) => apiRequest<T>(path, { signal, ...options }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body: body ?? {} }),
};
