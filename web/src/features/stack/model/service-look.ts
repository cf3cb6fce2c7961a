import type { OverallHealth, ServiceStatus } from '@pipeline-panel/server/contracts';

/** Colour family used by badges, graph nodes and card accents (see --tone-* in styles.css). */
export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

export interface Look {
  tone: Tone;
  label: string;
}

/** What one service looks like on screen: state and health folded into one colour and one word. */
export function serviceLook(service: Pick<ServiceStatus, 'state' | 'health' | 'completed'>): Look {
  // A one-shot step (e.g. clickhouse-init) that exited 0 as another service waited for: its work is done.
  if (service.completed) return { tone: 'ok', label: 'done' };
  switch (service.state) {
    case 'not-created':
      return { tone: 'idle', label: 'not created' };
    case 'created':
      return { tone: 'idle', label: 'created' };
    case 'exited':
      return { tone: 'bad', label: 'stopped' };
    case 'dead':
      return { tone: 'bad', label: 'dead' };
    case 'paused':
      return { tone: 'warn', label: 'paused' };
    case 'restarting':
      return { tone: 'warn', label: 'restarting' };
    case 'removing':
      return { tone: 'warn', label: 'removing' };
    case 'running':
      switch (service.health) {
        case 'healthy':
          return { tone: 'ok', label: 'healthy' };
        case 'starting':
          return { tone: 'warn', label: 'starting' };
        case 'unhealthy':
          return { tone: 'bad', label: 'unhealthy' };
        case 'none':
          return { tone: 'ok', label: 'running' };
      }
  }
}

export function overallLook(overall: OverallHealth): Look {
  switch (overall) {
    case 'healthy':
      return { tone: 'ok', label: 'All healthy' };
    case 'starting':
      return { tone: 'warn', label: 'Starting' };
    case 'degraded':
      return { tone: 'bad', label: 'Degraded' };
    case 'down':
      return { tone: 'bad', label: 'Down' };
    case 'unknown':
      return { tone: 'idle', label: 'Unknown' };
  }
}

/** Which actions make sense now. A service without a container can only be created by `docker compose up`. */
export function availableActions(state: ServiceStatus['state']): { start: boolean; stop: boolean; restart: boolean } {
  if (state === 'not-created') return { start: false, stop: false, restart: false };
  const running = state === 'running' || state === 'restarting' || state === 'paused';
  return { start: !running, stop: running, restart: state !== 'removing' };
}

/**
 * The "Healthy in" cell: the time from start to healthy only when the server knows it (it saw the transition, or
 * Docker's health log reached back to the start); a container already healthy before the panel looked says unknown.
 */
export function healthyIn(
  service: Pick<ServiceStatus, 'state' | 'health' | 'hasHealthcheck' | 'timeToHealthyMs'>,
  format: (ms: number) => string,
): { text: string; title: string; known: boolean } {
  if (!service.hasHealthcheck) return { text: 'n/a', title: 'This service declares no healthcheck', known: false };
  if (service.timeToHealthyMs !== null)
    return { text: format(service.timeToHealthyMs), title: 'From container start to its first passing healthcheck', known: true };
  if (service.state === 'running' && service.health === 'healthy') {
    return {
      text: 'unknown',
      title:
        "Healthy, but when it became healthy is unknown: the panel did not see it happen, and Docker keeps only the last 5 health checks, which no longer reach back to the container's start. Restart the service to measure it.",
      known: false,
    };
  }
  return { text: '—', title: 'Not healthy yet', known: false };
}
