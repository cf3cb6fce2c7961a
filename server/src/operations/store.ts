import type { Operation } from './operation.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyOperation = Operation<any, any>;

/** Refuses a second running operation under one exclusive key (one reset at a time; one apply per pipeline). */
export interface Exclusive<O> {
  key: string;
  /** The error to throw, given the operation that holds the key. */
  conflict: (running: O) => Error;
}

/**
 * Recent operations in memory, newest first. Finished ones beyond `max` are forgotten, running ones never, so a
 * client can always follow what is still going on.
 */
export class OperationStore<O extends AnyOperation> {
  private operations: O[] = [];
  private readonly keys = new Map<O, string>();

  constructor(private readonly max = 20) {}

  /** Adds an operation (checked and stored in one synchronous step, so two callers cannot both pass the check). */
  add(operation: O, exclusive?: Exclusive<O>): void {
    if (exclusive) {
      const holder = this.runningFor(exclusive.key);
      if (holder) throw exclusive.conflict(holder);
      this.keys.set(operation, exclusive.key);
    }
    this.operations.unshift(operation);
    let excess = this.operations.length - this.max;
    for (let i = this.operations.length - 1; i >= 0 && excess > 0; i--) {
      const old = this.operations[i]!;
      if (!old.done) continue;
      this.operations.splice(i, 1);
      this.keys.delete(old);
      excess--;
    }
  }

  get(id: string): O | undefined {
    return this.operations.find((o) => o.id === id);
  }

  /** Newest first. */
  list(): readonly O[] {
    return this.operations;
  }

  latest(): O | undefined {
    return this.operations[0];
  }

  running(): O[] {
    return this.operations.filter((o) => !o.done);
  }

  /** The running operation that holds an exclusive key, if any. */
  runningFor(key: string): O | undefined {
    return this.operations.find((o) => !o.done && this.keys.get(o) === key);
  }

  /** Aborts every running operation and waits until each has finished (server shutdown). */
  async close(reason: unknown): Promise<void> {
    const running = this.running();
    for (const operation of running) operation.abort(reason);
    await Promise.all(running.map((o) => o.finished));
  }
}
