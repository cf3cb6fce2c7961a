/**
 * Avro schema inference from JSON samples (pure). Each field's observed values are folded into one "shape";
 * shapes that cannot share an Avro type without losing meaning (a string and a number, an object and a boolean)
 * are refused with the field's path, while numbers widen (int → long → double) with a note.
 *
 * Timestamps: a string field becomes `long`/`timestamp-millis` only when EVERY non-null sample is an ISO-8601
 * date-time with a zone (Z or ±hh:mm), because only then is the instant unambiguous; otherwise it stays a string.
 * Either way a note says so, since producers then have to send epoch milliseconds.
 */
import { parseAvroSchema } from '../avro/model.ts';

export interface InferOptions {
  /** Root record name (a valid Avro name). */
  recordName: string;
  namespace?: string;
}

export type InferResult = { ok: true; schema: Record<string, unknown>; notes: string[] } | { ok: false; errors: string[] };

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
export const AVRO_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** ISO-8601 date-time with seconds, optional fraction, and a zone. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;

type NumberKind = 'int' | 'long' | 'double';

/** What the samples showed for one position in the document. */
interface Shape {
  /** Samples in which the value was present (not missing), for nullability of record fields. */
  present: number;
  nulls: number;
  boolean: number;
  number: NumberKind | null;
  numbers: number;
  strings: number;
  isoStrings: number;
  object: ObjectShape | null;
  array: Shape | null;
  arrays: number;
}

interface ObjectShape {
  samples: number;
  fields: Map<string, Shape>;
}

const emptyShape = (): Shape => ({
  present: 0,
  nulls: 0,
  boolean: 0,
  number: null,
  numbers: 0,
  strings: 0,
  isoStrings: 0,
  object: null,
  array: null,
  arrays: 0,
});

function numberKind(value: number): NumberKind {
  if (Number.isInteger(value)) {
    if (value >= INT_MIN && value <= INT_MAX) return 'int';
    if (Number.isSafeInteger(value)) return 'long';
  }
  return 'double';
}

const RANK: Record<NumberKind, number> = { int: 0, long: 1, double: 2 };

function observe(shape: Shape, value: unknown): void {
  shape.present += 1;
  if (value === null) shape.nulls += 1;
  else if (typeof value === 'boolean') shape.boolean += 1;
  else if (typeof value === 'number') {
    const kind = numberKind(value);
    shape.numbers += 1;
    if (shape.number === null || RANK[kind] > RANK[shape.number]) shape.number = kind;
  } else if (typeof value === 'string') {
    shape.strings += 1;
    if (ISO_WITH_ZONE.test(value) && !Number.isNaN(Date.parse(value))) shape.isoStrings += 1;
  } else if (Array.isArray(value)) {
    shape.arrays += 1;
    shape.array ??= emptyShape();
    for (const item of value) observe(shape.array, item);
  } else if (typeof value === 'object') {
    shape.object ??= { samples: 0, fields: new Map() };
    observeObject(shape.object, value as Record<string, unknown>);
  }
}

function observeObject(object: ObjectShape, value: Record<string, unknown>): void {
  object.samples += 1;
  for (const [key, item] of Object.entries(value)) {
    let field = object.fields.get(key);
    if (!field) object.fields.set(key, (field = emptyShape()));
    observe(field, item);
  }
}

interface Context {
  notes: string[];
  errors: string[];
  names: Set<string>;
  namespace?: string;
}

function pascal(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z_]/.test(joined) ? joined : `R${joined}`;
}

/** A record name from the field path, unique within the schema (Avro names must not repeat). */
function recordName(ctx: Context, base: string): string {
  const name = pascal(base) || 'Record';
  let candidate = name;
  for (let i = 2; ctx.names.has(candidate); i++) candidate = `${name}${i}`;
  ctx.names.add(candidate);
  return candidate;
}

/** The Avro type for a shape, without the null branch (nullability is decided by the caller). */
function typeOf(shape: Shape, path: string, ctx: Context): unknown {
  const kinds = [
    shape.boolean > 0 && 'boolean',
    shape.numbers > 0 && 'number',
    shape.strings > 0 && 'string',
    shape.object && 'object',
    shape.arrays > 0 && 'array',
  ].filter((k): k is string => typeof k === 'string');
  if (kinds.length > 1) {
    ctx.errors.push(
      `${path}: samples mix ${kinds.join(' and ')} values; Avro needs one type per field (make the producer consistent, or edit the schema by hand)`,
    );
    return 'string';
  }
  switch (kinds[0]) {
    case undefined:
      ctx.notes.push(`${path}: only null values seen; typed as ["null","string"] — edit the type if you know better`);
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number': {
      const kind = shape.number as NumberKind;
      if (kind === 'long') ctx.notes.push(`${path}: integers beyond 32 bits seen; typed as long`);
      if (kind === 'double') ctx.notes.push(`${path}: fractional or very large numbers seen; typed as double (ClickHouse Float64)`);
      return kind;
    }
    case 'string':
      if (shape.isoStrings === shape.strings) {
        ctx.notes.push(
          `${path}: all ${shape.strings} value(s) are ISO-8601 timestamps with a zone; suggested {"type":"long","logicalType":"timestamp-millis"} ` +
            `(ClickHouse DateTime64(3)) — producers must then send epoch milliseconds; change it to "string" to keep the text`,
        );
        return { type: 'long', logicalType: 'timestamp-millis' };
      }
      return 'string';
    case 'object':
      return recordType(shape.object as ObjectShape, path, ctx);
    case 'array': {
      const items = shape.array as Shape;
      if (items.present === 0) {
        ctx.notes.push(`${path}: only empty arrays seen; items typed as string`);
        return { type: 'array', items: 'string' };
      }
      return { type: 'array', items: withNull(items, items.nulls > 0, `${path}[]`, ctx) };
    }
  }
  return 'string';
}

