/**
 * Avro values ↔ the JSON people read and type. One convention both ways, so a message copied as JSON can be
 * produced again: unions unwrapped where avsc can (["null", T] is the value or null; ambiguous unions are
 * {"<branch>": value}, avsc's wrapped form), decimals as decimal text ("19.99"), dates as "YYYY-MM-DD",
 * timestamp-millis as an ISO-8601 string (epoch milliseconds accepted when typing), bytes and fixed as the Avro JSON
 * encoding (one code point per byte, U+0000..U+00FF).
 */
import avro from 'avsc';
import { JS_LOGICAL_TYPES } from '../avro/logical-types.ts';

export interface AvroFieldError {
  /** Dotted path from the record root, e.g. "note" or "items.2.sku"; "" for the value itself. */
  path: string;
  message: string;
}

/** The avsc type of a writer or reader schema text, with the logical types above. Throws on an invalid schema. */
export function avroType(schema: string | object): avro.Type {
  return avro.Type.forSchema(typeof schema === 'string' ? JSON.parse(schema) : schema, {
    logicalTypes: JS_LOGICAL_TYPES,
  } as avro.ForSchemaOptions);
}

/** Decodes an Avro payload (no framing) to JSON text; throws when the bytes do not match the schema. */
export function avroPayloadToJson(type: avro.Type, payload: Buffer): unknown {
  const value = type.fromBuffer(payload);
  return JSON.parse(JSON.stringify(value, jsonReplacer));
}

function jsonReplacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (Buffer.isBuffer(raw)) return raw.toString('latin1');
  if (typeof raw === 'bigint') return raw.toString();
  return value;
}

/**
 * Converts typed JSON into the value avsc encodes and checks it; every mismatch is reported with its path and
 * why (not only the first). Unknown record keys are errors too: a typo never passes silently.
 */
export function jsonToAvro(type: avro.Type, json: unknown): { ok: true; value: unknown } | { ok: false; errors: AvroFieldError[] } {
  const errors: AvroFieldError[] = [];
  const value = convert(type, json, [], errors);
  type.isValid(value, {
    errorHook: (path: string[], got: unknown, expected: avro.Type) => {
      const where = path.join('.');
      if (errors.some((e) => e.path === where)) return;
      errors.push({ path: where, message: mismatch(expected, got) });
    },
  });
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors };
}

function convert(type: avro.Type, json: unknown, path: string[], errors: AvroFieldError[]): unknown {
  const name = type.typeName;
  if (name === 'logical:timestamp-millis') {
    if (typeof json === 'number') return new Date(json);
    if (typeof json === 'string' && !Number.isNaN(Date.parse(json))) return new Date(json);
    return json;
  }
  if ((name === 'bytes' || name === 'fixed') && typeof json === 'string') return Buffer.from(json, 'latin1');
  if (name === 'record' || name === 'error') {
    if (json === null || typeof json !== 'object' || Array.isArray(json)) return json;
    const record = type as unknown as { fields: { name: string; type: avro.Type; defaultValue(): unknown }[] };
    const input = json as Record<string, unknown>;
    const known = new Set(record.fields.map((f) => f.name));
    for (const key of Object.keys(input)) {
      if (!known.has(key)) errors.push({ path: [...path, key].join('.'), message: `is not a field of ${describe(type)}` });
    }
    const out: Record<string, unknown> = {};
    for (const field of record.fields) {
      const given = input[field.name];
      if (given === undefined) {
        const fallback = field.defaultValue();
        if (fallback === undefined)
          errors.push({ path: [...path, field.name].join('.'), message: `is missing (${describe(field.type)}, no default)` });
        else out[field.name] = fallback;
      } else out[field.name] = convert(field.type, given, [...path, field.name], errors);
    }
    return out;
  }
  if (name === 'array' && Array.isArray(json)) {
    const items = (type as unknown as { itemsType: avro.Type }).itemsType;
    return json.map((item, i) => convert(items, item, [...path, String(i)], errors));
  }
  if (name === 'map' && json !== null && typeof json === 'object' && !Array.isArray(json)) {
    const values = (type as unknown as { valuesType: avro.Type }).valuesType;
    return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, convert(values, v, [...path, k], errors)]));
  }
  if (name === 'union:unwrapped') {
    if (json === null) return null;
    const branches = (type as unknown as { types: avro.Type[] }).types.filter((t) => t.typeName !== 'null');
    for (const branch of branches) {
      const attempt = convert(branch, json, path, []);
      if (branch.isValid(attempt)) return attempt;
    }
    // None fits: convert through the first branch so the errors point inside it.
    return branches[0] ? convert(branches[0], json, path, errors) : json;
  }
  if (name === 'union:wrapped' && json !== null && typeof json === 'object' && !Array.isArray(json)) {
    const entries = Object.entries(json);
    const branches = (type as unknown as { types: avro.Type[] }).types;
    if (entries.length === 1) {
      const [branchName, inner] = entries[0] as [string, unknown];
      const branch = branches.find((t) => t.branchName === branchName);
      if (branch) return { [branchName]: convert(branch, inner, [...path, branchName], errors) };
    }
  }
  return json;
}

/** "int", "decimal(10,2)", "record orders", "enum Status [NEW, PAID]", "union [null, string]". */
export function describe(type: avro.Type): string {
  const name = type.typeName;
  if (name === 'logical:decimal') {
    const decimal = type as unknown as { precision?: number; scale?: number };
    return `decimal(${String(decimal.precision)},${String(decimal.scale ?? 0)})`;
  }
  if (name.startsWith('logical:')) return name.slice('logical:'.length);
  if (name === 'record' || name === 'error') return `record ${type.name ?? ''}`.trim();
  if (name === 'enum') return `enum ${type.name ?? ''} [${(type as unknown as { symbols: string[] }).symbols.join(', ')}]`;
  if (name === 'fixed') return `fixed(${(type as unknown as { size: number }).size})`;
  if (name === 'array') return `array of ${describe((type as unknown as { itemsType: avro.Type }).itemsType)}`;
  if (name === 'map') return `map of ${describe((type as unknown as { valuesType: avro.Type }).valuesType)}`;
  if (name.startsWith('union')) return `union [${(type as unknown as { types: avro.Type[] }).types.map(describe).join(', ')}]`;
  return name;
}

const HINTS: Record<string, string> = {
  'logical:decimal': 'a decimal string such as "19.99", no more digits after the point than the scale',
  'logical:date': 'a date "YYYY-MM-DD"',
  'logical:timestamp-millis': 'epoch milliseconds or an ISO-8601 date-time',
  'logical:uuid': 'a UUID string',
  bytes: 'a string of code points U+0000..U+00FF (Avro JSON bytes)',
  long: 'an integer',
  int: 'an integer from -2^31 to 2^31-1',
};

function mismatch(expected: avro.Type, got: unknown): string {
  const shown = got === undefined ? 'nothing' : truncate(JSON.stringify(got) ?? String(got));
  const hint = HINTS[expected.typeName];
  return `expected ${describe(expected)}${hint ? ` (${hint})` : ''}, got ${shown}`;
}

const truncate = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}...` : text);
