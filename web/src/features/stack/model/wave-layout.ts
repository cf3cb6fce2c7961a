import type { DependencyEdge, GraphProblem, OrderingGraph } from '@pipeline-panel/server/contracts';

export interface WaveColumn {
  key: string;
  label: string;
  services: string[];
}

export interface WaveLayout {
  columns: WaveColumn[];
  /** false when a cycle prevents ordering; every service then sits in one "unordered" column. */
  ordered: boolean;
  /** Edges whose both ends are drawn, oriented dependency → dependent (the direction start-up flows). */
  links: { from: string; to: string; condition: DependencyEdge['condition'] }[];
}

export function waveLayout(graph: OrderingGraph): WaveLayout {
  const placed = new Set(graph.waves.flat());
  const columns: WaveColumn[] = graph.waves.map((services, i) => ({ key: `wave-${i + 1}`, label: `Wave ${i + 1}`, services }));
  const leftOver = graph.services.filter((s) => !placed.has(s));
  if (leftOver.length > 0)
    columns.push({ key: 'unordered', label: graph.waves.length ? 'Unordered' : 'Unordered (cycle)', services: leftOver });
  const drawn = new Set(columns.flatMap((c) => c.services));
  const links = graph.edges
    .filter((e) => drawn.has(e.from) && drawn.has(e.to))
    .map((e) => ({ from: e.to, to: e.from, condition: e.condition }));
  return { columns, ordered: graph.waves.length > 0 && leftOver.length === 0, links };
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const round = (n: number) => Math.round(n * 10) / 10;
const LANE_CLEARANCE = 12;

/**
 * An SVG path from one node box to the next. Columns side by side get a left-to-right curve, stacked rows
 * (the narrow layout) a top-to-bottom one; boxes that overlap in both directions get no connector. When other
 * nodes sit in the way (an edge that skips a wave), the path detours along a lane just past them instead of
 * running underneath, which would read as a chain through the node in between.
 */
export function connectorPath(from: Box, to: Box, obstacles: Box[] = []): string | null {
  if (to.left >= from.right) {
    const x1 = from.right,
      y1 = (from.top + from.bottom) / 2;
    const x2 = to.left,
      y2 = (to.top + to.bottom) / 2;
    const between = obstacles.filter((o) => o.left >= x1 && o.right <= x2);
    const blocked = between.some((o) => o.bottom > Math.min(y1, y2) && o.top < Math.max(y1, y2) + 1);
    if (!blocked) {
      const bend = (x2 - x1) / 2;
      return `M ${round(x1)} ${round(y1)} C ${round(x1 + bend)} ${round(y1)}, ${round(x2 - bend)} ${round(y2)}, ${round(x2)} ${round(y2)}`;
    }
    const lane = Math.max(...between.map((o) => o.bottom)) + LANE_CLEARANCE;
    const g = Math.min(24, (x2 - x1) / 4);
    return [
      `M ${round(x1)} ${round(y1)}`,
      `C ${round(x1 + g)} ${round(y1)}, ${round(x1 + g)} ${round(lane)}, ${round(x1 + 2 * g)} ${round(lane)}`,
      `H ${round(x2 - 2 * g)}`,
      `C ${round(x2 - g)} ${round(lane)}, ${round(x2 - g)} ${round(y2)}, ${round(x2)} ${round(y2)}`,
    ].join(' ');
  }
  if (to.top >= from.bottom) {
    const x1 = (from.left + from.right) / 2,
      y1 = from.bottom;
    const x2 = (to.left + to.right) / 2,
      y2 = to.top;
    const between = obstacles.filter((o) => o.top >= y1 && o.bottom <= y2);
    const blocked = between.some((o) => o.right > Math.min(x1, x2) && o.left < Math.max(x1, x2) + 1);
    if (!blocked) {
      const bend = (y2 - y1) / 2;
      return `M ${round(x1)} ${round(y1)} C ${round(x1)} ${round(y1 + bend)}, ${round(x2)} ${round(y2 - bend)}, ${round(x2)} ${round(y2)}`;
    }
    const lane = Math.min(...between.map((o) => o.left)) - LANE_CLEARANCE;
    const g = Math.min(14, (y2 - y1) / 4);
    return [
      `M ${round(x1)} ${round(y1)}`,
      `C ${round(x1)} ${round(y1 + g)}, ${round(lane)} ${round(y1 + g)}, ${round(lane)} ${round(y1 + 2 * g)}`,
      `V ${round(y2 - 2 * g)}`,
      `C ${round(lane)} ${round(y2 - g)}, ${round(x2)} ${round(y2 - g)}, ${round(x2)} ${round(y2)}`,
    ].join(' ');
  }
  return null;
}

export function describeProblem(problem: GraphProblem): string {
  switch (problem.kind) {
    case 'cycle':
      return `Dependency cycle: ${[...problem.services, problem.services[0]].join(' → ')}. Compose cannot order these services; break the loop in depends_on.`;
    case 'unknown-dependency':
      return `${problem.service} depends on ${problem.dependsOn}, which is not declared in the compose file.`;
    case 'healthy-condition-without-healthcheck':
      return `${problem.service} waits for ${problem.dependsOn} to be healthy, but ${problem.dependsOn} has no healthcheck.`;
  }
}
