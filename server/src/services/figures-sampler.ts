/**
 * The live figures of the Pipelines screen: one sample every `intervalMs` (≥ 2 s) into an in-memory ring buffer
 * holding the last `windowMs` (15 min), while at least one browser follows them; paused otherwise. Each tick makes
 * one Kafka admin round and one ClickHouse query (the deps); ticks never overlap.
 */
import type { FiguresEvent, FiguresSample, FiguresWindow, SamplingState } from '../contracts/lineage.ts';
import type { OffsetsReading, SampleTargets, TableReading } from '../domain/figures/readings.ts';
import { RingBuffer } from '../domain/figures/ring-buffer.ts';
import { sampleValues } from '../domain/figures/sample-values.ts';
import { isCharted } from '../domain/figures/series-keys.ts';

export const MIN_INTERVAL_MS = 2000;
export const WINDOW_MS = 15 * 60_000;

export interface FiguresSamplerDeps {
  targets(): Promise<SampleTargets>;
  readOffsets(targets: SampleTargets): Promise<OffsetsReading>;
  readTables(targets: SampleTargets): Promise<TableReading[]>;
  intervalMs?: number;
  windowMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

export type FiguresListener = (event: FiguresEvent) => void;

/** Only the charted series go to browsers; counters the rules need stay on the server. */
function charted(sample: FiguresSample): FiguresSample {
  const values: FiguresSample['values'] = {};
  for (const [key, value] of Object.entries(sample.values)) if (isCharted(key)) values[key] = value;
  return { at: sample.at, values };
}

export class FiguresSampler {
  readonly intervalMs: number;
  readonly windowMs: number;
  private readonly ring: RingBuffer<FiguresSample>;
  private readonly listeners = new Set<FiguresListener>();
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly deps: FiguresSamplerDeps) {
    this.intervalMs = Math.max(MIN_INTERVAL_MS, deps.intervalMs ?? MIN_INTERVAL_MS);
    this.windowMs = deps.windowMs ?? WINDOW_MS;
    this.ring = new RingBuffer(Math.ceil(this.windowMs / this.intervalMs) + 1);
    this.now = deps.now ?? Date.now;
  }

  /** Follows the figures: the buffered window at once, then every new sample. Sampling runs while anyone follows. */
  subscribe(listener: FiguresListener): () => void {
    this.listeners.add(listener);
    listener({ type: 'backfill', window: this.window() });
    if (this.listeners.size === 1) this.schedule(0);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.pause();
    };
  }

  /** Every buffered sample (all series, oldest first) within the window. */
  samples(): FiguresSample[] {
    const oldest = this.now() - this.windowMs;
    this.ring.dropWhile((s) => s.at < oldest);
    return this.ring.toArray();
  }

  /** The charted series of the window, column by column. */
  window(): FiguresWindow {
    const samples = this.samples().map(charted);
    const keys = new Set(samples.flatMap((s) => Object.keys(s.values)));
    const series: FiguresWindow['series'] = {};
    for (const key of keys) series[key] = samples.map((s) => s.values[key] ?? null);
    return { intervalMs: this.intervalMs, windowMs: this.windowMs, times: samples.map((s) => s.at), series };
  }

  state(): SamplingState {
    const last = this.ring.last();
    return {
      active: this.listeners.size > 0,
      intervalMs: this.intervalMs,
      windowMs: this.windowMs,
      lastSampleAt: last ? new Date(last.at).toISOString() : null,
    };
  }

  /** Takes one sample now (a tick in flight is joined, not doubled). */
  tick(): Promise<void> {
    this.ticking ??= this.sample().finally(() => (this.ticking = null));
    return this.ticking;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pause();
    this.listeners.clear();
    await this.ticking;
  }

  private pause(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number): void {
    if (this.closed || this.listeners.size === 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const started = this.now();
      void this.tick().finally(() => {
        if (this.listeners.size > 0) this.schedule(Math.max(0, this.intervalMs - (this.now() - started)));
      });
    }, delayMs);
    this.timer.unref();
  }

  private async sample(): Promise<void> {
    // Taken before any await: the scheduler counts the interval from the same moment, so samples are ≥ intervalMs apart.
    const at = this.now();
    try {
      const targets = await this.deps.targets();
      const [offsets, tables] = await Promise.all([
        this.deps.readOffsets(targets).catch(() => null),
        this.deps.readTables(targets).catch(() => null),
      ]);
      const sample = sampleValues(targets, { at, offsets, tables }, this.ring.last() ?? null, this.intervalMs * 3);
      this.ring.push(sample);
      const event: FiguresEvent = { type: 'sample', sample: charted(sample) };
      for (const listener of this.listeners) listener(event);
    } catch (error) {
      this.deps.onError?.(error);
    }
  }
}
