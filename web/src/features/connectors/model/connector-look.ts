import type { ConnectorState, ConnectorSummary } from '@pipeline-panel/server/contracts';

export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

/** Connect's states as a tone: running is fine, paused/restarting want attention, failed is bad. */
export function stateTone(state: ConnectorState): Tone {
  switch (state) {
    case 'RUNNING':
      return 'ok';
    case 'FAILED':
      return 'bad';
    case 'PAUSED':
    case 'RESTARTING':
    case 'UNASSIGNED':
      return 'warn';
    default:
      return 'idle';
  }
}

/** A connector is failed when it or any of its tasks is. */
export function isFailed(connector: Pick<ConnectorSummary, 'state' | 'tasks'>): boolean {
  return connector.state === 'FAILED' || connector.tasks.some((t) => t.state === 'FAILED');
}

/** Failed connectors first, then by name; the input is left as it is. */
export function failedFirst<T extends Pick<ConnectorSummary, 'name' | 'state' | 'tasks'>>(connectors: T[]): T[] {
  return [...connectors].sort((a, b) => Number(isFailed(b)) - Number(isFailed(a)) || a.name.localeCompare(b.name));
}

/** "1/1 tasks running", "0/2 tasks running · 1 failed", "no tasks". */
export function taskSummary(tasks: ConnectorSummary['tasks']): string {
  if (tasks.length === 0) return 'no tasks';
  const running = tasks.filter((t) => t.state === 'RUNNING').length;
  const failed = tasks.filter((t) => t.state === 'FAILED').length;
  const base = `${running}/${tasks.length} ${tasks.length === 1 ? 'task' : 'tasks'} running`;
  return failed > 0 ? `${base} · ${failed} failed` : base;
}

/** Which lifecycle buttons make sense in a state: pause a running one, resume a paused one, restart anything. */
export function availableActions(state: ConnectorState): { pause: boolean; resume: boolean; restart: boolean } {
  return { pause: state === 'RUNNING' || state === 'FAILED', resume: state === 'PAUSED' || state === 'STOPPED', restart: true };
}

/** `com.clickhouse.kafka.connect.ClickHouseSinkConnector` → `ClickHouseSinkConnector`. */
export function shortClass(connectorClass: string): string {
  return connectorClass.split('.').pop() || connectorClass;
}

/** The first line of a Java trace (the exception and its message), for the collapsed view. */
export function traceHeadline(trace: string): string {
  return trace.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}
