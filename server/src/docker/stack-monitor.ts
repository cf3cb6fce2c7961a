import type { Readable } from 'node:stream';
import type { ServiceStatus, StackEvent, StackSnapshot } from '../contracts/stack.ts';
import type { ComposeLoad, ComposeSource } from '../compose/source.ts';
import { isDockerConnectionError } from './errors.ts';
import { PROJECT_LABEL } from './labels.ts';
import type { ProjectDocker } from './project-docker.ts';
import { buildSnapshot, sameState } from './snapshot.ts';
import { notCreatedStatus } from './status.ts';

export interface StackMonitorOptions {
  projectDocker: ProjectDocker;
  compose: ComposeSource;
  composeFile: string;
  /** Coalesces bursts of Docker events (a restart emits kill, die, stop, start…) into one refresh. */
  debounceMs?: number;
  maxBackoffMs?: number;
  log?: { warn(obj: unknown, msg?: string): void; info(obj: unknown, msg?: string): void };
}

type Listener = (event: StackEvent) => void;

/**
 * Keeps a live StackSnapshot of one compose project, driven by Docker's event stream (no polling).
 * When the daemon goes away it reports dockerReachable=false and re-attaches with exponential backoff.
 */
export class StackMonitor {
  private current: StackSnapshot | null = null;
  private listeners = new Set<Listener>();
  private events: Readable | null = null;
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private running = false;
  private reachable = false;
  private dockerError: string | null = 'not connected yet';
  private wake: (() => void) | null = null;
  private lastStatuses: ServiceStatus[] = [];
  private loop: Promise<void> | null = null;

  constructor(private readonly options: StackMonitorOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.connectLoop();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.events?.destroy();
    this.wake?.();
    await this.loop;
    await this.refreshing;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The live snapshot when following events; otherwise (or when the compose file changed) a fresh one. */
  async snapshot(): Promise<StackSnapshot> {
    const load = await this.options.compose.load();
    if (!this.running || !this.current || this.composeChanged(load)) await this.refresh();
    return this.current!;
  }

  /**
   * Re-reads the project now and tells the followers if anything changed. The panel's own start/stop/restart call it
   * when Docker has answered, so their outcome shows without waiting on the event stream (which a loaded daemon can
   * deliver late); failures stay with the stream's next refresh.
   */
  async refreshNow(): Promise<void> {
    await this.refresh().catch((error: unknown) => this.options.log?.warn({ err: error }, 'stack refresh after an action failed'));
  }

  /** The compose model changed since the last snapshot (error state, reader or declared services). */
  private composeChanged(load: ComposeLoad): boolean {
    if (this.current === null) return true;
    const names = load.ok ? load.model.services.map((s) => s.name).join(',') : '';
    return (
      this.current.composeError !== (load.ok ? null : load.error.message) ||
      this.current.composeSource !== (load.ok ? load.model.source : null) ||
      this.current.graph.services.join(',') !== names
    );
  }

  private async connectLoop(): Promise<void> {
    const maxBackoff = this.options.maxBackoffMs ?? 10_000;
    let backoff = 250;
    while (this.running) {
      try {
        await this.options.projectDocker.ping();
        const stream = await this.followEvents();
        this.reachable = true;
        this.dockerError = null;
        backoff = 250;
        await this.refresh();
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          stream.once('end', resolve);
          stream.once('close', resolve);
          stream.once('error', resolve);
        });
        if (!this.running) break;
        await this.markUnreachable('the Docker event stream ended (daemon restarting?)');
      } catch (error) {
        if (!this.running) break;
        await this.markUnreachable((error as Error).message);
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, backoff).unref();
      });
      backoff = Math.min(backoff * 2, maxBackoff);
    }
  }

  private async followEvents(): Promise<Readable> {
    const filters = { type: ['container' as const], label: [`${PROJECT_LABEL}=${this.options.projectDocker.project}`] };
    const stream = (await this.options.projectDocker.docker.getEvents({ filters })) as unknown as Readable;
    this.events = stream;
    let partial = '';
    stream.on('data', (chunk: Buffer) => {
      partial += chunk.toString();
      const lines = partial.split('\n');
      partial = lines.pop()!;
      for (const line of lines) this.noteEvent(line);
      this.schedule();
    });
    return stream;
  }

  private noteEvent(line: string): void {
    try {
      const event = JSON.parse(line) as { status?: string; Action?: string; id?: string; timeNano?: number };
      const action = event.Action ?? event.status ?? '';
      if (!event.id || !event.timeNano) return;
      const at = new Date(Math.floor(event.timeNano / 1e6)).toISOString();
      if (action === 'start') this.options.projectDocker.noteStarted(event.id, at);
      if (action === 'health_status: healthy') this.options.projectDocker.noteHealthy(event.id, at);
    } catch {
      // not a JSON event line; the refresh below still picks up the change
    }
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.refreshNow();
    }, this.options.debounceMs ?? 100);
  }

  private async refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        await this.refreshOnce();
      } while (this.refreshAgain);
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshOnce(): Promise<void> {
    const compose = await this.options.compose.load();
    const declared = compose.ok ? compose.model.services : [];
    try {
      this.lastStatuses = await this.options.projectDocker.serviceStatuses(declared);
      this.reachable = true;
      this.dockerError = null;
    } catch (error) {
      if (!isDockerConnectionError((error as { cause?: unknown }).cause ?? error) && (error as { statusCode?: number }).statusCode !== 503)
        throw error;
      this.reachable = false;
      this.dockerError = (error as Error).message;
      this.events?.destroy(); // the connect loop notices and re-attaches
      if (this.lastStatuses.length === 0) this.lastStatuses = declared.map(notCreatedStatus);
    }
    this.publish(compose);
  }

  private async markUnreachable(reason: string): Promise<void> {
    const wasReachable = this.reachable || this.current === null;
    this.reachable = false;
    this.dockerError = `Docker Engine is not reachable: ${reason}`;
    if (wasReachable) {
      this.options.log?.warn({ reason }, 'docker unreachable; re-attaching with backoff');
      this.emit({ type: 'docker-disconnected', error: this.dockerError });
    }
    this.publish(await this.options.compose.load());
  }

  private publish(compose: ComposeLoad): void {
    const declared = compose.ok ? compose.model.services : [];
    const statuses = this.lastStatuses.length > 0 || !compose.ok ? this.lastStatuses : declared.map(notCreatedStatus);
    const next = buildSnapshot({
      project: this.options.projectDocker.project,
      composeFile: this.options.composeFile,
      compose,
      statuses,
      dockerReachable: this.reachable,
      dockerError: this.reachable ? null : this.dockerError,
    });
    if (sameState(this.current, next)) return;
    this.current = next;
    this.emit({ type: 'snapshot', snapshot: next });
  }

  private emit(event: StackEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.log?.warn({ err: error }, 'stack listener failed');
      }
    }
  }
}
