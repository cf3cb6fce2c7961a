/**
 * What ClickHouse returns for a generated record, column by column, when the table was made by
 * generateTableDdl and read back with `FORMAT JSONEachRow` and EXPECTED_ROW_SETTINGS (decimals and 64-bit
 * integers quoted; other settings default: named tuples as objects, no decimal trailing zeros).
 * Input values are in avsc's default representation (see generate-records.ts).
 */
import { parseAvroSchema, splitNullable, type AvroNode, type ParsedAvroSchema } from './model.ts';
import { decimalText, decodeDecimal } from './generate-records.ts';

/** Settings the reading query must use for values to compare equal (ClickHouse 26.x defaults 64-bit quoting to off). */
export const EXPECTED_ROW_SETTINGS = { output_format_json_quote_decimals: 1, output_format_json_quote_64bit_integers: 1 } as const;

// The smoke test calls expectedRow once per record (up to 100k) with the same schema text: parse it once.
let lastParsed: { text: string; parsed: ParsedAvroSchema } | null = null;
function parseOnce(schema: object | string): ParsedAvroSchema {
  if (typeof schema !== 'string') return parseAvroSchema(schema);
  if (lastParsed?.text !== schema) lastParsed = { text: schema, parsed: parseAvroSchema(schema) };
  return lastParsed.parsed;
}

export function expectedRow(schema: object | string, record: Record<string, unknown>): Record<string, unknown> {
  const parsed = parseOnce(schema);
  if (!parsed.ok) throw new Error(`invalid Avro schema: ${parsed.message}`);
  if (parsed.root.kind !== 'record') throw new Error('the value schema must be a record');
  const out: Record<string, unknown> = {};
  for (const f of parsed.root.fields) out[f.name] = expectedValue(f.type, record[f.name]);
  return out;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function dateText(days: number): string {
  const d = new Date(days * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function dateTime64Text(ticks: number, precision: 3 | 6): string {
  const perSecond = precision === 3 ? 1000 : 1_000_000;
  const seconds = Math.floor(ticks / perSecond);
  const fraction = ticks - seconds * perSecond;
  const d = new Date(seconds * 1000);
  const base = `${dateText(Math.floor(seconds / 86400))} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${base}.${String(fraction).padStart(precision, '0')}`;
}

function unwrapUnionValue(node: AvroNode, value: unknown): { node: AvroNode; value: unknown } {
  if (node.kind !== 'union' || value === null) return { node, value };
  const nonNull = node.branches.filter((b) => b.kind !== 'null');
  if (nonNull.length === 1) return { node: nonNull[0] as AvroNode, value };
  // Wrapped union value {branchName: v}, or an unwrapped one whose branch we infer.
  if (value && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const key = keys[0] as string;
      const branch = nonNull.find((b) => branchName(b) === key);
      if (branch) return { node: branch, value: (value as Record<string, unknown>)[key] };
    }
  }
  const branch =
    nonNull.find((b) => b.kind === 'primitive' && typeof value === 'string' && b.type === 'string') ??
    nonNull.find((b) => b.kind === 'primitive' && typeof value === 'boolean' && b.type === 'boolean') ??
    nonNull.find((b) => b.kind === 'primitive' && typeof value === 'number' && ['long', 'int', 'double', 'float'].includes(b.type)) ??
    (nonNull[0] as AvroNode);
  return { node: branch, value };
}

function branchName(b: AvroNode): string {
  switch (b.kind) {
    case 'primitive':
      return b.type;
    case 'enum':
    case 'fixed':
    case 'record':
      return b.name;
    default:
      return b.kind;
  }
}

function expectedValue(node: AvroNode, value: unknown): unknown {
  if (value === null || value === undefined) {
    // A null array is stored as [] by the sink (top level) and by ClickHouse's default for Array.
    return splitNullable(node).inner.kind === 'array' ? [] : null;
  }
  const u = unwrapUnionValue(node, value);
  const n = u.node;
  const v = u.value;
  switch (n.kind) {
    case 'primitive':
      switch (n.type) {
        case 'long':
          return String(v);
        case 'bytes':
          return (v as Buffer).toString('latin1');
        default:
          return v;
      }
    case 'enum':
      return v;
    case 'fixed':
      return (v as Buffer).toString('latin1');
    case 'decimal':
      return decimalText(decodeDecimal(v as Buffer), n.scale);
    case 'logical':
      switch (n.logicalType) {
        case 'date':
          return dateText(v as number);
        case 'time-millis':
          return v;
        case 'time-micros':
          return String(v);
        case 'timestamp-millis':
        case 'local-timestamp-millis':
          return dateTime64Text(v as number, 3);
        case 'timestamp-micros':
        case 'local-timestamp-micros':
          return dateTime64Text(v as number, 6);
        case 'uuid':
          return Buffer.isBuffer(v) ? v.toString('latin1') : v;
      }
      break;
    case 'array':
      return (v as unknown[]).map((x) => expectedValue(n.items, x));
    case 'map':
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, expectedValue(n.values, x)]));
    case 'record':
      return Object.fromEntries(n.fields.map((f) => [f.name, expectedValue(f.type, (v as Record<string, unknown>)[f.name])]));
    default:
      return v;
  }
  return v;
}
