/** Reading trends out of the sampled window: is a lag rising, how long has a counter stood still, how much did it grow. */
import type { FiguresSample, LagTrend } from '../../contracts/lineage.ts';

export interface Point {
  at: number;
  value: number;
}

/** The known values of one series, oldest first. */
export function pointsOf(samples: readonly FiguresSample[], key: string): Point[] {
  const points: Point[] = [];
  for (const s of samples) {
    const value = s.values[key];
    if (value !== null && value !== undefined) points.push({ at: s.at, value });
  }
  return points;
}

const within = (points: Point[], now: number, windowMs: number) => points.filter((p) => p.at > now - windowMs && p.at <= now);

/**
 * Whether a lag rises over the window. A healthy sink's lag is a saw-tooth: it climbs between commits and drops at
 * each one, so comparing single samples would call every commit interval "rising". The floor is what counts: the
 * lowest lag in the recent half of the window against the lowest in the older half. Rising when the floor went up
 * and the newest sample is above the oldest; falling when the peak came down. Needs at least four samples covering
 * half the window, else 'unknown'.
 */
export function lagTrend(all: Point[], now: number, windowMs: number): LagTrend {
  const points = within(all, now, windowMs);
  if (points.length < 4) return 'unknown';
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (last.at - first.at < windowMs / 2) return 'unknown';
  const middle = first.at + (last.at - first.at) / 2;
  const older = points.filter((p) => p.at <= middle).map((p) => p.value);
  const recent = points.filter((p) => p.at > middle).map((p) => p.value);
  if (older.length === 0 || recent.length === 0) return 'unknown';
  if (Math.min(...recent) > Math.min(...older) && last.value > first.value) return 'rising';
  if (Math.max(...recent) < Math.max(...older) && last.value < first.value) return 'falling';
  return 'steady';
}

/**
 * How long every one of `series` has kept its newest value, counted back over contiguous samples only (two samples
 * more than `maxGapMs` apart end the count: what happened while sampling was paused is unknown). 0 when something moved at the newest sample.
 */
export function stillForMs(samples: readonly FiguresSample[], seriesKeys: string[], maxGapMs: number): number {
  if (samples.length === 0 || seriesKeys.length === 0) return 0;
  const newest = samples[samples.length - 1]!;
  // null ("no commit yet") holds like a value; a series missing from a sample (not sampled then) ends the count.
  const held = (s: FiguresSample) => seriesKeys.every((k) => s.values[k] !== undefined && s.values[k] === newest.values[k]);
  if (!held(newest)) return 0;
  let since = newest.at;
  for (let i = samples.length - 2; i >= 0; i--) {
    const s = samples[i]!;
    if (samples[i + 1]!.at - s.at > maxGapMs || !held(s)) break;
    since = s.at;
  }
  return newest.at - since;
}

/** How much a counter grew within the window (newest minus oldest known value in it); 0 with fewer than two values. */
export function growthWithin(all: Point[], now: number, windowMs: number): number {
  const points = within(all, now, windowMs);
  if (points.length < 2) return 0;
  return Math.max(0, points[points.length - 1]!.value - points[0]!.value);
}

/** The newest value of a series at the newest sample, or null. */
export function latestValue(samples: readonly FiguresSample[], key: string): number | null {
  const value = samples[samples.length - 1]?.values[key];
  return value === undefined ? null : value;
}
