/**
 * Names the panel generates or accepts: ClickHouse identifiers and Kafka topic names.
 * Generated SQL only ever contains identifiers that pass `validateIdentifier`, and they are still quoted.
 */

export type NameCheck = { ok: true; warnings: string[] } | { ok: false; reason: string };

/** Strict rule for identifiers the panel writes into DDL: plain ASCII, so they are also safe as file names. */
export const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** ClickHouse itself allows longer names; 255 bytes keeps them valid as file names on every filesystem. */
export const MAX_IDENTIFIER_LENGTH = 255;

export function validateIdentifier(name: unknown, what = 'identifier'): NameCheck {
  if (typeof name !== 'string') return { ok: false, reason: `${what} must be a string` };
  if (name.length === 0) return { ok: false, reason: `${what} is empty` };
  if (name.length > MAX_IDENTIFIER_LENGTH)
    return {
      ok: false,
      reason: `${what} "${name.slice(0, 40)}…" is ${name.length} characters long; the limit is ${MAX_IDENTIFIER_LENGTH}`,
    };
  if (!IDENTIFIER_PATTERN.test(name)) {
    const bad = [...name].find((c, i) => !(i === 0 ? /[A-Za-z_]/ : /[A-Za-z0-9_]/).test(c)) ?? '';
    const shown = /[\x20-\x7e]/.test(bad)
      ? JSON.stringify(bad)
      : `U+${(bad.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    return {
      ok: false,
      reason: `${what} ${JSON.stringify(name)} contains ${shown}${/^[0-9]/.test(name) ? ' at the start' : ''}; use letters, digits and underscores, starting with a letter or underscore`,
    };
  }
  return { ok: true, warnings: [] };
}

/**
 * Backtick-quotes any name for ClickHouse SQL. Backslashes and backticks are escaped and NUL is refused, so the
 * result can never end the quoted identifier early. Callers that generate DDL validate first; this is the
 * second line of defence.
 */
export function quoteIdentifier(name: string): string {
  if (name.length === 0) throw new Error('cannot quote an empty identifier');
  if (name.includes('\0')) throw new Error('identifier contains a NUL character');
  return '`' + name.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`';
}

/** Kafka's rule (org.apache.kafka.common.internals.Topic): [a-zA-Z0-9._-], 1..249 characters, not "." or "..". */
export const TOPIC_PATTERN = /^[a-zA-Z0-9._-]+$/;
export const MAX_TOPIC_LENGTH = 249;

export function validateTopicName(name: unknown, existingTopics: readonly string[] = []): NameCheck {
  if (typeof name !== 'string') return { ok: false, reason: 'topic name must be a string' };
  if (name.length === 0) return { ok: false, reason: 'topic name is empty' };
  if (name === '.' || name === '..') return { ok: false, reason: `topic name cannot be "${name}"` };
  if (name.length > MAX_TOPIC_LENGTH)
    return { ok: false, reason: `topic name is ${name.length} characters long; Kafka allows at most ${MAX_TOPIC_LENGTH}` };
  if (!TOPIC_PATTERN.test(name)) {
    const bad = [...name].find((c) => !/[a-zA-Z0-9._-]/.test(c)) ?? '';
    return {
      ok: false,
      reason: `topic name ${JSON.stringify(name)} contains ${JSON.stringify(bad)}; Kafka allows only ASCII letters, digits, ".", "_" and "-"`,
    };
  }
  const warnings: string[] = [];
  if (name.includes('.') || name.includes('_')) {
    warnings.push(
      `"${name}" contains "." or "_": Kafka metric names treat them alike, so it collides with a topic that differs only there`,
    );
    const key = collisionKey(name);
    const clash = existingTopics.find((t) => t !== name && collisionKey(t) === key);
    if (clash)
      return {
        ok: false,
        reason: `topic "${name}" collides with existing topic "${clash}" ("." and "_" are equivalent in Kafka metric names)`,
      };
  }
  if (name.startsWith('__')) warnings.push(`topics starting with "__" are conventionally internal (e.g. __consumer_offsets)`);
  if (!IDENTIFIER_PATTERN.test(name)) {
    warnings.push(
      `"${name}" is not a plain ClickHouse identifier; the sink needs topic2TableMap (or a table with exactly this name) to route it`,
    );
  }
  return { ok: true, warnings };
}

function collisionKey(topic: string): string {
  return topic.replace(/\./g, '_');
}

/**
 * Values that become one path segment of an upstream URL (registry subjects, connector names). Empty, "." and ".."
 * are never names: URL parsers resolve them as dot segments (`/config/.` is `/config/`, the registry's *global*
 * level), so they are refused here and again by the clients' encoder (http/path-segment.ts).
 */
export function pathSegmentProblem(value: string, what = 'name'): string | null {
  if (value === '') return `${what} is empty`;
  if (value === '.' || value === '..') return `${what} cannot be "${value}" (a dot segment would address another URL)`;
  return null;
}

/** Characters that could end a quoted value, change a URL or hide in logs: never part of a subject or connector name. */
const UNSAFE_NAME_CHARACTER = /[/\\"'`\u0000-\u001f\u007f]/;

function nameProblem(value: string, what: string, maxLength: number, example: string): string | null {
  const segment = pathSegmentProblem(value, what);
  if (segment) return segment;
  if (value.length > maxLength) return `${what} is ${value.length} characters long; the limit is ${maxLength}`;
  if (value.trim() !== value) return `${what} starts or ends with whitespace`;
  const bad = [...value].find((c) => UNSAFE_NAME_CHARACTER.test(c));
  if (bad === undefined) return null;
  const shown = /[\u0000-\u001f\u007f]/.test(bad)
    ? `control character U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
    : JSON.stringify(bad);
  return `${what} ${JSON.stringify(value)} contains ${shown}; use letters, digits, ".", "_" and "-" (e.g. ${example})`;
}

export const MAX_SUBJECT_LENGTH = 255;
/** A Schema Registry subject: one path segment of its REST API. */
export const subjectProblem = (subject: string): string | null => nameProblem(subject, 'subject', MAX_SUBJECT_LENGTH, 'orders-value');

export const MAX_CONNECTOR_NAME_LENGTH = 249;
/** A Kafka Connect connector name: one path segment of Connect's REST API. */
export const connectorNameProblem = (name: string): string | null =>
  nameProblem(name, 'connector name', MAX_CONNECTOR_NAME_LENGTH, 'orders-clickhouse-sink');
