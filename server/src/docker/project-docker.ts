import { pathSegment } from '../http/path-segment.ts';
import type Docker from 'dockerode';
import type { LogLine, ServiceAction, ServiceActionResult, ServiceStatus } from '../contracts/stack.ts';
import { AppError } from '../errors/app-error.ts';
import { toDockerError, withTimeout } from './errors.ts';
import { streamContainerLogs, type LogOptions, type LogStream } from './logs.ts';
import { assertContainerInProject } from './guard.ts';
import { PROJECT_LABEL, SERVICE_LABEL } from './labels.ts';
import { awaitedToComplete } from '../domain/one-shot.ts';
import { notCreatedStatus, pickPrimary, statusFromInspect, type DeclaredService } from './status.ts';

const READ_TIMEOUT_MS = 5_000;
const STOP_GRACE_SECONDS = 10;
const ACTION_TIMEOUT_MS = (STOP_GRACE_SECONDS + 20) * 1000;

export interface ProjectDockerOptions {
  docker: Docker;
  project: string;
  /** The services declared in the compose file (read fresh on each call). */
  declared: () => Promise<DeclaredService[]>;
  /** Creates and starts a service that has no container yet (the Compose CLI in production). */
  createService?: (service: string) => Promise<void>;
}

/** Docker operations scoped to one compose project; every container touched passes the project guard. */
export class ProjectDocker {
  readonly docker: Docker;
  readonly project: string;
  /** Exact "became healthy" moments per container: seen as an event after a start the panel saw, or from a log covering the start. */
  private healthyAt = new Map<string, string>();
  /** Containers whose current start the panel saw (a `start` event), with its time. */
  private startSeen = new Map<string, string>();

  constructor(private readonly options: ProjectDockerOptions) {
    this.docker = options.docker;
    this.project = options.project;
  }

  async ping(): Promise<void> {
    try {
      await withTimeout(this.docker.ping(), READ_TIMEOUT_MS, 'ping');
    } catch (error) {
      throw toDockerError(error, 'ping the daemon');
    }
  }

  /** All containers labelled with this project (including stopped ones). */
  async listProjectContainers(): Promise<Docker.ContainerInfo[]> {
    try {
      return await withTimeout(
        this.docker.listContainers({ all: true, filters: { label: [`${PROJECT_LABEL}=${this.project}`] } }),
        READ_TIMEOUT_MS,
        'list containers',
      );
    } catch (error) {
      throw toDockerError(error, 'list the project containers');
    }
  }

  /** One status per declared service (not-created when absent), then undeclared project containers. */
  async serviceStatuses(given?: DeclaredService[]): Promise<ServiceStatus[]> {
    const declared = given ?? (await this.options.declared());
    const containers = await this.listProjectContainers();
    const inspected = await Promise.all(containers.map((c) => this.inspectQuietly(c.Id)));
    const byService = new Map<string, ServiceStatus[]>();
    const declaredByName = new Map(declared.map((d) => [d.name, d]));
    const awaited = awaitedToComplete(declared);
    for (const info of inspected) {
      const service = info?.Config.Labels?.[SERVICE_LABEL];
      if (!info || !service) continue;
      const list = byService.get(service) ?? [];
      list.push(this.withRememberedHealth(statusFromInspect(service, declaredByName.get(service), info, awaited.has(service))));
      byService.set(service, list);
    }
    const statuses = declared.map((d) => pickPrimary(byService.get(d.name) ?? []) ?? notCreatedStatus(d));
    const undeclared = [...byService.keys()].filter((s) => !declaredByName.has(s)).sort();
    return [...statuses, ...undeclared.map((s) => pickPrimary(byService.get(s)!)!)];
  }

  /** Records a container's `start` event: from now on the panel watches its way to healthy. */
  noteStarted(containerId: string, at: string): void {
    this.startSeen.set(containerId, at);
    this.healthyAt.delete(containerId);
  }

  /**
   * Records a `health_status: healthy` event. It is the start-up transition only when the panel saw that start too,
   * and only the first one after it counts (later ones are recoveries).
   */
  noteHealthy(containerId: string, at: string): void {
    const started = this.startSeen.get(containerId);
    if (started && Date.parse(at) >= Date.parse(started) && !this.healthyAt.has(containerId)) this.healthyAt.set(containerId, at);
  }

  /**
   * Time to healthy only when it is known: the panel saw the transition, or Docker's health log covered the start
   * (computeHealthTiming); a container that was healthy before the panel looked says unknown (null).
   */
  private withRememberedHealth(status: ServiceStatus): ServiceStatus {
    const id = status.containerId;
    if (!id || status.health !== 'healthy' || !status.startedAt) return status;
    const startedMs = Date.parse(status.startedAt);
    const remembered = this.healthyAt.get(id);
    if (status.timeToHealthyMs !== null && status.healthySince) {
      // Known from the log: keep it for when the log has rolled on (prefer the earlier moment if both are known).
      const since = remembered && Date.parse(remembered) < Date.parse(status.healthySince) ? remembered : status.healthySince;
      this.healthyAt.set(id, since);
      return { ...status, healthySince: since, timeToHealthyMs: Math.max(0, Date.parse(since) - startedMs) };
    }
    if (remembered && Date.parse(remembered) >= startedMs) {
      return { ...status, healthySince: remembered, timeToHealthyMs: Math.max(0, Date.parse(remembered) - startedMs) };
    }
    return status;
  }

