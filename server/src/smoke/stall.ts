/**
 * Tells a stuck delivery from a slow one while the arrive step waits. Progress is either new rows in the table or
 * a consumer-group commit that moved; a delivery is stalled when it made neither for `windowMs` while records still
 * wait on the topic (lag > 0).
 *
 * Why the window is three commit intervals: a healthy consumer group's committed offsets move only when it commits
 * (Kafka Connect every offset.flush.interval.ms, the Kafka engine after each flushed block), so the offsets may look
 * still for up to one interval plus the time of an insert; a commit can also be skipped when a rebalance or a slow
 * insert overlaps the commit timer. Three intervals without a commit and without a new row, while records wait,
 * leave no healthy explanation: the sink is retrying the same batch (a retriable ClickHouse error such as code 252,
 * or an unreachable server), or is not consuming at all.
 */
export interface ProgressSample {
  at: number;
  rows: number;
  /** Sum of the group's committed offsets on the topic; null when unknown. */
  committed: number | null;
  /** Records on the topic the group has not committed; null when unknown. */
  lag: number | null;
}

export const STALL_INTERVALS = 3;

export function stallWindowMs(commitIntervalMs: number, pollIntervalMs: number): number {
  return Math.max(STALL_INTERVALS * commitIntervalMs, STALL_INTERVALS * pollIntervalMs);
}

export class StallWatch {
  private lastProgressAt: number | null = null;
  private last: ProgressSample | null = null;

  constructor(readonly windowMs: number) {}

  /** Feeds one sample; returns how long the delivery has been still with records waiting (0 when it is not). */
  observe(sample: ProgressSample): number {
    const previous = this.last;
    this.last = sample;
    const moved =
      previous === null ||
      sample.rows > previous.rows ||
      (sample.committed !== null && previous.committed !== null && sample.committed > previous.committed);
    if (moved || this.lastProgressAt === null) this.lastProgressAt = sample.at;
    if (sample.lag === null || sample.lag <= 0) return 0;
    return sample.at - this.lastProgressAt;
  }

  stalled(sample: ProgressSample): boolean {
    return this.observe(sample) >= this.windowMs;
  }
}
