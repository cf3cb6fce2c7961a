import type { ProbeResult, ProbeTarget } from '@pipeline-panel/server/contracts';

// Service names a probe may belong to. Exact matches only: "kafka-connect" must not match the kafka probe.
const NAMES: Record<ProbeTarget, string[]> = {
  kafka: ['kafka', 'broker'],
  'schema-registry': ['schema-registry', 'schemaregistry', 'registry'],
  connect: ['connect', 'kafka-connect'],
  clickhouse: ['clickhouse', 'clickhouse-server'],
};

export function probeTargetOf(service: string): ProbeTarget | null {
  const name = service.toLowerCase();
  for (const [target, names] of Object.entries(NAMES) as [ProbeTarget, string[]][]) {
    if (names.includes(name)) return target;
  }
  return null;
}

/** Probes split into those shown on a service card and those with no matching service (shown on their own). */
export function matchProbes(services: string[], probes: ProbeResult[]) {
  const byService = new Map<string, ProbeResult>();
  const claimed = new Set<ProbeTarget>();
  for (const service of services) {
    const target = probeTargetOf(service);
    const probe = target && probes.find((p) => p.target === target);
    if (probe && !claimed.has(probe.target)) {
      byService.set(service, probe);
      claimed.add(probe.target);
    }
  }
  return { byService, unmatched: probes.filter((p) => !claimed.has(p.target)) };
}

export interface ProbeFact {
  name: string;
  value: string;
  /** List facts (e.g. plugin classes), shown one per line across the card. */
  items?: string[];
}

export function probeFacts(probe: Extract<ProbeResult, { ok: true }>): ProbeFact[] {
  return Object.entries(probe.facts).map(([key, value]) => {
    const name = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    if (Array.isArray(value)) return value.length ? { name, value: value.join(', '), items: value } : { name, value: '—' };
    if (typeof value === 'boolean') return { name, value: value ? 'yes' : 'no' };
    return { name, value: String(value) === '' ? 'unknown' : String(value) };
  });
}
