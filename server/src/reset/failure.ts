import type { ResetFailure } from '../contracts/reset.ts';
import { isAppError } from '../errors/app-error.ts';
import { UpstreamError, type UpstreamName } from '../http/upstream-error.ts';

export const RUN_AGAIN = 'then run the reset again: it resumes and finishes the job';

/** A step's failure with the service that failed and what to do about it. */
export class StepFailure extends Error {
  constructor(
    readonly service: string,
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = 'StepFailure';
  }
}

/** The compose service and the panel setting behind each bootstrap target (docker-compose.yml, config.ts). */
const UPSTREAM: Record<UpstreamName, { service: string; setting: string }> = {
  Kafka: { service: 'kafka', setting: 'PANEL_KAFKA_BROKERS' },
  'Schema Registry': { service: 'schema-registry', setting: 'PANEL_SCHEMA_REGISTRY_URL' },
  'Kafka Connect': { service: 'connect', setting: 'PANEL_CONNECT_URL' },
  ClickHouse: { service: 'clickhouse', setting: 'PANEL_CLICKHOUSE_URL' },
};

/** Turns whatever a step threw into { service, message, fix }. `fileFix` explains a refusal caused by a repo file. */
export function toFailure(error: unknown, fallbackService: string, fileFix?: string): Omit<ResetFailure, 'step'> {
  if (error instanceof StepFailure) return { service: error.service, message: error.message, fix: error.fix };
  if (error instanceof UpstreamError && error.statusCode === 503) {
    const { service, setting } = UPSTREAM[error.upstream];
    return {
      service: error.upstream,
      message: error.message,
      fix: `Start it (\`docker compose up -d ${service}\`, check \`docker compose logs ${service}\`) or point ${setting} at it; ${RUN_AGAIN}`,
    };
  }
  if (isAppError(error)) {
    const details = (error.details ?? {}) as { service?: unknown; hint?: unknown };
    const service =
      typeof details.service === 'string'
        ? details.service
        : error.code.startsWith('DOCKER')
          ? 'Docker Engine'
          : error.code.startsWith('COMPOSE')
            ? 'compose file'
            : fallbackService;
    const hint = typeof details.hint === 'string' ? details.hint : null;
    return { service, message: error.message, fix: `${fileFix ?? hint ?? 'See the message above'}; ${RUN_AGAIN}` };
  }
  return {
    service: fallbackService,
    message: error instanceof Error ? error.message : String(error),
    fix: `See the panel log; ${RUN_AGAIN}`,
  };
}

/** Retries `call` while its service answers "unavailable" (503), up to `waitMs`: a service just started may need a moment. */
export async function untilReachable<T>(call: () => Promise<T>, waitMs: number, onWait?: (reason: string) => void): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const unavailable = error instanceof UpstreamError && error.statusCode === 503;
      if (!unavailable || Date.now() >= deadline) throw error;
      onWait?.((error as Error).message);
      await new Promise((r) => setTimeout(r, Math.min(1_000, Math.max(0, deadline - Date.now()))));
    }
  }
}