function withNull(shape: Shape, nullable: boolean, path: string, ctx: Context): unknown {
  const type = typeOf(shape, path, ctx);
  return nullable ? ['null', type] : type;
}

function recordType(object: ObjectShape, path: string, ctx: Context): Record<string, unknown> {
  const name = recordName(ctx, path.split('.').pop() ?? path);
  const fields: Record<string, unknown>[] = [];
  for (const [key, shape] of object.fields) {
    const fieldPath = `${path}.${key}`;
    if (!AVRO_NAME.test(key)) {
      ctx.errors.push(
        `${fieldPath}: "${key}" is not a valid Avro field name (letters, digits and "_", not starting with a digit); the column name must equal the field name, so rename it at the producer`,
      );
      continue;
    }
    const missing = shape.present < object.samples;
    const nullable = missing || shape.nulls > 0;
    if (missing)
      ctx.notes.push(
        `${fieldPath}: missing in ${object.samples - shape.present} of ${object.samples} sample(s); nullable with default null`,
      );
    const type = withNull(shape, nullable, fieldPath, ctx);
    fields.push(nullable ? { name: key, type, default: null } : { name: key, type });
  }
  if (fields.length === 0 && ctx.errors.length === 0) ctx.errors.push(`${path}: no fields seen; a record needs at least one`);
  return { type: 'record', name, fields };
}

/** Infers a record schema from JSON objects (parsed values). */
export function inferAvroSchema(samples: unknown[], options: InferOptions): InferResult {
  if (!AVRO_NAME.test(options.recordName))
    return {
      ok: false,
      errors: [
        `record name ${JSON.stringify(options.recordName)} is not a valid Avro name (letters, digits and "_", not starting with a digit)`,
      ],
    };
  if (samples.length === 0) return { ok: false, errors: ['no samples: paste at least one JSON object'] };
  const root: ObjectShape = { samples: 0, fields: new Map() };
  const errors: string[] = [];
  samples.forEach((sample, i) => {
    if (sample === null || typeof sample !== 'object' || Array.isArray(sample))
      errors.push(`sample ${i + 1} is not a JSON object; each message value must be an object (one field per column)`);
    else observeObject(root, sample as Record<string, unknown>);
  });
  if (errors.length > 0) return { ok: false, errors };
  const ctx: Context = { notes: [], errors: [], names: new Set([options.recordName]) };
  const record = recordType(root, '$', ctx);
  record.name = options.recordName;
  if (options.namespace) record.namespace = options.namespace;
  // Paths read better without the "$." root marker.
  const tidy = (s: string) => s.replace(/^\$\./, '');
  if (ctx.errors.length > 0) return { ok: false, errors: ctx.errors.map(tidy) };
  const parsed = parseAvroSchema(record);
  if (!parsed.ok) return { ok: false, errors: [`internal: the inferred schema is not valid Avro: ${parsed.message}`] };
  return { ok: true, schema: record, notes: ctx.notes.map(tidy) };
}

/** Pasted samples: a JSON array, a single object, or one JSON value per line (NDJSON). */
export function parseSamples(text: string): { ok: true; samples: unknown[] } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'no samples: paste a JSON array of objects, or one JSON object per line' };
  try {
    const value: unknown = JSON.parse(trimmed);
    return { ok: true, samples: Array.isArray(value) ? value : [value] };
  } catch {
    // Not one JSON document: try one per line.
  }
  const samples: unknown[] = [];
  const lines = trimmed.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    try {
      samples.push(JSON.parse(line));
    } catch (error) {
      return { ok: false, error: `line ${i + 1} is not valid JSON: ${(error as Error).message}` };
    }
  }
  return { ok: true, samples };
}

/** A valid Avro record name from a topic name: "page-views.v2" → "PageViewsV2". */
export function recordNameForTopic(topic: string): string {
  return pascal(topic) || 'Value';
}
