/**
 * After an action, the connector list is read again at once and then every second until it shows the expected
 * state (Connect applies pause/resume/restart/deploy/delete asynchronously), for at most 30 s; then back to 5 s.
 */
import type { ConnectorListResponse } from '@pipeline-panel/server/contracts';

export const SLOW_MS = 5_000;
export const FAST_MS = 1_000;
const MAX_FAST_MS = 30_000;

export type Expectation = (list: ConnectorListResponse) => boolean;

let pending: { until: number; settled: Expectation } | null = null;

export function expectConnectorState(settled: Expectation, now = Date.now()): void {
  pending = { until: now + MAX_FAST_MS, settled };
}

/** The list query's refetchInterval: fast while an expectation is pending and unmet. */
export function connectorsRefetchInterval(data: ConnectorListResponse | undefined, now = Date.now()): number {
  if (!pending) return SLOW_MS;
  if (now > pending.until || (data !== undefined && pending.settled(data))) {
    pending = null;
    return SLOW_MS;
  }
  return FAST_MS;
}

const stateOf = (list: ConnectorListResponse, name: string) => list.connectors.find((c) => c.name === name);

/** What the list shows once an action took effect. */
export const expectations = {
  pause: (name: string): Expectation => (l) => stateOf(l, name)?.state === 'PAUSED',
  resume: (name: string): Expectation => (l) => stateOf(l, name)?.state === 'RUNNING',
  /** A restart is through when the connector and every task run again. */
  restart: (name: string): Expectation => (l) => {
    const c = stateOf(l, name);
    return c?.state === 'RUNNING' && c.tasks.length > 0 && c.tasks.every((t) => t.state === 'RUNNING');
  },
  deploy: (name: string): Expectation => (l) => {
    const c = stateOf(l, name);
    return c !== undefined && c.state !== 'UNASSIGNED' && c.tasks.length > 0;
  },
  remove: (name: string): Expectation => (l) => stateOf(l, name) === undefined,
};
