/**
 * An Avro field default as a ClickHouse DEFAULT expression for the column an added field gets, so rows inserted
 * before the field existed read the same value a reader on the new schema would fill in. Null (a nullable field)
 * needs no DEFAULT: the column is Nullable. Defaults with no faithful ClickHouse literal (records, non-empty maps,
 * fixed, raw bytes) get none, and the caller says so.
 */
import { splitNullable, type AvroNode } from '../avro/model.ts';
import { quoteString } from '../contract/clickhouse-type.ts';

export type DefaultExpression = { ok: true; sql: string | null } | { ok: false; reason: string };

export function defaultExpression(type: AvroNode, value: unknown): DefaultExpression {
  if (value === null) return { ok: true, sql: null };
  const { inner } = splitNullable(type);
  return literal(inner, value);
}

function literal(node: AvroNode, value: unknown): DefaultExpression {
  const no = (reason: string): DefaultExpression => ({ ok: false, reason });
  switch (node.kind) {
    case 'primitive':
      if (node.type === 'string' && typeof value === 'string') return { ok: true, sql: quoteString(value) };
      if (node.type === 'boolean' && typeof value === 'boolean') return { ok: true, sql: value ? 'true' : 'false' };
      if (['int', 'long', 'float', 'double'].includes(node.type) && typeof value === 'number' && Number.isFinite(value))
        return { ok: true, sql: String(value) };
      return no(`a ${node.type} default has no ClickHouse literal the panel writes`);
    case 'enum':
      return typeof value === 'string' ? { ok: true, sql: quoteString(value) } : no('the enum default is not a symbol');
    case 'logical':
      if (typeof value === 'number' && Number.isInteger(value)) {
        if (node.logicalType === 'timestamp-millis' || node.logicalType === 'local-timestamp-millis')
          return { ok: true, sql: `fromUnixTimestamp64Milli(${value})` };
        if (node.logicalType === 'timestamp-micros' || node.logicalType === 'local-timestamp-micros')
          return { ok: true, sql: `fromUnixTimestamp64Micro(${value})` };
        if (node.logicalType === 'date') return { ok: true, sql: `addDays(toDate32('1970-01-01'), ${value})` };
        return { ok: true, sql: String(value) };
      }
      if (node.logicalType === 'uuid' && typeof value === 'string') return { ok: true, sql: quoteString(value) };
      return no(`a ${node.logicalType} default has no ClickHouse literal the panel writes`);
    case 'decimal':
      return typeof value === 'string' && node.underlying === 'bytes'
        ? { ok: true, sql: quoteString(decimalFromBytes(value, node.scale)) }
        : no('a decimal default on fixed has no ClickHouse literal the panel writes');
    case 'array': {
      if (!Array.isArray(value)) return no('the array default is not a JSON array');
      const items = value.map((v) => literal(node.items, v));
      const bad = items.find((i) => !i.ok || i.sql === null);
      if (bad) return no(`an element of the array default: ${bad.ok ? 'null' : bad.reason}`);
      return { ok: true, sql: `[${items.map((i) => (i as { sql: string }).sql).join(', ')}]` };
    }
    case 'map':
      return value !== null && typeof value === 'object' && Object.keys(value).length === 0
        ? { ok: true, sql: 'map()' }
        : no('only an empty map default has a ClickHouse literal the panel writes');
    default:
      return no(`a ${node.kind} default has no ClickHouse literal the panel writes`);
  }
}

/** Avro's JSON encoding of bytes: one code point (0–255) per byte; a decimal is the big-endian two's-complement unscaled value. */
function decimalFromBytes(text: string, scale: number): string {
  let unscaled = 0n;
  for (const ch of text) unscaled = (unscaled << 8n) | BigInt(ch.charCodeAt(0) & 0xff);
  if (text.length > 0 && (text.charCodeAt(0) & 0x80) !== 0) unscaled -= 1n << BigInt(8 * text.length);
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const whole = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return `${negative ? '-' : ''}${whole}`;
}
