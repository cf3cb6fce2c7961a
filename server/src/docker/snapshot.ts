import type { ServiceStatus, StackSnapshot } from '../contracts/stack.ts';
import type { ComposeLoad } from '../compose/source.ts';
import { aggregateHealth } from '../domain/health.ts';
import { buildOrderingGraph } from '../domain/ordering-graph.ts';

export interface SnapshotInput {
  project: string;
  composeFile: string;
  compose: ComposeLoad;
  statuses: ServiceStatus[];
  dockerReachable: boolean;
  dockerError: string | null;
}

/** Assembles the stack snapshot: statuses, ordering graph and overall health. */
export function buildSnapshot(input: SnapshotInput): StackSnapshot {
  const graph = input.compose.ok ? buildOrderingGraph(input.compose.model.services) : { services: [], edges: [], waves: [], problems: [] };
  return {
    project: input.project,
    composeFile: input.composeFile,
    dockerReachable: input.dockerReachable,
    dockerError: input.dockerError,
    composeError: input.compose.ok ? null : input.compose.error.message,
    composeSource: input.compose.ok ? input.compose.model.source : null,
    overall: aggregateHealth(input.statuses, input.dockerReachable),
    services: input.statuses,
    graph,
    generatedAt: new Date().toISOString(),
  };
}

/** Two snapshots describe the same state (ignoring when they were generated). */
export function sameState(a: StackSnapshot | null, b: StackSnapshot): boolean {
  return a !== null && JSON.stringify({ ...a, generatedAt: '' }) === JSON.stringify({ ...b, generatedAt: '' });
}
