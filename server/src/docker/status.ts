import type Docker from 'dockerode';
import type { ContainerState, DependencyCondition, Health, PublishedPort, ServiceStatus } from '../contracts/stack.ts';
import { computeHealthTiming } from '../domain/health.ts';
import { isCompletedOneShot } from '../domain/one-shot.ts';

const STATES: readonly ContainerState[] = ['created', 'running', 'restarting', 'paused', 'exited', 'dead', 'removing'];
const HEALTHS: readonly Health[] = ['starting', 'healthy', 'unhealthy'];

export interface DeclaredService {
  name: string;
  hasHealthcheck: boolean;
  dependsOn?: Array<{ service: string; condition: DependencyCondition }>;
}

/** The status of a declared service that has no container yet. */
export function notCreatedStatus(service: DeclaredService): ServiceStatus {
  return {
    service: service.name,
    declared: true,
    hasHealthcheck: service.hasHealthcheck,
    containerId: null,
    containerName: null,
    image: null,
    state: 'not-created',
    health: 'none',
    restartCount: 0,
    startedAt: null,
    healthySince: null,
    timeToHealthyMs: null,
    ports: [],
  };
}

/** Maps `docker inspect` of a service's container to the panel's ServiceStatus. */
export function statusFromInspect(
  serviceName: string,
  declared: DeclaredService | undefined,
  info: Docker.ContainerInspectInfo,
  /** Another service waits for this one with service_completed_successfully (domain/one-shot.ts). */
  awaitedToComplete = false,
): ServiceStatus {
  const state = STATES.includes(info.State.Status as ContainerState) ? (info.State.Status as ContainerState) : 'dead';
  const rawHealth = info.State.Health?.Status;
  const health: Health = HEALTHS.includes(rawHealth as Health) ? (rawHealth as Health) : 'none';
  const running = state === 'running' || state === 'restarting' || state === 'paused';
  const startedAt = running && isRealDate(info.State.StartedAt) ? info.State.StartedAt : null;
  const timing =
    health === 'healthy' ? computeHealthTiming(startedAt, rawHealth, info.State.Health?.Log, firstProbeIntervalMs(info)) : null;
  return {
    service: serviceName,
    declared: declared !== undefined,
    hasHealthcheck:
      (declared?.hasHealthcheck ?? false) || Boolean(info.Config.Healthcheck?.Test?.length && info.Config.Healthcheck.Test[0] !== 'NONE'),
    containerId: info.Id,
    containerName: info.Name.replace(/^\//, ''),
    image: info.Config.Image,
    state,
    health,
    restartCount: info.RestartCount ?? 0,
    startedAt,
    healthySince: timing?.healthySince ?? null,
    timeToHealthyMs: timing?.timeToHealthyMs ?? null,
    ports: publishedPorts(info.NetworkSettings?.Ports),
    completed: isCompletedOneShot(
      { state, exitCode: info.State.ExitCode ?? null, restartPolicy: info.HostConfig?.RestartPolicy?.Name ?? null },
      awaitedToComplete,
    ),
  };
}

/** How long after a start Docker runs the first probe: start_interval when set, else interval (Docker's default 30 s). */
function firstProbeIntervalMs(info: Docker.ContainerInspectInfo): number {
  const check = info.Config.Healthcheck as { Interval?: number; StartInterval?: number } | undefined;
  const ns = check?.StartInterval || check?.Interval || 30e9;
  return ns / 1e6;
}

function publishedPorts(ports: Docker.ContainerInspectInfo['NetworkSettings']['Ports'] | undefined): PublishedPort[] {
  const out: PublishedPort[] = [];
  for (const [key, bindings] of Object.entries(ports ?? {})) {
    const [port, protocol] = key.split('/');
    for (const binding of bindings ?? []) {
      out.push({
        hostIp: binding.HostIp || '0.0.0.0',
        hostPort: Number(binding.HostPort),
        containerPort: Number(port),
        protocol: protocol === 'udp' ? 'udp' : 'tcp',
      });
    }
  }
  return out.sort((a, b) => a.containerPort - b.containerPort || a.hostIp.localeCompare(b.hostIp));
}

function isRealDate(value: string | undefined): value is string {
  return Boolean(value) && !value!.startsWith('0001-01-01');
}

const RANK: Record<ContainerState, number> = {
  running: 0,
  restarting: 1,
  paused: 2,
  created: 3,
  exited: 4,
  dead: 5,
  removing: 6,
  'not-created': 7,
};

/** With several containers for one service (scale, leftovers), show the most alive one. */
export function pickPrimary(statuses: ServiceStatus[]): ServiceStatus | undefined {
  return [...statuses].sort((a, b) => RANK[a.state] - RANK[b.state] || (b.startedAt ?? '').localeCompare(a.startedAt ?? ''))[0];
}
