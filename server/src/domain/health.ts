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
  /** False when Docker's log does not reach back to the container's start, so the transition is unknown. */
  exact: boolean;
}

const DOCKER_HEALTH_LOG_SIZE = 5;

/**
 * When a healthy container became healthy, from Docker's health log — only when that log reaches back to the
 * container's start. Docker turns a container healthy on its first passing probe after the start, and keeps only
 * the last five results. The log covers the start when it holds probes from before the start (the run before), or
 * fewer than five entries, or when its first probe since the start came within one probe interval of the start
 * (`probeIntervalMs`: start_interval during the start period, else interval). Otherwise the first passing probe may
 * have rolled out of the log (a panel started after the stack sees only the latest five), and the answer is unknown:
 * a success after a failure in the window may be recovery from a blip long after the real transition.
 */
export function computeHealthTiming(
  startedAt: string | null,
  status: string | undefined,
  log: HealthLogEntry[] | undefined,
  probeIntervalMs: number | null = null,
): HealthTiming {
  const none: HealthTiming = { healthySince: null, timeToHealthyMs: null, exact: true };
  if (status !== 'healthy' || !log || log.length === 0) return none;
  const started = startedAt ? Date.parse(startedAt) : NaN;
  if (Number.isNaN(started)) return { ...none, exact: false };
  // Probes that ran before the current start belong to the previous run of the container.
  const entries = log.filter((e) => Date.parse(e.Start) >= started);
  const firstProbeGap = entries.length > 0 ? Date.parse(entries[0]!.Start) - started : NaN;
  const covers =
    entries.length < log.length ||
    log.length < DOCKER_HEALTH_LOG_SIZE ||
    (probeIntervalMs !== null && probeIntervalMs > 0 && firstProbeGap <= probeIntervalMs * 1.5);
  if (!covers) return { ...none, exact: false };
  const first = entries.find((e) => e.ExitCode === 0);
  if (!first) return { ...none, exact: false };
  const since = Date.parse(first.End);
  return { healthySince: first.End, timeToHealthyMs: Number.isNaN(since) ? null : Math.max(0, since - started), exact: true };
}

type StatusLike = Pick<ServiceStatus, 'state' | 'health' | 'declared' | 'completed'>;

/**
 * healthy: every declared service runs and is healthy (or has no healthcheck);
 * starting: none is failing but some are still starting;
 * degraded: some declared service is down or unhealthy while others run; down: none runs.
 */
export function aggregateHealth(services: StatusLike[], dockerReachable: boolean): OverallHealth {
  // A one-shot step that has done its work is neither down nor failing.
  const declared = services.filter((s) => s.declared && !s.completed);
  if (!dockerReachable || declared.length === 0) return 'unknown';
  const running = declared.filter((s) => s.state === 'running');
  if (running.length === 0 && !declared.some((s) => s.state === 'restarting')) return 'down';
  const failing = declared.some((s) => (s.state !== 'running' && s.state !== 'restarting') || s.health === 'unhealthy');
  if (failing) return 'degraded';
  const starting = declared.some((s) => s.state === 'restarting' || s.health === 'starting');
  return starting ? 'starting' : 'healthy';
}
