import type { UpstreamName } from './upstream-error.ts';

export type UpstreamChangeListener = (upstream: UpstreamName) => void;

/**
 * The panel's own writes to the stack's services, announced by the clients (after every mutation they send, answered
 * or not) so the read caches drop what they hold for that service at once — whatever path wrote: a screen, the
 * smoke test, the wizard or the reset.
 */
export interface UpstreamChanges {
  announce(upstream: UpstreamName): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: UpstreamChangeListener): () => void;
}

export function createUpstreamChanges(): UpstreamChanges {
  const listeners = new Set<UpstreamChangeListener>();
  return {
    announce(upstream) {
      for (const listener of listeners) listener(upstream);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
