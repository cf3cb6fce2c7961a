/** Turns one tick's readings into the values of every series (see series-keys.ts), rates against the previous tick. */
import type { FiguresSample } from '../../contracts/lineage.ts';
import { committedOf, endOffsetOf, lagOf, messagesOf, type OffsetsReading, type SampleTargets, type TableReading } from './readings.ts';
import { keys } from './series-keys.ts';

/**
 * Per-second rate of a counter between two readings. null when either is unknown, when more than `maxGapMs` lies
 * between them (sampling was paused: a gap stays a gap, it is not averaged over), or when the counter went back
 * (a topic re-created, rows deleted): that is no rate of arrival.
 */
export function ratePerSecond(
  previous: { at: number; value: number | null | undefined } | null,
  current: { at: number; value: number | null },
  maxGapMs: number,
): number | null {
  if (!previous || previous.value === null || previous.value === undefined || current.value === null) return null;
  const dt = current.at - previous.at;
  if (dt <= 0 || dt > maxGapMs || current.value < previous.value) return null;
  return ((current.value - previous.value) * 1000) / dt;
}

export interface TickReadings {
  at: number;
  /** null when Kafka could not be asked this tick. */
  offsets: OffsetsReading | null;
  /** null when ClickHouse could not be asked this tick. */
  tables: TableReading[] | null;
}

export function sampleValues(targets: SampleTargets, tick: TickReadings, previous: FiguresSample | null, maxGapMs: number): FiguresSample {
  const values: Record<string, number | null> = {};
  const rate = (counterKey: string) =>
    ratePerSecond(
      previous && { at: previous.at, value: previous.values[counterKey] },
      { at: tick.at, value: values[counterKey] ?? null },
      maxGapMs,
    );

  const offsets = tick.offsets;
  const topics = new Map((offsets?.topics ?? []).map((t) => [t.topic, t]));
  for (const topic of new Set([...targets.topics, ...targets.dlqTopics])) {
    const found = topics.get(topic);
    values[keys.topicEnd(topic)] = found ? endOffsetOf(found) : null;
  }
  for (const topic of targets.topics) values[keys.topicRate(topic)] = rate(keys.topicEnd(topic));
  for (const topic of targets.dlqTopics) {
    const found = topics.get(topic);
    values[keys.dlqMessages(topic)] = found ? messagesOf(found) : null;
  }
  const groups = new Map((offsets?.groups ?? []).map((g) => [g.group, g.offsets]));
  for (const { group, topic } of targets.groups) {
    const committed = groups.get(group);
    const found = topics.get(topic);
    values[keys.groupLag(group, topic)] = committed && found ? lagOf(found, committed) : null;
    values[keys.groupCommitted(group, topic)] = committed ? committedOf(topic, committed) : null;
  }
  const tables = new Map((tick.tables ?? []).map((t) => [`${t.database}\u0000${t.table}`, t]));
  for (const { database, table } of targets.tables) {
    const found = tables.get(`${database}\u0000${table}`);
    values[keys.tableRows(database, table)] = found?.rows ?? null;
    values[keys.tableRowsRate(database, table)] = rate(keys.tableRows(database, table));
    values[keys.tableParts(database, table)] = found?.activeParts ?? null;
  }
  return { at: tick.at, values };
}
