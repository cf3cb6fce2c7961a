import { AppError } from '../errors/app-error.ts';
import { UpstreamError } from '../http/upstream-error.ts';
import { MOVING, protocolErrorType } from './errors.ts';

/** What kafkajs' admin and producer have in common. */
export interface Connectable {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
}

export interface SharedConnectionOptions<T extends Connectable> {
  create(): T;
  /** Named in timeout errors. */
  target: string;
  /** Bound on one operation, the connect (when one is needed) and its one retry included. */
  operationTimeoutMs: number;
}

export interface RunOptions {
  /** Send the operation once more on a fresh connection when the first failed without an answer from Kafka. */
  retry: boolean;
}

/**
 * Kafka protocol errors that mean "the client's view of the cluster is out of date", not "the broker refused": a
 * kafkajs client keeps every topic it ever touched in its metadata requests, so one deleted elsewhere fails them all
 * with UNKNOWN_TOPIC_OR_PARTITION until the client is replaced; the others follow leader or coordinator moves.
 */
const STALE_VIEW = new Set(['UNKNOWN_TOPIC_OR_PARTITION', ...MOVING]);

/** True for a protocol error that says the cluster is moving (leaders, controller, coordinators), not refusing. */
export function clusterMoving(error: unknown): boolean {
  const protocol = error instanceof AppError ? null : protocolErrorType(error);
  return protocol !== null && MOVING.has(protocol.type);
}

/** Reads meeting a moving cluster are sent again after a pause, up to this many times, within the operation's bound. */
const STALE_VIEW_RETRIES = 3;
const STALE_VIEW_PAUSE_MS = 250;

/** True when the client should be replaced after this failure: no answer from Kafka, or a stale view of it. */
export function replaceAfter(error: unknown): boolean {
  if (error instanceof AppError) return false; // the panel's own verdict (e.g. no such group), not a Kafka failure
  const protocol = protocolErrorType(error);
  return protocol === null || STALE_VIEW.has(protocol.type);
}

/**
 * One kafkajs client (admin or producer) connected once and shared by every operation, instead of a connection per
 * request. kafkajs reconnects a broker connection that closed by itself on the next request; what it does not
 * recover from (a broker pool left empty after an outage, metadata naming a deleted topic, a request that never
 * answers) is handled here: the client is dropped after such a failure and the next operation connects a new one —
 * a read once more at once. Every operation is bounded by `operationTimeoutMs`, so none ever hangs a request.
 */
export class SharedConnection<T extends Connectable> {
  private current: Slot<T> | null = null;
  private closed = false;

  constructor(private readonly options: SharedConnectionOptions<T>) {}

  async run<R>(operation: (client: T) => Promise<R>, { retry }: RunOptions): Promise<R> {
    const deadline = Date.now() + this.options.operationTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      const slot = this.connected();
      slot.inflight += 1;
      try {
        return await this.within(deadline, slot.client.then(operation));
      } catch (error) {
        if (error instanceof OperationTimeout || replaceAfter(error)) this.retire(slot);
        // Leadership moves after a broker leaves take a moment to reach every broker's metadata: pause, then ask again.
        const pause = clusterMoving(error) ? STALE_VIEW_PAUSE_MS * (attempt + 1) : 0;
        const attempts = clusterMoving(error) ? STALE_VIEW_RETRIES : 1;
        const again =
          retry && attempt < attempts && !(error instanceof OperationTimeout) && replaceAfter(error) && Date.now() + pause < deadline;
        if (!again) throw error instanceof OperationTimeout ? error.upstream : error;
        if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
      } finally {
        slot.inflight -= 1;
        if (slot.retired && slot.inflight === 0) disconnect(slot);
      }
    }
  }

  /** Disconnects the shared client; later operations fail. */
  async close(): Promise<void> {
    this.closed = true;
    const current = this.current;
    this.current = null;
    await current?.client.then((client) => client.disconnect()).catch(() => undefined);
  }

  /** Whether a client is connected or connecting (for tests and diagnostics). */
  get open(): boolean {
    return this.current !== null;
  }

  private connected(): Slot<T> {
    if (this.closed) {
      return {
        client: Promise.reject(new UpstreamError('Kafka', this.options.target, 'the panel is shutting down')),
        inflight: 0,
        retired: true,
      };
    }
    if (this.current) return this.current;
    const client = this.options.create();
    const connecting = client.connect().then(
      () => client,
      async (error: unknown) => {
        await client.disconnect().catch(() => undefined);
        throw error;
      },
    );
    const slot: Slot<T> = { client: connecting, inflight: 0, retired: false };
    this.current = slot;
    // A failed connect is not kept: the next operation tries again.
    connecting.catch(() => {
      if (this.current === slot) this.current = null;
    });
    return slot;
  }

  /**
   * Takes a broken client out of use: new operations get a new one at once, and this one is disconnected when the
   * operations still running on it are done — disconnecting it under them would fail each with "Closed connection".
   */
  private retire(slot: Slot<T>): void {
    if (this.current === slot) this.current = null;
    slot.retired = true;
  }

  private within<R>(deadline: number, work: Promise<R>): Promise<R> {
    const ms = Math.max(1, deadline - Date.now());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new OperationTimeout(
              new UpstreamError('Kafka', this.options.target, `no answer within ${this.options.operationTimeoutMs} ms (timeout)`),
            ),
          ),
        ms,
      );
    });
    // The abandoned operation may still fail later; that failure belongs to nobody.
    work.catch(() => undefined);
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }
}

interface Slot<T extends Connectable> {
  client: Promise<T>;
  /** Operations running on this client now. */
  inflight: number;
  /** Out of use: disconnected once `inflight` is 0. */
  retired: boolean;
}

function disconnect<T extends Connectable>(slot: Slot<T>): void {
  void slot.client.then((client) => client.disconnect()).catch(() => undefined);
}

class OperationTimeout extends Error {
  constructor(readonly upstream: UpstreamError) {
    super(upstream.message);
  }
}
