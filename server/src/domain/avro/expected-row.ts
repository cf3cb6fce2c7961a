/**
 * What a table's row reads back as for a generated record, computed from the table's real column types (DESCRIBE
 * TABLE / system.columns) and the ClickHouse sink v1.5.0's conversions (contract/sink-rules.ts): DateTime64 ticks
 * rescaled to the column's precision and printed in its zone, decimals rescaled to the column's scale, FixedString
 * zero-padded, Enum symbols, Nullable nulls, arrays/maps/tuples element by element.
 *
 * Rows are read with `FORMAT JSONEachRow` and READ_BACK_SETTINGS, so every value has one exact spelling:
 * 64-bit and wider integers and decimals quoted (JSON numbers would lose digits), decimals with all their scale's
 * digits, DateTime as `YYYY-MM-DD hh:mm:ss[.fff…]` in the column's time zone (the server's for a column without one).
 * Input values are in avsc's default representation (generate-records.ts).
 * A value the sink's result cannot be predicted for (a null into a DEFAULT column, JSON) is left out of the row,
 * so the comparison skips it.
 */
import type { ClickHouseColumn } from '../../contracts/contract.ts';
import { parseClickHouseType, type ChType } from '../contract/clickhouse-type.ts';
import { parseAvroSchema, type AvroField, type AvroNode } from './model.ts';
import { decimalText, decodeDecimal } from './generate-records.ts';

/** Settings of the query that reads rows back; the expectations below are spelled for exactly these. */
export const READ_BACK_SETTINGS = {
  output_format_json_quote_64bit_integers: 1,
  output_format_json_quote_decimals: 1,
  output_format_decimal_trailing_zeros: 1,
  output_format_json_named_tuples_as_objects: 1,
  date_time_output_format: 'simple',
} as const;

export interface ExpectationOptions {
  /** The server's time zone (`SELECT timezone()`), used for DateTime columns without their own. */
  serverTimezone: string;
}

type Expect = (value: unknown) => unknown;

/** Left out of the expected row: not predictable from the record. */
const SKIP = Symbol('skip');

export interface RowExpectation {
  /** Columns compared: the fields that have a column of the same name. */
  columns: string[];
  expected(record: Record<string, unknown>): Record<string, unknown>;
}

/** Builds the per-column expectations once; `expected` is then cheap per record (the smoke test runs up to 100k). */
export function rowExpectation(schema: object | string, columns: ClickHouseColumn[], opts: ExpectationOptions): RowExpectation {
  const parsed = parseAvroSchema(schema);
  if (!parsed.ok) throw new Error(`invalid Avro schema: ${parsed.message}`);
  if (parsed.root.kind !== 'record') throw new Error('the value schema must be a record');
  const byName = new Map(columns.map((c) => [c.name, c]));
  const plan: { field: AvroField; expect: Expect }[] = [];
  for (const field of parsed.root.fields) {
    const column = byName.get(field.name);
    if (!column || ['MATERIALIZED', 'ALIAS', 'EPHEMERAL'].includes(column.defaultKind)) continue;
    let type: ChType;
    try {
      type = parseClickHouseType(column.type);
    } catch {
      continue;
    }
    plan.push({ field, expect: expectFor(field.type, type, opts, column.defaultKind === 'DEFAULT') });
  }
  return {
    columns: plan.map((p) => p.field.name),
    expected(record) {
      const row: Record<string, unknown> = {};
      for (const { field, expect } of plan) {
        const value = expect(record[field.name]);
        if (value !== SKIP) row[field.name] = value;
      }
      return row;
    },
  };
}

function expectFor(node: AvroNode, col: ChType, opts: ExpectationOptions, hasDefault = false): Expect {
  let nullable = false;
  let base = col;
  while (base.kind === 'Nullable' || base.kind === 'LowCardinality') {
    if (base.kind === 'Nullable') nullable = true;
    base = base.inner;
  }
  const value = valueExpect(base, opts);
  const forNull: unknown = nullable ? null : base.kind === 'Array' ? [] : base.kind === 'Map' ? {} : base.kind === 'Variant' ? null : SKIP;
  const nullValue = hasDefault && !nullable ? SKIP : forNull;
  return (raw) => {
    const u = unwrapUnion(node, raw);
    if (u.value === null || u.value === undefined) return nullValue;
    return value(u.node, u.value);
  };
}

type ValueExpect = (node: AvroNode, value: unknown) => unknown;

const pad = (n: number | bigint, width = 2) => String(n).padStart(width, '0');
const DAY_MS = 86_400_000;

