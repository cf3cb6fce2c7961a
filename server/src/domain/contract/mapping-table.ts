/**
 * The README's mapping table ("The contract check"), computed from the rules: for each Avro type, the column the
 * wizard generates and every listed column type placed under the verdict the contract check gives it. README.md
 * holds the rendered table between `<!-- mapping-table:start -->` and `<!-- mapping-table:end -->`; a unit test
 * keeps the two equal (`pnpm --filter @pipeline-panel/server docs:mapping` rewrites it).
 */
import type { ClickHouseColumn, Verdict } from '../../contracts/contract.ts';
import { checkContract } from './check.ts';
import { suggestColumnType } from './suggest.ts';
import { parseAvroSchema } from '../avro/model.ts';

interface Row {
  label: string;
  avro: unknown;
  /** Column types to judge; `T DEFAULT` means T with a DEFAULT expression. */
  columns: string[];
}

const lt = (type: string, logicalType: string) => ({ type, logicalType });
const dec = (precision: number, scale: number) => ({ type: 'bytes', logicalType: 'decimal', precision, scale });
const record = {
  type: 'record',
  name: 'R',
  fields: [
    { name: 'a', type: 'string' },
    { name: 'b', type: 'long' },
  ],
};

export const MAPPING_ROWS: Row[] = [
  {
    label: '`int`',
    avro: 'int',
    columns: [
      'Int32',
      'Int64',
      'Int16',
      'UInt8',
      'UInt16',
      'UInt32',
      'UInt64',
      'Int128',
      'Nullable(Int128)',
      'Bool',
      'Float64',
      'String',
      'Date',
      'DateTime',
    ],
  },
  {
    label: '`long`',
    avro: 'long',
    columns: [
      'Int64',
      'Int32',
      'UInt32',
      'UInt64',
      'Int128',
      'Nullable(Int128)',
      'Float64',
      'DateTime',
      'DateTime64(3)',
      'Date32',
      'String',
    ],
  },
  { label: '`float`', avro: 'float', columns: ['Float32', 'Float64', 'Decimal(10, 2)', 'String'] },
  { label: '`double`', avro: 'double', columns: ['Float64', 'Float32', 'Decimal(10, 2)', 'Nullable(Decimal(10, 2))', 'Int64', 'String'] },
  { label: '`boolean`', avro: 'boolean', columns: ['Bool', 'UInt8', 'Int64', 'String'] },
  {
    label: '`string`',
    avro: 'string',
    columns: [
      'String',
      'LowCardinality(String)',
      'FixedString(16)',
      "Enum8('a' = 1)",
      'UUID',
      "DateTime64(3, 'UTC')",
      'DateTime',
      "DateTime('UTC')",
      'Date',
      'Int64',
      'JSON',
      'IPv4',
    ],
  },
  { label: '`string` + `uuid`', avro: lt('string', 'uuid'), columns: ['UUID', 'String', 'FixedString(36)'] },
  {
    label: '`enum {A, B}`',
    avro: { type: 'enum', name: 'E', symbols: ['A', 'B'] },
    columns: ["Enum8('A' = 1, 'B' = 2)", "Enum8('A' = 1)", 'String', 'LowCardinality(String)', 'FixedString(1)', 'Int8'],
  },
  { label: '`bytes`', avro: 'bytes', columns: ['String', 'FixedString(16)', 'UUID', 'Decimal(10, 2)'] },
  {
    label: '`fixed(16)`',
    avro: { type: 'fixed', name: 'F', size: 16 },
    columns: ['String', 'FixedString(16)', 'FixedString(32)', 'FixedString(8)'],
  },
  {
    label: '`decimal(12,2)` (bytes or fixed)',
    avro: dec(12, 2),
    columns: ['Decimal(12, 2)', 'Decimal(18, 4)', 'Decimal(38, 2)', 'Decimal(18, 1)', 'Decimal(10, 2)', 'Float64', 'String'],
  },
  {
    label: '`date`',
    avro: lt('int', 'date'),
    columns: ['Date32', 'Date', 'DateTime', "DateTime64(3, 'UTC')", "DateTime('UTC')", 'Int32', 'Int64', 'String'],
  },
  { label: '`time-millis`', avro: lt('int', 'time-millis'), columns: ['Int32', 'Int64', 'DateTime64(3)', 'Date', 'String'] },
  { label: '`time-micros`', avro: lt('long', 'time-micros'), columns: ['Int64', 'DateTime64(6)', 'DateTime'] },
  {
    label: '`timestamp-millis`',
    avro: lt('long', 'timestamp-millis'),
    columns: [
      "DateTime64(3, 'UTC')",
      'DateTime64(3)',
      "DateTime64(6, 'UTC')",
      "DateTime64(9, 'Europe/Berlin')",
      'Int64',
      "DateTime64(0, 'UTC')",
      'DateTime',
      "DateTime('UTC')",
      "DateTime('Europe/Berlin')",
      'Date',
      'String',
    ],
  },
  {
    label: '`timestamp-micros`',
    avro: lt('long', 'timestamp-micros'),
    columns: [
      "DateTime64(6, 'UTC')",
      "DateTime64(6, 'Europe/Berlin')",
      'Int64',
      "DateTime64(3, 'UTC')",
      'DateTime64(9)',
      'DateTime',
      "DateTime('UTC')",
    ],
  },
  {
    label: '`local-timestamp-millis`',
    avro: lt('long', 'local-timestamp-millis'),
    columns: ["DateTime64(3, 'UTC')", 'DateTime64(6)', 'DateTime'],
  },
  {
    label: '`local-timestamp-micros`',
    avro: lt('long', 'local-timestamp-micros'),
    columns: ["DateTime64(6, 'UTC')", 'DateTime64(3)', 'DateTime'],
  },
  {
    label: '`array<long>`',
    avro: { type: 'array', items: 'long' },
    columns: ['Array(Int64)', 'Array(Nullable(Int64))', 'Array(Int32)', 'String'],
  },
  {
    label: '`array<["null", string]>`',
    avro: { type: 'array', items: ['null', 'string'] },
    columns: ['Array(Nullable(String))', 'Array(String)'],
  },
  {
    label: '`map<long>`',
    avro: { type: 'map', values: 'long' },
    columns: ['Map(String, Int64)', 'Map(UUID, Int64)', 'Map(LowCardinality(String), Int64)', 'Map(Int32, Int64)', 'Map(String, Int32)'],
  },
  {
    label: '`record {a: string, b: long}`',
    avro: record,
    columns: [
      'Tuple(a String, b Int64)',
      'Tuple(b Int64, a String)',
      'Tuple(a String)',
      'String',
      'Tuple(String, Int64)',
      'JSON',
      'Nested(a String, b Int64)',
    ],
  },
  {
    label: '`["null", string]`',
    avro: ['null', 'string'],
    columns: ['Nullable(String)', 'LowCardinality(Nullable(String))', 'String DEFAULT', 'String', 'Nullable(Array(String))'],
  },
  { label: '`["null", array<long>]`', avro: ['null', { type: 'array', items: 'long' }], columns: ['Array(Int64)'] },
  {
    label: '`["null", string, long]`',
    avro: ['null', 'string', 'long'],
    columns: ['Variant(Int64, String)', 'Variant(String)', 'Nullable(String)', 'String', 'Nullable(Int64)'],
  },
];

