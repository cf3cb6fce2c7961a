/**
 * Deterministic test records for an Avro value schema, valid for avsc's default representation
 * (`avro.Type.forSchema(schema)` without logical types: decimals are Buffers of the unscaled two's-complement
 * value, dates are day numbers, timestamps are epoch numbers, uuids are strings). That is the representation
 * any encoder (e.g. @kafkajs/confluent-schema-registry) accepts without extra options.
 * expected-row.ts says what each record reads back as in a given table.
 */
import type avro from 'avsc';
import { parseAvroSchema, splitNullable, type AvroField, type AvroNode } from './model.ts';

export interface GenerateRecordsOptions {
  runId: string;
  seed: number;
  /** Top-level string field that carries the run id; default: the first plain string field. */
  runIdField?: string;
  /** Timestamps lie in the 24 h before this instant (epoch ms), dates on its day or the day before; default now. */
  now?: number;
}

/**
 * Generated timestamps lie within this window before `now` and dates on `now`'s day or the one before, so a batch
 * of any size touches at most two daily or monthly partitions (and 25 hourly ones) of a table partitioned by time.
 */
export const RECENT_WINDOW_MS = 86_400_000;
export const RECENT_DAYS = 2;

export type GenerateRecordsResult =
  { ok: true; records: Record<string, unknown>[]; runIdField: string; type: avro.Type } | { ok: false; message: string };

/** The value the run-id field gets in record `index`: unique per record, all sharing the run id as prefix. */
export function runIdValue(runId: string, index: number): string {
  return `${runId}-${String(index).padStart(6, '0')}`;
}

export function generateRecords(schema: object | string, n: number, opts: GenerateRecordsOptions): GenerateRecordsResult {
  const parsed = parseAvroSchema(schema);
  if (!parsed.ok) return { ok: false, message: `invalid Avro schema: ${parsed.message}` };
  if (parsed.root.kind !== 'record') return { ok: false, message: 'the value schema must be a record' };
  if (!Number.isInteger(n) || n < 0) return { ok: false, message: `record count must be a non-negative integer (got ${n})` };
  const fields = parsed.root.fields;
  const carrier = pickRunIdField(fields, opts.runIdField);
  if (typeof carrier !== 'string') return { ok: false, message: carrier.message };

  const rng = mulberry32(opts.seed);
  const now = opts.now ?? Date.now();
  const recordType = parsed.type as avro.types.RecordType;
  const records: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const gen = new Generator(rng, i, now);
    let value: Record<string, unknown>;
    try {
      value = gen.record(parsed.root, recordType);
    } catch (e) {
      return { ok: false, message: (e as Error).message };
    }
    value[carrier] = runIdValue(opts.runId, i);
    const problems: string[] = [];
    if (!parsed.type.isValid(value, { errorHook: (path) => problems.push(path.join('.')) })) {
      return { ok: false, message: `internal: generated record ${i} is invalid at ${problems.join(', ')}` };
    }
    records.push(value);
  }
  return { ok: true, records, runIdField: carrier, type: parsed.type };
}