function valueExpect(col: ChType, opts: ExpectationOptions): ValueExpect {
  switch (col.kind) {
    case 'Int': {
      const quoted = col.bits >= 64;
      const wrap = !col.signed && col.bits === 64;
      return (node, v) => {
        const n = integerOf(node, v);
        if (n === SKIP) return SKIP;
        const value = wrap && n < 0n ? n + (1n << 64n) : n;
        return quoted ? value.toString() : Number(value);
      };
    }
    case 'Float':
      return (_n, v) => (typeof v === 'number' ? v : SKIP);
    case 'Bool':
      return (_n, v) => (typeof v === 'boolean' ? v : typeof v === 'number' ? v !== 0 : SKIP);
    case 'String':
      return (_n, v) => (Buffer.isBuffer(v) ? v.toString('utf8') : typeof v === 'string' ? v : SKIP);
    case 'FixedString':
      return (_n, v) => {
        const text = Buffer.isBuffer(v) ? v.toString('utf8') : typeof v === 'string' ? v : null;
        if (text === null) return SKIP;
        const bytes = Buffer.alloc(col.length);
        Buffer.from(text, 'utf8').copy(bytes);
        return bytes.toString('utf8');
      };
    case 'UUID':
      return (_n, v) => (typeof v === 'string' ? v.toLowerCase() : SKIP);
    case 'Enum':
      return (_n, v) => (typeof v === 'string' ? v : SKIP);
    case 'Decimal':
      return (node, v) => {
        const scaled = decimalOf(node, v, col.scale);
        return scaled === SKIP ? SKIP : decimalText(scaled, col.scale, true);
      };
    case 'Date':
    case 'Date32':
      return (node, v) => {
        if (node.kind === 'logical' && node.logicalType === 'time-millis') return '1970-01-01';
        return typeof v === 'number' && (node.kind === 'logical' || node.kind === 'primitive') ? dateText(v) : SKIP;
      };
    case 'DateTime': {
      const zone = zoneFormatter(col.timezone ?? opts.serverTimezone);
      return (node, v) => {
        const ticks = ticksOf(node, v, 0);
        return ticks === SKIP ? SKIP : zone(ticks, 0);
      };
    }
    case 'DateTime64': {
      const zone = zoneFormatter(col.timezone ?? opts.serverTimezone);
      return (node, v) => {
        const ticks = ticksOf(node, v, col.precision);
        return ticks === SKIP ? SKIP : zone(ticks, col.precision);
      };
    }
    case 'Array': {
      const element = nestedExpect(col.element, opts);
      return (node, v) => (node.kind === 'array' && Array.isArray(v) ? v.map((x) => element(node.items, x)) : SKIP);
    }
    case 'Map': {
      const element = nestedExpect(col.value, opts);
      return (node, v) =>
        node.kind === 'map' && v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, element(node.values, x)]))
          : SKIP;
    }
    case 'Tuple': {
      if (col.elements.some((e) => e.name === undefined)) return () => SKIP;
      const elements = col.elements.map((e) => ({ name: e.name!, expect: nestedExpect(e.type, opts) }));
      return (node, v) => {
        if (node.kind !== 'record' || !v || typeof v !== 'object') return SKIP;
        const record = v as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const e of elements) {
          const field = node.fields.find((f) => f.name === e.name);
          out[e.name] = field ? e.expect(field.type, record[field.name]) : null;
        }
        return out;
      };
    }
    case 'Variant': {
      const members = col.variants.map((m) => ({ type: m, expect: valueExpect(m, opts) }));
      return (node, v) => {
        const member = members.find((m) => variantMemberFor(node, m.type));
        return member ? member.expect(node, v) : null;
      };
    }
    default:
      return () => SKIP;
  }
}

/** Elements of arrays, values of maps, Tuple elements: their own nullability, no DEFAULT; built once per Avro node. */
function nestedExpect(col: ChType, opts: ExpectationOptions): ValueExpect {
  const cache = new WeakMap<AvroNode, Expect>();
  return (node, v) => {
    let expect = cache.get(node);
    if (!expect) {
      expect = expectFor(node, col, opts);
      cache.set(node, expect);
    }
    const result = expect(v);
    return result === SKIP ? null : result;
  };
}

/** The member the sink picks: by Connect type name (Column.getVariantGlobalDiscriminator). */
function variantMemberFor(node: AvroNode, member: ChType): boolean {
  if (node.kind === 'enum') return member.kind === 'String';
  if (node.kind !== 'primitive') return false;
  switch (node.type) {
    case 'string':
      return member.kind === 'String';
    case 'boolean':
      return member.kind === 'Bool';
    case 'float':
    case 'double':
      return member.kind === 'Float' && member.bits === (node.type === 'float' ? 32 : 64);
    case 'int':
    case 'long': {
      const bits = node.type === 'long' ? 64 : node.connectType === 'int8' ? 8 : node.connectType === 'int16' ? 16 : 32;
      return member.kind === 'Int' && member.signed && member.bits === bits;
    }
    default:
      return false;
  }
}