  /** The containers of a declared service, each re-checked against the guard. */
  async containersOf(service: string): Promise<Docker.ContainerInspectInfo[]> {
    const declaredNames = new Set((await this.options.declared()).map((d) => d.name));
    const containers = await this.listProjectContainers();
    const mine = containers.filter((c) => c.Labels?.[SERVICE_LABEL] === service);
    if (!declaredNames.has(service)) {
      if (mine.length > 0) assertContainerInProject(mine[0]!.Labels, this.project, declaredNames, mine[0]!.Id.slice(0, 12));
      throw new AppError(404, 'UNKNOWN_SERVICE', `Service "${service}" is not declared in the compose file of project "${this.project}"`, {
        service,
        declared: [...declaredNames],
      });
    }
    const infos = await Promise.all(mine.map((c) => this.inspect(c.Id)));
    for (const info of infos) assertContainerInProject(info.Config.Labels, this.project, declaredNames, info.Id.slice(0, 12));
    return infos;
  }

  /** Inspects any container by id and checks it belongs to the project (403 otherwise). */
  async guardedContainer(containerId: string): Promise<Docker.ContainerInspectInfo> {
    const info = await this.inspect(containerId);
    const declaredNames = new Set((await this.options.declared()).map((d) => d.name));
    assertContainerInProject(info.Config.Labels, this.project, declaredNames, containerId.slice(0, 12));
    return info;
  }

  /** start / stop / restart every container of one service; idempotent and says whether anything changed. */
  async serviceAction(service: string, action: ServiceAction): Promise<ServiceActionResult> {
    const containers = await this.containersOf(service);
    if (containers.length === 0) return this.actOnMissing(service, action);
    const changed = (await Promise.all(containers.map((info) => this.act(info, action)))).some(Boolean);
    return { service, action, changed, message: describe(service, action, changed, containers.length) };
  }

  /** The same action addressed by container id (guarded). */
  async containerAction(containerId: string, action: ServiceAction): Promise<ServiceActionResult> {
    const info = await this.guardedContainer(containerId);
    const service = info.Config.Labels[SERVICE_LABEL]!;
    const changed = await this.act(info, action);
    return { service, action, changed, message: describe(service, action, changed, 1) };
  }

  /** Logs of a service's primary container (the running one, else the most recent). */
  async serviceLogs(service: string, options: LogOptions, onLine: (line: LogLine) => void): Promise<LogStream> {
    const containers = await this.containersOf(service);
    const primary = [...containers].sort(
      (a, b) => Number(b.State.Running) - Number(a.State.Running) || b.Created.localeCompare(a.Created),
    )[0];
    if (!primary) {
      throw new AppError(409, 'SERVICE_NOT_CREATED', `${service} has no container yet, so it has no logs`, {
        service,
        hint: `docker compose up -d ${service}`,
      });
    }
    return streamContainerLogs(this.docker, primary, options, onLine);
  }

  /** Logs of a container addressed by id (guarded). */
  async containerLogs(containerId: string, options: LogOptions, onLine: (line: LogLine) => void): Promise<LogStream> {
    return streamContainerLogs(this.docker, await this.guardedContainer(containerId), options, onLine);
  }

  private async actOnMissing(service: string, action: ServiceAction): Promise<ServiceActionResult> {
    if (action === 'stop') return { service, action, changed: false, message: `${service} has no container; nothing to stop` };
    if (action === 'restart' || !this.options.createService) {
      throw new AppError(409, 'SERVICE_NOT_CREATED', `${service} has no container yet, so it cannot be ${action}ed`, {
        service,
        hint: `docker compose up -d ${service}`,
      });
    }
    await this.options.createService(service);
    return { service, action, changed: true, message: `${service} created and started with docker compose up -d ${service}` };
  }

  private async act(info: Docker.ContainerInspectInfo, action: ServiceAction): Promise<boolean> {
    const container = this.docker.getContainer(pathSegment(info.Id, 'container id'));
    const state = info.State.Status;
    try {
      if (action === 'start') {
        if (state === 'running' || state === 'restarting') return false;
        if (state === 'paused') await withTimeout(container.unpause(), ACTION_TIMEOUT_MS, 'unpause');
        else await withTimeout(container.start(), ACTION_TIMEOUT_MS, 'start');
        return true;
      }
      if (action === 'stop') {
        if (state !== 'running' && state !== 'restarting' && state !== 'paused') return false;
        await withTimeout(container.stop({ t: STOP_GRACE_SECONDS }), ACTION_TIMEOUT_MS, 'stop');
        return true;
      }
      await withTimeout(container.restart({ t: STOP_GRACE_SECONDS }), ACTION_TIMEOUT_MS, 'restart');
      return true;
    } catch (error) {
      // 304: already in the requested state (a race with another client) — nothing changed.
      if ((error as { statusCode?: number }).statusCode === 304) return false;
      throw toDockerError(error, `${action} container ${info.Name.replace(/^\//, '')}`);
    }
  }

  private async inspect(id: string): Promise<Docker.ContainerInspectInfo> {
    try {
      return await withTimeout(this.docker.getContainer(pathSegment(id, 'container id')).inspect(), READ_TIMEOUT_MS, 'inspect');
    } catch (error) {
      throw toDockerError(error, `inspect container ${id.slice(0, 12)}`);
    }
  }

  /** A container removed between list and inspect is simply skipped. */
  private async inspectQuietly(id: string): Promise<Docker.ContainerInspectInfo | null> {
    try {
      return await this.inspect(id);
    } catch (error) {
      if (error instanceof AppError && error.statusCode === 404) return null;
      throw error;
    }
  }
}

function describe(service: string, action: ServiceAction, changed: boolean, count: number): string {
  const what = count > 1 ? `${service} (${count} containers)` : service;
  if (!changed) return action === 'start' ? `${what} is already running` : `${what} is already stopped`;
  return `${what} ${action === 'stop' ? 'stopped' : action === 'start' ? 'started' : 'restarted'}`;
}
