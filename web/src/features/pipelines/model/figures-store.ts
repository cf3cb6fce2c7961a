/**
 * The live figures in the browser: the server's window (backfill) plus each streamed sample, column by column, the
 * oldest dropped past the window. Charts subscribe and redraw on each change; nothing is polled per chart.
 */
import type { FiguresEvent, FiguresSample } from '@pipeline-panel/server/contracts';

export interface Series {
  /** Epoch seconds (uPlot's x unit). */
  times: number[];
  values: (number | null)[];
}

export class FiguresStore {
  private times: number[] = [];
  private columns = new Map<string, (number | null)[]>();
  private windowMs = 15 * 60_000;
  private readonly listeners = new Set<() => void>();
  /** Bumped on every change (for useSyncExternalStore). */
  version = 0;

  apply(event: FiguresEvent): void {
    if (event.type === 'backfill') {
      this.windowMs = event.window.windowMs;
      this.times = [...event.window.times];
      this.columns = new Map(Object.entries(event.window.series).map(([key, values]) => [key, [...values]]));
    } else {
      this.push(event.sample);
    }
    this.version++;
    for (const listener of this.listeners) listener();
  }

  private push(sample: FiguresSample): void {
    const last = this.times[this.times.length - 1];
    if (last !== undefined && sample.at <= last) return;
    const length = this.times.length;
    this.times.push(sample.at);
    for (const [key, value] of Object.entries(sample.values)) {
      let column = this.columns.get(key);
      if (!column) this.columns.set(key, (column = new Array<number | null>(length).fill(null)));
      column.push(value);
    }
    for (const column of this.columns.values()) if (column.length < this.times.length) column.push(null);
    let drop = 0;
    while (drop < this.times.length && this.times[drop]! < sample.at - this.windowMs) drop++;
    if (drop > 0) {
      this.times.splice(0, drop);
      for (const column of this.columns.values()) column.splice(0, drop);
    }
  }

  series(key: string): Series {
    return { times: this.times.map((t) => t / 1000), values: this.columns.get(key) ?? this.times.map(() => null) };
  }

  /** The newest known value of a series. */
  latest(key: string): number | null {
    const column = this.columns.get(key);
    if (!column) return null;
    for (let i = column.length - 1; i >= 0; i--) if (column[i] !== null && column[i] !== undefined) return column[i]!;
    return null;
  }

  get sampleCount(): number {
    return this.times.length;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