function pickRunIdField(fields: AvroField[], wanted: string | undefined): string | { message: string } {
  const isPlainString = (f: AvroField) => {
    const inner = splitNullable(f.type).inner;
    return inner.kind === 'primitive' && inner.type === 'string';
  };
  if (wanted !== undefined) {
    const f = fields.find((x) => x.name === wanted);
    if (!f) return { message: `run-id field "${wanted}" is not a field of the schema` };
    if (!isPlainString(f)) return { message: `run-id field "${wanted}" must be a string field to carry the run id` };
    return wanted;
  }
  const f = fields.find(isPlainString);
  if (!f) {
    return {
      message:
        'the schema has no top-level string field to carry the smoke-test run id; add one (e.g. {"name": "run_id", "type": "string"}) or pick a field',
    };
  }
  return f.name;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;

class Generator {
  constructor(
    private readonly rng: () => number,
    private readonly index: number,
    private readonly now: number,
  ) {}

  /** An instant in the RECENT_WINDOW_MS before now, in epoch milliseconds. */
  private recentMillis(): number {
    return this.now - this.int(0, RECENT_WINDOW_MS - 1);
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.rng() * (max - min + 1));
  }

  record(node: Extract<AvroNode, { kind: 'record' }>, type: avro.types.RecordType): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    node.fields.forEach((f, i) => {
      out[f.name] = this.value(f.type, (type.fields[i] as avro.types.Field).type);
    });
    return out;
  }

  value(node: AvroNode, type: avro.Type): unknown {
    switch (node.kind) {
      case 'null':
        return null;
      case 'primitive':
        switch (node.type) {
          case 'boolean':
            return this.rng() < 0.5;
          case 'int':
            if (node.connectType === 'int8') return this.int(-128, 127);
            if (node.connectType === 'int16') return this.int(-32768, 32767);
            return this.int(-2147483648, 2147483647);
          case 'long':
            // avsc zigzag-encodes JS numbers with float maths: beyond ±2^52 the encoding loses the low bit.
            return this.int(-4e15, 4e15);
          case 'float':
            // Quarters are exact in Float32 and print the same in JS and ClickHouse.
            return this.int(-400000, 400000) / 4;
          case 'double':
            return this.int(-1e9, 1e9) / 1000;
          case 'string':
            return `s${this.index}-${this.int(0, 0xffffff).toString(16)}`;
          case 'bytes':
            return this.asciiBytes(this.int(0, 12));
        }
        break;
      case 'enum':
        return node.symbols[this.int(0, node.symbols.length - 1)];
      case 'fixed':
        // Printable ASCII: the sink decodes fixed bytes as UTF-8 on some paths, so keep them UTF-8-safe.
        return this.asciiBytes(node.size);
      case 'decimal':
        return encodeDecimal(this.unscaled(node.precision), node.size);
      case 'logical':
        switch (node.logicalType) {
          case 'date':
            return Math.floor(this.now / DAY_MS) - this.int(0, RECENT_DAYS - 1);
          case 'time-millis':
            return this.int(0, DAY_MS - 1);
          case 'time-micros':
            return this.int(0, DAY_MS * 1000 - 1);
          case 'timestamp-millis':
          case 'local-timestamp-millis':
            return this.recentMillis();
          case 'timestamp-micros':
          case 'local-timestamp-micros':
            return this.recentMillis() * 1000 + this.int(0, 999);
          case 'uuid':
            return node.underlying === 'string' ? this.uuid() : this.asciiBytes(16);
        }
        break;
      case 'array': {
        const items = (type as avro.types.ArrayType).itemsType;
        if (node.items.kind === 'recursive') return [];
        return Array.from({ length: this.int(0, 3) }, () => this.value(node.items, items));
      }
      case 'map': {
        const values = (type as avro.types.MapType).valuesType as avro.Type;
        if (node.values.kind === 'recursive') return {};
        const out: Record<string, unknown> = {};
        for (let i = this.int(0, 3); i > 0; i--) out[`k${i}`] = this.value(node.values, values);
        return out;
      }
      case 'record':
        return this.record(node, type as avro.types.RecordType);
      case 'recursive':
        throw new Error(`cannot generate a value for the non-optional recursive record ${node.name}`);
      case 'union': {
        const branchTypes = (type as avro.types.UnwrappedUnionType).types;
        const usable = node.branches.map((b, i) => ({ b, i })).filter(({ b }) => b.kind !== 'recursive');
        // Cycle through branches by record index so every branch (null included) shows up in a small batch.
        const pick = usable[(this.index + this.int(0, 1)) % usable.length] as { b: AvroNode; i: number };
        const branchType = branchTypes[pick.i] as avro.Type;
        const v = this.value(pick.b, branchType);
        if (type.typeName === 'union:wrapped' && pick.b.kind !== 'null') {
          return { [branchType.branchName as string]: v };
        }
        return v;
      }
    }
    throw new Error(`no generator for ${node.kind}`);
  }

  private asciiBytes(n: number): Buffer {
    return Buffer.from(Array.from({ length: n }, () => this.int(0x20, 0x7e)));
  }

  private unscaled(precision: number): bigint {
    let digits = '';
    const length = this.int(1, precision);
    for (let i = 0; i < length; i++) digits += String(this.int(0, 9));
    const v = BigInt(digits);
    return this.rng() < 0.5 ? -v : v;
  }

  private uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(0, 15).toString(16));
    hex[12] = '4';
    hex[16] = ((this.int(0, 15) & 0x3) | 0x8).toString(16);
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

/** Big-endian two's complement, minimal length for bytes, sign-extended to `size` for fixed. */
export function encodeDecimal(unscaled: bigint, size?: number): Buffer {
  const bytes: number[] = [];
  let v = unscaled;
  do {
    bytes.unshift(Number(BigInt.asUintN(8, v)));
    v >>= 8n;
  } while (!((v === 0n && (bytes[0] as number) < 0x80) || (v === -1n && (bytes[0] as number) >= 0x80)));
  if (size !== undefined) {
    if (bytes.length > size) throw new Error(`decimal ${unscaled} does not fit in fixed(${size})`);
    while (bytes.length < size) bytes.unshift(unscaled < 0n ? 0xff : 0);
  }
  return Buffer.from(bytes);
}

export function decodeDecimal(buf: Buffer): bigint {
  let v = 0n;
  for (const b of buf) v = (v << 8n) | BigInt(b);
  return buf.length > 0 && (buf[0] as number) >= 0x80 ? v - (1n << BigInt(8 * buf.length)) : v;
}

/**
 * Unscaled integer + scale → the text ClickHouse prints: trailing zeros dropped (output_format_decimal_trailing_zeros=0,
 * the default) or kept to the scale (=1).
 */
export function decimalText(unscaled: bigint, scale: number, trailingZeros = false): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const intPart = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  const frac = trailingZeros ? fraction : fraction.replace(/0+$/, '');
  const text = frac ? `${intPart}.${frac}` : intPart;
  return negative ? `-${text}` : text;
}
