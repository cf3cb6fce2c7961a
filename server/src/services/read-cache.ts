/**
 * A short-lived cache for metadata reads that concurrent requests share, so N browsers cost about what one costs:
 * - one upstream call in flight per key (single-flight): every caller asking while it runs gets its answer;
 * - a value is fresh for `ttlMs`; for `staleMs` more it is still served while one refresh runs in the background
 *   (stale-while-revalidate), so a steady reader never waits for the upstream; older than that, callers wait;
 * - a failure is shared by the callers waiting for it and remembered for `errorTtlMs` (0: not at all), so a service
 *   that is down is asked at most a few times a second; a failed refresh drops the stale value (no outage is hidden);
 * - `invalidate(key)` / `invalidatePrefix(prefix)` forget entries at once: the next read calls the upstream, and a
 *   call that was already in flight can no longer store its (possibly older) answer — no stale read after own writes.
 * - a request sent with `Cache-Control: no-cache` (http/fresh-read.ts) skips the cached value of a mutable key.
 * `fetchedAt` is when the call that produced the value started: the data is at least that old.
 */
import { freshReadRequested } from '../http/fresh-read.ts';
import type { UpstreamChanges } from '../http/upstream-changes.ts';
import type { UpstreamName } from '../http/upstream-error.ts';

export interface Fetched<T> {
  value: T;
  /** Epoch milliseconds. */
  fetchedAt: number;
}

export interface CachePolicy {
  /** How long a value is served as fresh. Infinity: until invalidated (immutable data). */
  ttlMs: number;
  /** After `ttlMs`, how much longer the value is served while a refresh runs. Default 0. */
  staleMs?: number;
  /** How long a failure is answered without calling the upstream again. Default 0. */
  errorTtlMs?: number;
}

export interface ReadCacheOptions extends CachePolicy {
  /** Entries kept at most; the least recently read go first. Default 5000. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  value?: Fetched<unknown>;
  error?: { error: unknown; at: number };
  inflight?: Promise<Fetched<unknown>>;
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(private readonly defaults: ReadCacheOptions) {
    this.now = defaults.now ?? Date.now;
    this.maxEntries = defaults.maxEntries ?? 5000;
  }

  /** The cached value of `key`, or `load()`'s answer (shared with every concurrent caller of the same key). */
  get<T>(key: string, load: () => Promise<T>, policy: Partial<CachePolicy> = {}): Promise<Fetched<T>> {
    const ttl = policy.ttlMs ?? this.defaults.ttlMs;
    const stale = policy.staleMs ?? this.defaults.staleMs ?? 0;
    const errorTtl = policy.errorTtlMs ?? this.defaults.errorTtlMs ?? 0;
    const now = this.now();
    // A Refresh asks the service again (immutable values excepted); the answer is cached for the next readers.
    if (ttl !== Infinity && freshReadRequested()) this.entries.delete(key);
    let entry = this.entries.get(key);
    if (entry) {
      // Map order is the LRU order: a read moves the key to the end.
      this.entries.delete(key);
      this.entries.set(key, entry);
      const age = entry.value ? now - entry.value.fetchedAt : Infinity;
      if (age < ttl) return Promise.resolve(entry.value as Fetched<T>);
      if (entry.error && now - entry.error.at < errorTtl) return Promise.reject(entry.error.error);
      const servable = age < ttl + stale;
      if (!entry.inflight) this.refresh(key, entry, load, errorTtl);
      if (servable) return Promise.resolve(entry.value as Fetched<T>);
      return entry.inflight as Promise<Fetched<T>>;
    }
    entry = {};
    this.entries.set(key, entry);
    this.evict();
    this.refresh(key, entry, load, errorTtl);
    return entry.inflight as Promise<Fetched<T>>;
  }

  invalidate(key: string): void {
    this.entries.delete(key);
  }

  invalidatePrefix(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private refresh(key: string, entry: Entry, load: () => Promise<unknown>, errorTtl: number): void {
    const fetchedAt = this.now();
    // Only the entry still in the map may be written: an invalidated entry's late answer is handed to its own
    // callers and then dropped.
    const current = () => this.entries.get(key) === entry;
    const inflight = (async () => load())().then(
      (value) => {
        const fetched = { value, fetchedAt };
        if (current()) {
          entry.value = fetched;
          entry.error = undefined;
          entry.inflight = undefined;
        }
        return fetched;
      },
      (error: unknown) => {
        if (current()) {
          entry.inflight = undefined;
          entry.value = undefined;
          if (errorTtl > 0) entry.error = { error, at: this.now() };
          else this.entries.delete(key);
        }
        throw error;
      },
    );
    // A background refresh may have no caller waiting; its failure is kept in the entry, not thrown into the void.
    inflight.catch(() => undefined);
    entry.inflight = inflight;
  }

  private evict(): void {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) return;
      this.entries.delete(oldest);
    }
  }
}

/**
 * The policy of the screens' metadata reads: fresh for 2 s, served for 2 s more while one refresh runs (so a steady
 * reader never waits), failures kept 0.5 s. However many screens poll, each service is read at most every 2 s.
 */
export const METADATA_READS: Required<CachePolicy> = { ttlMs: 2000, staleMs: 2000, errorTtlMs: 500 };

/** Every key starts with its service's prefix, so a write announced for a service drops all it holds of that service. */
export const CACHE_PREFIX: Record<UpstreamName, string> = {
  Kafka: 'kafka/',
  'Schema Registry': 'registry/',
  'Kafka Connect': 'connect/',
  ClickHouse: 'clickhouse/',
};

/** `kafka/topic/<name>`: the parts encoded, so a name holding "/" cannot reach into another key. */
export function cacheKey(upstream: UpstreamName, ...parts: string[]): string {
  return CACHE_PREFIX[upstream] + parts.map(encodeURIComponent).join('/');
}

/** Drops a service's entries whenever a write to it is announced; returns the unsubscribe function. */
export function invalidateOnChanges(cache: ReadCache, changes: UpstreamChanges | undefined): () => void {
  return changes?.subscribe((upstream) => cache.invalidatePrefix(CACHE_PREFIX[upstream])) ?? (() => {});
}

export const isoTime = (epochMs: number): string => new Date(epochMs).toISOString();
