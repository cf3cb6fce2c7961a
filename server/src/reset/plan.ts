import type { ResetBootstrapPlan, ResetExclusion, ResetPlan, ResetPlanContainer, ResetPlanVolume } from '../contracts/reset.ts';
import { PROJECT_LABEL, SERVICE_LABEL } from '../docker/labels.ts';
import { isSelfContainer } from './self-container.ts';

export interface InventoryContainer {
  id: string;
  name: string;
  labels: Record<string, string>;
  state: string;
  image: string;
}

export interface InventoryVolume {
  name: string;
  driver: string;
  labels: Record<string, string>;
  /** Every container that mounts it, in any project (a volume still mounted cannot be removed). */
  usedBy: { id: string; name: string }[];
}

export interface PlanInput {
  project: string;
  composeFile: string;
  declaredServices: string[];
  /** The panel's compose service name (PANEL_SELF_SERVICE). */
  selfService: string;
  /** Candidate ids of the container the panel runs in (empty on a host). */
  selfIds: string[];
  containers: InventoryContainer[];
  volumes: InventoryVolume[];
  bootstrap: ResetBootstrapPlan;
}

/**
 * What a reset removes and keeps. Membership is by label only, re-checked here even though Docker already
 * filtered by it: a container must carry the project label and belong to a declared service; a volume must carry
 * the project label (never matched by name prefix). The panel's own container and service are always kept, and so
 * is any volume a kept container still mounts.
 */
export function buildPlan(input: PlanInput): ResetPlan {
  const declared = new Set(input.declaredServices);
  const mine = input.containers.filter((c) => c.labels[PROJECT_LABEL] === input.project);
  const self = mine.filter((c) => isSelfContainer(c.id, input.selfIds));
  const keptServices = new Set([input.selfService, ...self.map((c) => c.labels[SERVICE_LABEL] ?? '')].filter(Boolean));

  const containers: ResetPlanContainer[] = [];
  const excluded: ResetExclusion[] = [];
  for (const c of mine) {
    const service = c.labels[SERVICE_LABEL] ?? '';
    if (keptServices.has(service)) {
      const why = isSelfContainer(c.id, input.selfIds)
        ? 'the panel itself: it keeps running'
        : `service "${service}" is the panel (PANEL_SELF_SERVICE); kept`;
      excluded.push({ kind: 'container', name: c.name, reason: why });
    } else if (!declared.has(service)) {
      excluded.push({
        kind: 'container',
        name: c.name,
        reason: `service "${service || '(none)'}" is not declared in ${input.composeFile}; not touched`,
      });
    } else {
      containers.push({ id: c.id, name: c.name, service, state: c.state, image: c.image });
    }
  }

  const removed = new Set(containers.map((c) => c.id));
  const volumes: ResetPlanVolume[] = [];
  for (const v of input.volumes.filter((v) => v.labels[PROJECT_LABEL] === input.project)) {
    const keptUsers = v.usedBy.filter((u) => !removed.has(u.id));
    if (keptUsers.length > 0) {
      const panelIds = new Set(mine.filter((m) => keptServices.has(m.labels[SERVICE_LABEL] ?? '')).map((m) => m.id));
      const byPanel = keptUsers.some((u) => panelIds.has(u.id) || isSelfContainer(u.id, input.selfIds));
      excluded.push({
        kind: 'volume',
        name: v.name,
        reason: `${byPanel ? 'in use by the panel' : 'in use by a container the reset does not remove'} (${keptUsers.map((u) => u.name).join(', ')}); kept`,
      });
      continue;
    }
    volumes.push({ name: v.name, driver: v.driver, usedBy: v.usedBy.map((u) => u.name) });
  }

  for (const service of keptServices) {
    if (declared.has(service))
      excluded.push({ kind: 'service', name: service, reason: 'the panel: neither stopped nor restarted by the reset' });
  }
  const insideProject = self.length > 0 || mine.some((c) => c.labels[SERVICE_LABEL] === input.selfService);
  return {
    project: input.project,
    composeFile: input.composeFile,
    containers: containers.sort((a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name)),
    volumes: volumes.sort((a, b) => a.name.localeCompare(b.name)),
    excluded,
    services: input.declaredServices.filter((s) => !keptServices.has(s)),
    panel: { service: input.selfService, containerId: self[0]?.id ?? null, insideProject },
    bootstrap: input.bootstrap,
  };
}

/** connectors/<topic>-value.avsc → subject <topic>-value (TopicNameStrategy); a bare <topic>.avsc also maps to <topic>-value. */
export function subjectForSchemaFile(file: string): string {
  const base = file.replace(/\.avsc$/, '');
  return /-(value|key)$/.test(base) ? base : `${base}-value`;
}
