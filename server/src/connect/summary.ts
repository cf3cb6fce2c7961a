import type { ConnectorSummary, ConnectorTask } from '../contracts/connectors.ts';
import type { ExpandedConnector, RawConnectorStatus } from './client.ts';

/** Sink connectors consume as the group `connect-<name>` (Connect's SinkUtils.consumerGroupId). */
export const consumerGroupOf = (name: string) => `connect-${name}`;

export function isFailed(c: Pick<ConnectorSummary, 'state' | 'tasks'>): boolean {
  return c.state === 'FAILED' || c.tasks.some((t) => t.state === 'FAILED');
}

/** Failed connectors (or with a failed task) first, then by name. */
export function failedFirst(a: ConnectorSummary, b: ConnectorSummary): number {
  return Number(isFailed(b)) - Number(isFailed(a)) || a.name.localeCompare(b.name);
}

/** A summary without lag, from Connect's status and config (either may be missing while a connector starts). */
export function summarize(name: string, expanded: ExpandedConnector): ConnectorSummary {
  const status: RawConnectorStatus | undefined = expanded.status;
  const config = expanded.info?.config ?? {};
  const type = expanded.info?.type ?? status?.type ?? 'unknown';
  const tasks: ConnectorTask[] = (status?.tasks ?? [])
    .map((t) => ({ id: t.id, state: t.state, workerId: t.worker_id, ...(t.trace ? { trace: t.trace } : {}) }))
    .sort((a, b) => a.id - b.id);
  const topics = (config['topics'] ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  return {
    name,
    type,
    connectorClass: config['connector.class'] ?? '',
    state: status?.connector.state ?? 'UNASSIGNED',
    workerId: status?.connector.worker_id ?? '',
    ...(status?.connector.trace ? { trace: status.connector.trace } : {}),
    tasks,
    topics,
    consumerGroup: type === 'sink' ? consumerGroupOf(name) : null,
    lag: null,
  };
}
