/**
 * Repo file names the wizard writes, derived only from validated names so none can leave sql/ or connectors/:
 * sql/<NNN>_<table>.sql, connectors/<connector>.json, connectors/<topic>-value.avsc.
 */
import { validateIdentifier, validateTopicName } from '../names.ts';

const CONNECTOR_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const NUMBERED_SQL = /^(\d{3,})_.+\.sql$/;

export type NameResult = { ok: true; file: string } | { ok: false; reason: string };

/** connectors/<topic>-value.avsc; the pipelines reader wants it to start with a letter or digit. */
export function schemaFileName(topic: string): NameResult {
  const check = validateTopicName(topic);
  if (!check.ok) return { ok: false, reason: check.reason };
  if (!/^[A-Za-z0-9]/.test(topic))
    return {
      ok: false,
      reason: `topic "${topic}" starts with "${topic[0]}": the wizard writes connectors/${topic}-value.avsc, so start the name with a letter or digit`,
    };
  return { ok: true, file: `${topic}-value.avsc` };
}

export function connectorFileName(name: string): NameResult {
  if (typeof name !== 'string' || !CONNECTOR_NAME.test(name)) {
    return {
      ok: false,
      reason: `connector name ${JSON.stringify(name)} must be 1..200 letters, digits, ".", "_" or "-", starting with a letter or digit (it becomes connectors/<name>.json)`,
    };
  }
  return { ok: true, file: `${name}.json` };
}

/**
 * sql/<NNN>_<table>.sql: the existing file for this table when there is one (so a re-run finds it again),
 * else the next number after the highest NNN_ prefix in sql/.
 */
export function sqlFileName(table: string, existing: readonly string[]): NameResult {
  const check = validateIdentifier(table, 'table name');
  if (!check.ok) return { ok: false, reason: check.reason };
  const own = existing.filter((f) => NUMBERED_SQL.test(f) && f.slice(f.indexOf('_') + 1) === `${table}.sql`).sort();
  if (own.length > 0) return { ok: true, file: own[0]! };
  const highest = Math.max(
    0,
    ...existing
      .map((f) => NUMBERED_SQL.exec(f))
      .filter((m) => m !== null)
      .map((m) => Number(m[1])),
  );
  return { ok: true, file: `${String(highest + 1).padStart(3, '0')}_${table}.sql` };
}

/** Default names derived from a topic: table (a ClickHouse identifier), connector, dead-letter topic. */
export function suggestedNames(topic: string): { table: string; connector: string; dlqTopic: string } {
  let table = topic.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(table)) table = `t_${table}`;
  return { table: table.slice(0, 200), connector: `${topic}-clickhouse-sink`.slice(0, 200), dlqTopic: `${topic}-dlq`.slice(0, 249) };
}
