import type { OverallHealth, ServiceStatus } from '../contracts/stack.ts';

/** One entry of Docker's State.Health.Log (Docker keeps the last five). */
export interface HealthLogEntry {
  Start: string;
  End: string;
  ExitCode: number;
}

export interface HealthTiming {
  healthySince: string | null;
  timeToHealthyMs: number | null;
  /** False when the log was truncated so the real transition may have been earlier. */
  exact: boolean;
}

const DOCKER_HEALTH_LOG_SIZE = 5;

/**
 * When a healthy container became healthy: the first success of the trailing run of successes.
 * Exact only if something precedes that run in the log or the log was not yet full.
 */
export function computeHealthTiming(startedAt: string | null, status: string | undefined, log: HealthLogEntry[] | undefined): HealthTiming {
  const none: HealthTiming = { healthySince: null, timeToHealthyMs: null, exact: true };
  if (status !== 'healthy' || !log || log.length === 0) return none;
  const started = startedAt ? Date.parse(startedAt) : NaN;
  // Probes that ran before the current start belong to the previous run of the container.
  const entries = Number.isNaN(started) ? log : log.filter((e) => Date.parse(e.Start) >= started);
  let first = entries.length;
  while (first > 0 && entries[first - 1]!.ExitCode === 0) first--;
  if (first === entries.length) return none;
  const since = entries[first]!.End;
  const exact = first > 0 || entries.length < log.length || log.length < DOCKER_HEALTH_LOG_SIZE;
  const sinceMs = Date.parse(since);
  const timeToHealthyMs = exact && !Number.isNaN(started) && !Number.isNaN(sinceMs) ? Math.max(0, sinceMs - started) : null;
  return { healthySince: since, timeToHealthyMs, exact };
}

type StatusLike = Pick<ServiceStatus, 'state' | 'health' | 'declared'>;

/**
 * healthy: every declared service runs and is healthy (or has no healthcheck);
 * starting: none is failing but some are still starting;
 * degraded: some declared service is down or unhealthy while others run; down: none runs.
 */
export function aggregateHealth(services: StatusLike[], dockerReachable: boolean): OverallHealth {
  const declared = services.filter((s) => s.declared);
  if (!dockerReachable || declared.length === 0) return 'unknown';
  const running = declared.filter((s) => s.state === 'running');
  if (running.length === 0 && !declared.some((s) => s.state === 'restarting')) return 'down';
  const failing = declared.some((s) => (s.state !== 'running' && s.state !== 'restarting') || s.health === 'unhealthy');
  if (failing) return 'degraded';
  const starting = declared.some((s) => s.state === 'restarting' || s.health === 'starting');
  return starting ? 'starting' : 'healthy';
}
