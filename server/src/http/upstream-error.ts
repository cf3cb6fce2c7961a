import type { ErrorCode } from '../contracts/error-codes.ts';
import { AppError } from '../errors/app-error.ts';
import { credentialFix, describeTlsFailure } from './credentials.ts';

export type UpstreamName = 'Kafka' | 'Schema Registry' | 'Kafka Connect' | 'ClickHouse';

const CODES: Record<UpstreamName, { unreachable: ErrorCode; failed: ErrorCode }> = {
  Kafka: { unreachable: 'KAFKA_UNAVAILABLE', failed: 'KAFKA_ERROR' },
  'Schema Registry': { unreachable: 'SCHEMA_REGISTRY_UNAVAILABLE', failed: 'SCHEMA_REGISTRY_ERROR' },
  'Kafka Connect': { unreachable: 'CONNECT_UNAVAILABLE', failed: 'CONNECT_ERROR' },
  ClickHouse: { unreachable: 'CLICKHOUSE_UNAVAILABLE', failed: 'CLICKHOUSE_ERROR' },
};

/** Why a network call failed, in words: walks the `cause` chain for a system error code. */
export function describeNetworkFailure(error: unknown, timeoutMs?: number): string {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { code, name, message } = current as { code?: unknown; name?: string; message?: string };
    if (name === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || /timed? ?out/i.test(message ?? '')) {
      return timeoutMs ? `no answer within ${timeoutMs} ms (timeout)` : 'the request timed out';
    }
    if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED)';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not found (ENOTFOUND)';
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset by the server (ECONNRESET)';
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `host unreachable (${String(code)})`;
    if (/ECONNREFUSED/.test(message ?? '')) return 'connection refused (ECONNREFUSED)';
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.message : String(error);
}

/** A failed call to one of the stack's services; the message names the service and where it was called. */
export class UpstreamError extends AppError {
  constructor(
    readonly upstream: UpstreamName,
    readonly target: string,
    readonly reason: string,
    options: { status?: number; upstreamStatus?: number; cause?: unknown } = {},
  ) {
    const unreachable = options.upstreamStatus === undefined;
    // A certificate the panel does not trust is not an outage: it gets its own code and the setting that fixes it.
    const tls = unreachable ? describeTlsFailure(options.cause, upstream) : null;
    super(
      tls ? 502 : (options.status ?? (unreachable ? 503 : 502)),
      tls ? 'UPSTREAM_TLS_FAILED' : CODES[upstream][unreachable ? 'unreachable' : 'failed'],
      `${upstream} at ${target}: ${tls ?? reason}`,
      { service: upstream, target, upstreamStatus: options.upstreamStatus },
      { cause: options.cause },
    );
  }
}

/**
 * The service refused the panel's credentials (HTTP 401/403, Kafka's SASL authentication failure, ClickHouse's
 * code 516): names the service and the settings to check, never their values.
 */
export class UpstreamAuthError extends AppError {
  constructor(
    readonly upstream: UpstreamName,
    readonly target: string,
    detail: string,
    options: { sentCredentials: boolean; cause?: unknown },
  ) {
    super(
      502,
      'UPSTREAM_AUTH_FAILED',
      `${upstream} at ${target} refused the panel's credentials (${detail}); ${credentialFix(upstream, options.sentCredentials)}`,
      { service: upstream, target },
      { cause: options.cause },
    );
  }
}