function column(spec: string): ClickHouseColumn {
  return spec.endsWith(' DEFAULT')
    ? { name: 'f', type: spec.slice(0, -' DEFAULT'.length), defaultKind: 'DEFAULT' }
    : { name: 'f', type: spec, defaultKind: '' };
}

export function verdictOf(avro: unknown, spec: string): Verdict {
  const schema = { type: 'record', name: 'Row', fields: [{ name: 'f', type: avro }] };
  return checkContract(schema, [column(spec)]).fields.find((f) => f.field === 'f')!.verdict;
}

const code = (types: string[]) =>
  types.length ? types.map((t) => (t.endsWith(' DEFAULT') ? `\`${t.slice(0, -8)}\` with DEFAULT` : `\`${t}\``)).join(', ') : '';

export function renderMappingTable(): string {
  const lines = ['| Avro type | generated column | also ok | warning | error |', '|---|---|---|---|---|'];
  for (const row of MAPPING_ROWS) {
    const parsed = parseAvroSchema({ type: 'record', name: 'Row', fields: [{ name: 'f', type: row.avro }] });
    const field = parsed.ok && parsed.root.kind === 'record' ? parsed.root.fields[0] : undefined;
    const suggestion = field ? suggestColumnType(field) : { ok: false as const, reason: 'invalid' };
    const generated = suggestion.ok ? suggestion.type : null;
    const by: Record<Verdict, string[]> = { ok: [], warning: [], error: [] };
    for (const spec of row.columns) if (spec !== generated) by[verdictOf(row.avro, spec)].push(spec);
    lines.push(`| ${row.label} | ${generated ? `\`${generated}\`` : '—'} | ${code(by.ok)} | ${code(by.warning)} | ${code(by.error)} |`);
  }
  return lines.join('\n');
}

/** The text between `<!-- name:start -->` and `<!-- name:end -->`, trimmed; null when the markers are missing. */
export function markedSection(text: string, name: string): string | null {
  const start = text.indexOf(`<!-- ${name}:start -->`);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start) return null;
  return text.slice(start + `<!-- ${name}:start -->`.length, end).trim();
}

/** `text` with the marked section replaced by `body`. */
export function replaceMarkedSection(text: string, name: string, body: string): string {
  const start = text.indexOf(`<!-- ${name}:start -->`);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start) throw new Error(`markers <!-- ${name}:start/end --> not found`);
  return `${text.slice(0, start + `<!-- ${name}:start -->`.length)}\n${body}\n${text.slice(end)}`;
}
