import type { ConnectWorker, TaskPlacement } from '../../contracts/cluster.ts';

/** One connector's status as Connect reports it (`GET /connectors?expand=status`). */
export interface ConnectorStatusFact {
  name: string;
  connector: { state: string; workerId: string };
  tasks: Array<{ id: number; state: string; workerId: string }>;
}

/** What the panel remembers between reads, per connector instance and task. */
export interface PlacementMemory {
  tasks: Map<string, { workerId: string; movedFrom: string | null; movedAt: string | null }>;
  workers: Map<string, { lastSeenAt: string }>;
}

export const emptyPlacementMemory = (): PlacementMemory => ({ tasks: new Map(), workers: new Map() });

const key = (connector: string, task: number | null) => `${connector}\u0000${task ?? 'connector'}`;

/**
 * Where each connector and task runs now, and whether it moved: a task the panel last saw on another worker is
 * marked moved (from that worker, at the time the panel first saw it elsewhere) for as long as it stays on its new
 * worker. A task seen for the first time has no history, so it is not moved. Returns the next memory; the input is
 * not changed. Workers seen before but running nothing now are kept as `missing` (lost, or idle).
 */
export function trackPlacements(
  memory: PlacementMemory,
  statuses: ConnectorStatusFact[],
  now: string,
  panelWorkerId: string | null,
): { memory: PlacementMemory; placements: TaskPlacement[]; workers: ConnectWorker[] } {
  const next: PlacementMemory = { tasks: new Map(), workers: new Map(memory.workers) };
  const placements: TaskPlacement[] = [];
  const load = new Map<string, { connectors: number; tasks: number }>();
  const place = (connector: string, task: number | null, state: string, workerId: string) => {
    const before = memory.tasks.get(key(connector, task));
    const moved = before !== undefined && before.workerId !== workerId && workerId !== '';
    const movedFrom = moved ? before.workerId : (before?.movedFrom ?? null);
    const movedAt = moved ? now : (before?.movedAt ?? null);
    // An unassigned task (no worker yet) keeps its last known place in memory.
    next.tasks.set(key(connector, task), workerId === '' && before ? before : { workerId, movedFrom, movedAt });
    placements.push({ connector, task, state, workerId, movedFrom, movedAt });
    if (workerId === '') return;
    const counts = load.get(workerId) ?? { connectors: 0, tasks: 0 };
    if (task === null) counts.connectors += 1;
    else counts.tasks += 1;
    load.set(workerId, counts);
    next.workers.set(workerId, { lastSeenAt: now });
  };
  for (const s of [...statuses].sort((a, b) => a.name.localeCompare(b.name))) {
    place(s.name, null, s.connector.state, s.connector.workerId);
    for (const t of [...s.tasks].sort((a, b) => a.id - b.id)) place(s.name, t.id, t.state, t.workerId);
  }
  const workers: ConnectWorker[] = [...next.workers]
    .map(([workerId, { lastSeenAt }]) => {
      const counts = load.get(workerId);
      return {
        workerId,
        state: counts ? ('running' as const) : ('missing' as const),
        connectors: counts?.connectors ?? 0,
        tasks: counts?.tasks ?? 0,
        isPanelEndpoint: workerId === panelWorkerId,
        lastSeenAt,
      };
    })
    .sort((a, b) => a.workerId.localeCompare(b.workerId));
  return { memory: next, placements, workers };
}
