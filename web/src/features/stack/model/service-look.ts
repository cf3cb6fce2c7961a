import type { OverallHealth, ServiceStatus } from '@pipeline-panel/server/contracts';

/** Colour family used by badges, graph nodes and card accents (see --tone-* in styles.css). */
export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

export interface Look {
  tone: Tone;
  label: string;
}

/** What one service looks like on screen: state and health folded into one colour and one word. */
export function serviceLook(service: Pick<ServiceStatus, 'state' | 'health'>): Look {
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