/** An integer column's value: plain ints, booleans, and the Date-carrying logical types as the sink writes them. */
function integerOf(node: AvroNode, v: unknown): bigint | typeof SKIP {
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v !== 'number' || !Number.isInteger(v)) return SKIP;
  if (node.kind === 'logical' && node.logicalType === 'date') return BigInt(v) * BigInt(DAY_MS);
  return BigInt(v);
}

/** An Avro value rescaled to a Decimal column's scale, truncated toward zero as the sink's writeDecimal does. */
function decimalOf(node: AvroNode, v: unknown, scale: number): bigint | typeof SKIP {
  if (node.kind === 'decimal' && Buffer.isBuffer(v)) {
    const unscaled = decodeDecimal(v);
    const shift = scale - node.scale;
    return shift >= 0 ? unscaled * 10n ** BigInt(shift) : unscaled / 10n ** BigInt(-shift);
  }
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v) * 10n ** BigInt(scale);
  return SKIP;
}

/**
 * Ticks of 10^-precision s the sink writes for a DateTime/DateTime64 value: a Connect Timestamp/Date/Time is
 * rescaled from milliseconds (doWriteDate), a plain long is written verbatim (DateTime: as seconds).
 */
function ticksOf(node: AvroNode, v: unknown, precision: number): bigint | typeof SKIP {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    if (typeof v === 'string') {
      const ms = Date.parse(v);
      return Number.isNaN(ms) ? SKIP : rescaleMillis(BigInt(ms), precision);
    }
    return SKIP;
  }
  if (node.kind === 'logical') {
    switch (node.logicalType) {
      case 'timestamp-millis':
      case 'time-millis':
        return rescaleMillis(BigInt(v), precision);
      case 'date':
        return rescaleMillis(BigInt(v) * BigInt(DAY_MS), precision);
      default:
        return BigInt(v); // a plain long: verbatim ticks
    }
  }
  return BigInt(v);
}

function rescaleMillis(ms: bigint, precision: number): bigint {
  if (precision >= 3) return ms * 10n ** BigInt(precision - 3);
  const divisor = 10n ** BigInt(3 - precision);
  // Java's integer division truncates toward zero, as ticks before 1970 do in doWriteDate.
  return ms / divisor;
}

function dateText(days: number): string {
  const d = new Date(days * DAY_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `YYYY-MM-DD hh:mm:ss[.fff…]` of ticks in a time zone, as ClickHouse prints DateTime/DateTime64. */
function zoneFormatter(timeZone: string): (ticks: bigint, precision: number) => string {
  const utc = timeZone === 'UTC' || timeZone === 'Etc/UTC' || timeZone === 'GMT';
  const format = utc
    ? null
    : new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
  return (ticks, precision) => {
    const perSecond = 10n ** BigInt(precision);
    let seconds = ticks / perSecond;
    let fraction = ticks % perSecond;
    if (fraction < 0n) {
      seconds -= 1n;
      fraction += perSecond;
    }
    const date = new Date(Number(seconds) * 1000);
    let text: string;
    if (!format) {
      text = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
    } else {
      const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
      text = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
    }
    return precision > 0 ? `${text}.${pad(fraction, precision)}` : text;
  };
}

/** A union value as avsc represents it (wrapped `{branch: v}` or unwrapped) → the branch and its value. */
function unwrapUnion(node: AvroNode, value: unknown): { node: AvroNode; value: unknown } {
  if (node.kind !== 'union' || value === null || value === undefined) return { node, value };
  const nonNull = node.branches.filter((b) => b.kind !== 'null');
  if (nonNull.length === 1) return { node: nonNull[0]!, value };
  if (value && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const branch = nonNull.find((b) => branchName(b) === keys[0]);
      if (branch) return { node: branch, value: (value as Record<string, unknown>)[keys[0]!] };
    }
  }
  const branch =
    nonNull.find((b) => b.kind === 'primitive' && typeof value === 'string' && b.type === 'string') ??
    nonNull.find((b) => b.kind === 'primitive' && typeof value === 'boolean' && b.type === 'boolean') ??
    nonNull.find((b) => b.kind === 'primitive' && typeof value === 'number' && ['long', 'int', 'double', 'float'].includes(b.type)) ??
    nonNull[0]!;
  return { node: branch, value };
}

/** avsc's branch name of a wrapped union value: the type name, a named type's full name, a logical type's base. */
function branchName(b: AvroNode): string {
  switch (b.kind) {
    case 'primitive':
      return b.type;
    case 'enum':
    case 'fixed':
    case 'record':
      return b.name;
    case 'logical':
      return b.underlying;
    case 'decimal':
      return b.underlying === 'fixed' ? (b.name ?? 'fixed') : 'bytes';
    default:
      return b.kind;
  }
}
