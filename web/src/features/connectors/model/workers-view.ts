import type { ConnectWorkersResponse, TaskPlacement } from '@pipeline-panel/server/contracts';

const key = (connector: string, task: number | null) => `${connector}\u0000${task ?? ''}`;

/** The moved placements by connector and task, for the task lists. */
export function movedPlacements(body: Pick<ConnectWorkersResponse, 'placements'> | undefined): Map<string, TaskPlacement> {
  return new Map((body?.placements ?? []).filter((p) => p.movedFrom !== null).map((p) => [key(p.connector, p.task), p]));
}

export function movedOf(moved: Map<string, TaskPlacement>, connector: string, task: number | null): TaskPlacement | undefined {
  return moved.get(key(connector, task));
}

/** "task 1 of orders-sink" / "connector orders-sink". */
export function placementName(p: Pick<TaskPlacement, 'connector' | 'task'>): string {
  return p.task === null ? `connector ${p.connector}` : `task ${p.task} of ${p.connector}`;
}

/** One line for the workers section: "2 workers · 1 missing · 1 task moved". */
export function workersSummary(body: ConnectWorkersResponse): string {
  const missing = body.workers.filter((w) => w.state === 'missing').length;
  const moved = body.placements.filter((p) => p.movedFrom !== null).length;
  const parts = [`${body.workers.length} worker${body.workers.length === 1 ? '' : 's'} seen`];
  if (missing > 0) parts.push(`${missing} running nothing now`);
  if (moved > 0) parts.push(`${moved} moved`);
  return parts.join(' · ');
}
