import type { SmokeFailure, SmokeService } from '../contracts/smoke.ts';
import { AppError } from '../errors/app-error.ts';
import { UpstreamError, type UpstreamName } from '../http/upstream-error.ts';

export type ServiceHints = Partial<Record<UpstreamName, string>>;

/** Compose service names of the stack (docker-compose.yml). */
const COMPOSE_SERVICE: Record<UpstreamName, string> = {
  Kafka: 'kafka',
  'Schema Registry': 'schema-registry',
  'Kafka Connect': 'connect',
  ClickHouse: 'clickhouse',
};

export function startFix(service: UpstreamName, hints: ServiceHints = {}): string {
  const name = COMPOSE_SERVICE[service];
  return hints[service] ?? `docker compose up -d ${name} (then check docker compose logs ${name})`;
}

/** A step's failure: what happened, in which service, and the likely fix. */
export class StepFailure extends Error {
  constructor(readonly failure: SmokeFailure) {
    super(failure.message);
    this.name = 'StepFailure';
  }
}

export function fail(service: SmokeService, message: string, fix: string, details?: unknown, code?: string): never {
  const failure: SmokeFailure = { service, ...(code ? { code } : {}), message, fix };
  throw new StepFailure(details === undefined ? failure : { ...failure, details });
}

const SERVICES = new Set<string>(['Kafka', 'Schema Registry', 'Kafka Connect', 'ClickHouse']);

/** Any error a step throws → a failure naming the service (an unreachable one gets "unreachable" and how to start it). */
export function toFailure(error: unknown, fallback: SmokeService, hints: ServiceHints): SmokeFailure {
  if (error instanceof StepFailure) return error.failure;
  if (error instanceof UpstreamError && error.statusCode === 503) {
    return {
      service: error.upstream,
      message: `${error.upstream} at ${error.target} unreachable: ${error.reason}`,
      fix: startFix(error.upstream, hints),
    };
  }
  if (error instanceof AppError) {
    const named = (error.details as { service?: unknown } | undefined)?.service;
    const service = typeof named === 'string' && SERVICES.has(named) ? (named as UpstreamName) : fallback;
    const fix =
      service === 'Panel' ? 'see the message' : `check ${service}: docker compose logs ${COMPOSE_SERVICE[service as UpstreamName]}`;
    return { service, message: error.message, fix };
  }
  return {
    service: fallback,
    message: error instanceof Error ? error.message : String(error),
    fix: 'see the message; the panel log has the details',
  };
}
