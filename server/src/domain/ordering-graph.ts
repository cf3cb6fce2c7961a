import type { DependencyEdge, GraphProblem, OrderingGraph } from '../contracts/stack.ts';

export interface GraphInputService {
  name: string;
  hasHealthcheck: boolean;
  dependsOn: { service: string; condition: DependencyEdge['condition'] }[];
}

/** Builds the start-up ordering of compose services: edges, waves (topological levels) and problems. */
export function buildOrderingGraph(input: GraphInputService[]): OrderingGraph {
  const services = input.map((s) => s.name);
  const byName = new Map(input.map((s) => [s.name, s]));
  const edges: DependencyEdge[] = [];
  const problems: GraphProblem[] = [];

  for (const service of input) {
    for (const dep of service.dependsOn) {
      const target = byName.get(dep.service);
      if (!target) {
        problems.push({ kind: 'unknown-dependency', service: service.name, dependsOn: dep.service });
        continue;
      }
      edges.push({ from: service.name, to: dep.service, condition: dep.condition });
      if (dep.condition === 'service_healthy' && !target.hasHealthcheck) {
        problems.push({ kind: 'healthy-condition-without-healthcheck', service: service.name, dependsOn: dep.service });
      }
    }
  }

  const cycles = findCycles(services, edges);
  for (const cycle of cycles) problems.push({ kind: 'cycle', services: cycle });
  return { services, edges, waves: cycles.length > 0 ? [] : computeWaves(services, edges), problems };
}

/** Kahn's algorithm by levels; services inside a wave keep declaration order. */
function computeWaves(services: string[], edges: DependencyEdge[]): string[][] {
  const waitsFor = new Map(services.map((s) => [s, new Set<string>()]));
  for (const edge of edges) waitsFor.get(edge.from)!.add(edge.to);
  const placed = new Set<string>();
  const waves: string[][] = [];
  while (placed.size < services.length) {
    const wave = services.filter((s) => !placed.has(s) && [...waitsFor.get(s)!].every((d) => placed.has(d)));
    if (wave.length === 0) break; // unreachable without cycles
    wave.forEach((s) => placed.add(s));
    waves.push(wave);
  }
  return waves;
}

/** Strongly connected components with more than one service, or a service depending on itself (Tarjan). */
function findCycles(services: string[], edges: DependencyEdge[]): string[][] {
  const next = new Map(services.map((s) => [s, [] as string[]]));
  for (const edge of edges) next.get(edge.from)!.push(edge.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;

  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next.get(v)!.includes(v)) {
        cycles.push(services.filter((s) => component.includes(s)));
      }
    }
  };
  for (const s of services) if (!index.has(s)) visit(s);
  return cycles;
}
