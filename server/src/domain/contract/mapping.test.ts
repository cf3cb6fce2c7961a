import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClickHouseColumn, Verdict } from '../../contracts/contract.ts';
import { checkContract, type CheckContractOptions } from './check.ts';
import { SINK_RULES, type SinkRuleId } from './sink-rules.ts';

const dec = (precision: number, scale: number) => ({ type: 'bytes', logicalType: 'decimal', precision, scale });
const lt = (type: string, logicalType: string) => ({ type, logicalType });
const enumT = (symbols: string[]) => ({ type: 'enum', name: 'Color', symbols });
const rec = (fields: { name: string; type: unknown }[]) => ({ type: 'record', name: 'Inner', fields });
const deep = () => ({ type: 'record', name: 'Deep', fields: [{ name: 'z', type: 'double' }] });

function judge(avroType: unknown, columnType: string, defaultKind: ClickHouseColumn['defaultKind'] = '', opts: CheckContractOptions = {}) {
  const schema = { type: 'record', name: 'Row', fields: [{ name: 'f', type: avroType }] };
  const entry = checkContract(schema, [{ name: 'f', type: columnType, defaultKind }], opts).fields.find((x) => x.field === 'f');
  assert.ok(entry, 'a verdict for field f');
  return entry;
}

/** [Avro type, column type, verdict, the deciding sink rule, optionally a phrase of the reason] */
type Cell = [unknown, string, Verdict, SinkRuleId, string?];

const matrix: Cell[] = [
  // integers: one Java class per signed width (doWritePrimitive), Number for UInt16/32/64
  ['int', 'Int32', 'ok', 'int-exact'],
  ['long', 'Int64', 'ok', 'int-exact'],
  [{ type: 'int', 'connect.type': 'int16' }, 'Int16', 'ok', 'int-exact'],
  [{ type: 'int', 'connect.type': 'int8' }, 'Int8', 'ok', 'int-exact'],
  ['int', 'Int64', 'error', 'int-cast', 'java.lang.Long'],
  ['long', 'Int32', 'error', 'int-cast', 'use Int64'],
  ['int', 'Int8', 'error', 'int-cast', 'java.lang.Byte'],
  ['int', 'Int16', 'error', 'int-cast', 'java.lang.Short'],
  ['string', 'Int64', 'error', 'int-cast', 'ClassCastException'],
  ['double', 'Int64', 'error', 'int-cast', 'ClassCastException'],
  ['int', 'UInt8', 'error', 'int-cast', 'java.lang.Byte'],
  [{ type: 'int', 'connect.type': 'int8' }, 'UInt8', 'warning', 'uint8-byte'],
  ['int', 'UInt16', 'warning', 'uint-number', '0…32767'],
  ['int', 'UInt32', 'warning', 'uint-number', '0…2147483647'],
  ['long', 'UInt64', 'warning', 'uint-number', '2^64'],
  ['string', 'UInt32', 'error', 'int-cast', 'java.lang.Number'],
  ['long', 'Int128', 'error', 'validation-mismatch', 'type [INT128]'],
  ['long', 'Nullable(Int128)', 'ok', 'int128-integer', 'BigInteger'],
  ['int', 'Nullable(UInt128)', 'warning', 'int128-other', 'negative'],
  ['string', 'Nullable(Int128)', 'warning', 'int128-other'],
  ['long', 'Int256', 'error', 'validation-mismatch'],
  ['long', 'Nullable(Int256)', 'error', 'type-int256'],
  ['boolean', 'UInt8', 'warning', 'bool-as-int', '1/0'],
  ['boolean', 'Int64', 'warning', 'bool-as-int'],
  ['boolean', 'Nullable(Int128)', 'error', 'bool-unsupported'],
  // floats must match exactly; the pre-insert check catches the other width
  ['float', 'Float32', 'ok', 'float-exact'],
  ['double', 'Float64', 'ok', 'float-exact'],
  ['float', 'Float64', 'error', 'validation-mismatch', 'data column type [FLOAT32]'],
  ['double', 'Float32', 'error', 'validation-mismatch', 'data column type [FLOAT64]'],
  ['float', 'Nullable(Float64)', 'error', 'float-cast', 'float needs Float32'],
  ['long', 'Nullable(Float64)', 'error', 'float-cast', 'ClassCastException'],
  // boolean
  ['boolean', 'Bool', 'ok', 'bool-exact'],
  ['int', 'Bool', 'warning', 'bool-from-number', 'non-zero'],
  ['string', 'Bool', 'error', 'validation-mismatch'],
  ['string', 'Nullable(Bool)', 'error', 'bool-cast'],
  // strings
  ['string', 'String', 'ok', 'string-exact'],
  ['string', 'LowCardinality(String)', 'ok', 'string-exact'],
  ['string', 'LowCardinality(Nullable(String))', 'ok', 'string-exact'],
  ['string', 'FixedString(8)', 'warning', 'fixed-string', 'zero-padded'],
  ['string', "Enum8('a' = 1, 'b' = 2)", 'warning', 'enum-string', "'a', 'b'"],
  ['string', 'UUID', 'warning', 'uuid-string', 'UUID.fromString'],
  [lt('string', 'uuid'), 'UUID', 'ok', 'uuid-exact'],
  [lt('string', 'uuid'), 'String', 'ok', 'string-exact'],
  ['int', 'String', 'error', 'string-cast', 'ClassCastException'],
  ['string', 'Date', 'error', 'date-unsupported', 'Not implemented conversion'],
  ['string', "DateTime64(3, 'UTC')", 'warning', 'datetime-string', 'ZonedDateTime.parse'],
  ['string', 'JSON', 'error', 'validation-mismatch'],
  ['string', 'Nullable(JSON)', 'error', 'type-nullable-composite'],
  ['string', 'IPv4', 'error', 'type-unknown', 'UNKNOWN'],
  ['string', 'Nullable(IPv6)', 'error', 'type-unknown', 'writes no bytes'],
  ['string', "Object('json')", 'error', 'type-unknown'],
  ['string', 'SimpleAggregateFunction(any, String)', 'ok', 'string-exact'],
  // enums
  [enumT(['RED', 'GREEN']), "Enum8('RED' = 1, 'GREEN' = 2, 'BLUE' = 3)", 'ok', 'enum-exact'],
  [enumT(['RED', 'GREEN']), "Enum16('RED' = 1)", 'error', 'enum-missing', "'GREEN'"],
  [enumT(['RED', 'GREEN']), 'String', 'ok', 'string-exact', 'symbols'],
  [enumT(['RED', 'GREEN']), 'LowCardinality(String)', 'ok', 'string-exact'],
  [enumT(['RED', 'GREEN']), 'FixedString(3)', 'error', 'fixed-string-too-long', 'longer than 3'],
  [enumT(['RED', 'GREEN']), 'FixedString(5)', 'warning', 'fixed-string', 'zero-padded'],
  [enumT(['RED', 'GREEN']), 'Int8', 'error', 'int-cast'],
  [enumT(['RED', 'GREEN']), 'UUID', 'error', 'uuid-cast'],
  // bytes / fixed
  ['bytes', 'String', 'ok', 'string-bytes', 'raw bytes'],
  ['bytes', 'FixedString(4)', 'warning', 'fixed-string', 'UTF-8'],
  ['bytes', 'UUID', 'error', 'uuid-cast'],
  [{ type: 'fixed', name: 'F4', size: 4 }, 'FixedString(4)', 'warning', 'fixed-string', 'UTF-8'],
  [{ type: 'fixed', name: 'F4', size: 4 }, 'FixedString(5)', 'warning', 'fixed-string', 'zero-padded'],
  [{ type: 'fixed', name: 'F4', size: 4 }, 'FixedString(3)', 'error', 'fixed-string-too-long'],
  [{ type: 'fixed', name: 'F4', size: 4 }, 'String', 'ok', 'string-bytes'],
  // decimals: the sink rescales a Connect Decimal to the column's scale (BinaryStreamUtils.writeDecimal*)
  [dec(10, 2), 'Decimal(10, 2)', 'ok', 'decimal-exact', 'exact precision and scale'],
  [dec(12, 2), 'Decimal(18, 4)', 'ok', 'decimal-exact', '19.9900'],
  [dec(10, 2), 'Decimal(12, 2)', 'ok', 'decimal-exact'],
  [dec(18, 4), 'Decimal64(4)', 'ok', 'decimal-exact'],
  [dec(9, 2), 'Decimal32(2)', 'ok', 'decimal-exact'],
  [dec(38, 10), 'Decimal128(10)', 'ok', 'decimal-exact'],
  [dec(12, 4), 'Decimal(18, 2)', 'warning', 'decimal-truncate', 'truncated toward zero'],
  [dec(12, 2), 'Decimal(10, 2)', 'warning', 'decimal-narrow', 'integer digits'],
  [dec(10, 2), 'Decimal(10, 3)', 'warning', 'decimal-narrow'],
  [dec(10, 2), 'Float64', 'error', 'validation-mismatch', 'BYTES (Decimal)'],
  [dec(10, 2), 'String', 'error', 'string-cast'],
  [dec(10, 2), 'Nullable(Float64)', 'error', 'float-cast'],
  ['double', 'Decimal(10, 2)', 'error', 'validation-mismatch', 'Data schema validation failed'],
  ['double', 'Nullable(Decimal(10, 2))', 'warning', 'decimal-number'],
  ['bytes', 'Nullable(Decimal(10, 2))', 'error', 'decimal-unsupported'],
  [{ type: 'fixed', name: 'D', size: 8, logicalType: 'decimal', precision: 18, scale: 2 }, 'Decimal(18, 2)', 'ok', 'decimal-exact'],
  // dates and times
  [lt('int', 'date'), 'Date', 'ok', 'date-days', '2149'],
  [lt('int', 'date'), 'Date32', 'ok', 'date-days'],
  [lt('int', 'date'), 'Int32', 'warning', 'int-date-millis', 'overflows'],
  [lt('int', 'date'), 'Int64', 'warning', 'int-date-millis', 'midnight'],
  ['int', 'Date', 'warning', 'date-int', 'verbatim'],
  ['long', 'Date32', 'error', 'date-unsupported', 'Not implemented conversion'],
  [lt('int', 'time-millis'), 'Int32', 'ok', 'int-time-millis', 'since midnight'],
  [lt('int', 'time-millis'), 'Int64', 'ok', 'int-time-millis'],
  [lt('long', 'time-micros'), 'Int64', 'ok', 'int-exact'],
  [lt('long', 'timestamp-millis'), 'Int64', 'ok', 'int-time-millis', 'epoch milliseconds'],
  [lt('long', 'timestamp-millis'), 'Int32', 'warning', 'int-date-millis', 'overflows'],
  [lt('long', 'timestamp-millis'), 'Int16', 'error', 'int-cast', 'java.util.Date'],
  [lt('long', 'timestamp-micros'), 'Int64', 'ok', 'int-exact'],
  ['long', 'DateTime64(3)', 'warning', 'dt64-ticks-scaled', 'producer must use that unit'],
  ['long', 'DateTime', 'warning', 'datetime-number', 'epoch seconds'],
  ['int', 'DateTime64(3)', 'error', 'datetime-unsupported'],
  ['boolean', 'DateTime64(3)', 'error', 'bool-unsupported'],
  // arrays
  [{ type: 'array', items: 'string' }, 'Array(String)', 'ok', 'array-exact'],
  [{ type: 'array', items: 'int' }, 'Array(Int64)', 'error', 'int-cast', 'f[]'],
  [{ type: 'array', items: ['null', 'string'] }, 'Array(Nullable(String))', 'ok', 'array-exact'],
  [{ type: 'array', items: ['null', 'string'] }, 'Array(String)', 'error', 'null-not-nullable', 'lone null marker'],
  [{ type: 'array', items: { type: 'array', items: 'double' } }, 'Array(Array(Float64))', 'ok', 'array-exact'],
  [{ type: 'array', items: lt('long', 'timestamp-millis') }, "Array(DateTime64(6, 'UTC'))", 'ok', 'array-exact'],
  [{ type: 'array', items: lt('long', 'timestamp-millis') }, "Array(DateTime('UTC'))", 'error', 'type-unknown'],
  [{ type: 'array', items: 'string' }, 'String', 'error', 'array-mismatch', 'Array(T)'],
  ['string', 'Array(String)', 'error', 'validation-mismatch'],
  [['null', { type: 'array', items: 'long' }], 'Array(Int64)', 'ok', 'array-exact', 'a null is written as []'],
  ['long', 'FixedString(8)', 'error', 'fixed-string-unsupported'],
  ['long', "Enum8('a' = 1)", 'error', 'enum-cast'],
  [{ type: 'map', values: 'long' }, 'Nullable(String)', 'error', 'map-mismatch'],
  ['string', 'Map(String, String)', 'error', 'validation-mismatch'],
  ['string', 'Tuple(a String)', 'error', 'validation-mismatch'],
  ['string', 'Nullable(Int64)', 'error', 'int-cast'],
  [rec([{ name: 'a', type: 'string' }]), 'Nullable(Int64)', 'error', 'tuple-mismatch'],
  // maps: keys are written through dispatchPrimitive of the key type
  [{ type: 'map', values: 'long' }, 'Map(String, Int64)', 'ok', 'map-exact'],
  [{ type: 'map', values: 'long' }, 'Map(LowCardinality(String), Int64)', 'error', 'map-key-unsupported', 'LowCardinality(String)'],
  [{ type: 'map', values: 'long' }, 'Map(Int32, Int64)', 'error', 'map-key-unsupported', 'ClassCastException'],
  [{ type: 'map', values: 'long' }, 'Map(UUID, Int64)', 'warning', 'map-key-uuid'],
  [{ type: 'map', values: ['null', 'long'] }, 'Map(String, Nullable(Int64))', 'ok', 'map-exact'],
  [{ type: 'map', values: ['null', 'long'] }, 'Map(String, Int64)', 'error', 'null-not-nullable'],
  [{ type: 'map', values: 'float' }, 'Map(String, Float64)', 'error', 'float-cast', 'float needs Float32'],
  [['null', { type: 'map', values: 'long' }], 'Map(String, Int64)', 'error', 'null-not-nullable', 'not nullable column'],
  // records
  [
    rec([
      { name: 'a', type: 'string' },
      { name: 'b', type: 'long' },
    ]),
    'Tuple(a String, b Int64)',
    'ok',
    'tuple-exact',
  ],
  [
    rec([
      { name: 'a', type: 'string' },
      { name: 'b', type: 'long' },
    ]),
    'Tuple(b Int64, a String)',
    'ok',
    'tuple-exact',
  ],
  [
    rec([
      { name: 'a', type: 'string' },
      { name: 'b', type: 'long' },
    ]),
    'Tuple(a String, b Int32)',
    'error',
    'int-cast',
    'f.b',
  ],
  [rec([{ name: 'a', type: 'string' }]), 'Tuple(String)', 'error', 'tuple-unfilled', 'has no name'],
  [rec([{ name: 'a', type: 'string' }]), 'Tuple(a String, c Int64)', 'error', 'tuple-unfilled', 'f.c: no record field'],
  [rec([{ name: 'a', type: 'string' }]), 'Tuple(a String, c Nullable(Int64))', 'warning', 'tuple-missing-element', 'always NULL'],
  [
    rec([
      { name: 'a', type: 'string' },
      { name: 'x', type: 'int' },
    ]),
    'Tuple(a String)',
    'warning',
    'tuple-missing-element',
    'dropped',
  ],
  [
    rec([
      { name: 'a', type: 'string' },
      { name: 'B', type: 'int' },
    ]),
    'Tuple(a String, b Int32)',
    'error',
    'tuple-unfilled',
    'case-sensitive',
  ],
  [rec([{ name: 'a', type: 'string' }]), 'JSON', 'error', 'validation-mismatch'],
  [rec([{ name: 'a', type: 'string' }]), 'Nested(a String)', 'error', 'type-nested', 'does not exist'],
  [rec([{ name: 'a', type: 'string' }]), 'Variant(String, Int64)', 'error', 'variant-not-union'],
  [rec([{ name: 'a', type: 'string' }]), 'String', 'warning', 'string-union-other', 'Tuple'],
  [rec([{ name: 'a', type: 'long' }]), 'String', 'error', 'validation-mismatch', 'all of its fields'],
  [rec([{ name: 'a', type: ['null', 'string'] }]), 'Tuple(a Nullable(String))', 'ok', 'tuple-exact'],
  [rec([{ name: 'a', type: ['null', 'string'] }]), 'Tuple(a String)', 'error', 'null-not-nullable', 'not Nullable'],
  [rec([{ name: 'a', type: ['null', { type: 'array', items: 'int' }] }]), 'Tuple(a Array(Int32))', 'ok', 'tuple-exact'],
  [rec([{ name: 'a', type: deep() }]), 'Tuple(a Tuple(z Float64))', 'ok', 'tuple-exact'],
  [['null', rec([{ name: 'a', type: 'string' }])], 'Tuple(a String)', 'error', 'null-not-nullable', 'not nullable column'],
  // unions
  [['null', 'string'], 'Nullable(String)', 'ok', 'string-exact'],
  [['string', 'null'], 'Nullable(String)', 'ok', 'string-exact'],
  [['null', 'string'], 'LowCardinality(Nullable(String))', 'ok', 'string-exact'],
  ['string', 'Nullable(String)', 'ok', 'string-exact'],
  [['null', 'string'], 'String', 'error', 'null-not-nullable', 'An attempt to write null into not nullable column'],
  [['null', 'long'], 'Nullable(Int32)', 'error', 'int-cast', 'ClassCastException'],
  [['null', 'string', 'long'], 'Variant(Int64, String)', 'ok', 'variant-branch', 'branch long → Int64'],
  [['null', 'string', 'long'], 'Variant(String)', 'warning', 'variant-branch-null', 'stored as NULL'],
  [['null', 'string', 'boolean'], 'Variant(Bool, String)', 'ok', 'variant-branch', 'Bool'],
  [['null', 'string', 'bytes'], 'Variant(String)', 'warning', 'variant-branch-null', 'Connect bytes'],
  [['string', 'bytes'], 'String', 'ok', 'string-union'],
  [['null', 'string', 'long'], 'Nullable(String)', 'warning', 'string-union-other', 'toString'],
  [['string', 'long'], 'String', 'error', 'validation-mismatch', 'all of its branches'],
  [['null', 'string', 'long'], 'Int64', 'error', 'union-mismatch', 'needs a Variant'],
  [['null', 'string', 'long'], 'Nullable(Int64)', 'error', 'union-mismatch', 'needs a Variant'],
  [['null', 'string'], 'Variant(String, Int64)', 'error', 'variant-not-union'],
  // illegal ClickHouse types
  [{ type: 'array', items: 'string' }, 'Nullable(Array(String))', 'error', 'type-nullable-composite', 'Nullable cannot wrap Array'],
  [['null', 'string', 'long'], 'Nullable(Variant(Int64, String))', 'error', 'type-nullable-composite', 'Nullable cannot wrap Variant'],
];

describe('sink rule matrix: Avro type × column type', () => {
  for (const [avroType, columnType, verdict, rule, phrase] of matrix) {
    test(`${JSON.stringify(avroType)} → ${columnType} is ${verdict} (${rule})`, () => {
      const entry = judge(avroType, columnType);
      assert.equal(entry.verdict, verdict, entry.reason);
      assert.equal(entry.rules?.[0], rule, `deciding rule of: ${entry.reason}`);
      assert.equal(SINK_RULES[rule].verdict, verdict, `rule ${rule}'s verdict is the cell's`);
      if (phrase) assert.ok(entry.reason.includes(phrase), `reason should mention "${phrase}": ${entry.reason}`);
      assert.ok(entry.reason.includes('"f"'), `reason names the field: ${entry.reason}`);
    });
  }
});

/**
 * Every date/time Avro type against every date/time column, with and without a time zone. The sink recognises
 * `DateTime` only without one (Column.dispatchPrimitive matches the exact string) and `DateTime64(p[, 'tz'])` by
 * prefix, so a zone changes nothing for DateTime64 and makes DateTime UNKNOWN.
 */
describe('sink rule matrix: dates and times, with and without time zones', () => {
  const columns = [
    'DateTime',
    "DateTime('UTC')",
    "DateTime('Europe/Berlin')",
    'DateTime64(3)',
    "DateTime64(3, 'UTC')",
    "DateTime64(6, 'Europe/Berlin')",
    "DateTime64(0, 'UTC')",
    "DateTime64(9, 'Asia/Tokyo')",
    'Date',
    'Date32',
  ] as const;
  type Row = Record<(typeof columns)[number], [Verdict, SinkRuleId]>;
  const unknown: [Verdict, SinkRuleId] = ['error', 'type-unknown'];
  const rows: [unknown, Row][] = [
    [
      lt('int', 'date'),
      {
        DateTime: ['warning', 'datetime-date'],
        "DateTime('UTC')": unknown,
        "DateTime('Europe/Berlin')": unknown,
        'DateTime64(3)': ['warning', 'datetime-date'],
        "DateTime64(3, 'UTC')": ['warning', 'datetime-date'],
        "DateTime64(6, 'Europe/Berlin')": ['warning', 'datetime-date'],
        "DateTime64(0, 'UTC')": ['warning', 'datetime-date'],
        "DateTime64(9, 'Asia/Tokyo')": ['warning', 'datetime-date'],
        Date: ['ok', 'date-days'],
        Date32: ['ok', 'date-days'],
      },
    ],
    [
      lt('int', 'time-millis'),
      {
        DateTime: ['warning', 'datetime-date'],
        "DateTime('UTC')": unknown,
        "DateTime('Europe/Berlin')": unknown,
        'DateTime64(3)': ['warning', 'datetime-date'],
        "DateTime64(3, 'UTC')": ['warning', 'datetime-date'],
        "DateTime64(6, 'Europe/Berlin')": ['warning', 'datetime-date'],
        "DateTime64(0, 'UTC')": ['warning', 'datetime-date'],
        "DateTime64(9, 'Asia/Tokyo')": ['warning', 'datetime-date'],
        Date: ['warning', 'date-from-time'],
        Date32: ['warning', 'date-from-time'],
      },
    ],
    [
      lt('long', 'time-micros'),
      {
        DateTime: ['error', 'datetime-overflow'],
        "DateTime('UTC')": unknown,
        "DateTime('Europe/Berlin')": unknown,
        'DateTime64(3)': ['warning', 'dt64-ticks-scaled'],
        "DateTime64(3, 'UTC')": ['warning', 'dt64-ticks-scaled'],
        "DateTime64(6, 'Europe/Berlin')": ['warning', 'dt64-ticks-scaled'],
        "DateTime64(0, 'UTC')": ['warning', 'dt64-ticks-scaled'],
        "DateTime64(9, 'Asia/Tokyo')": ['warning', 'dt64-ticks-scaled'],
        Date: ['error', 'date-unsupported'],
        Date32: ['error', 'date-unsupported'],
      },
    ],
    [
      lt('long', 'timestamp-millis'),
      {
        DateTime: ['warning', 'datetime-timestamp'],
        "DateTime('UTC')": unknown,
        "DateTime('Europe/Berlin')": unknown,
        'DateTime64(3)': ['ok', 'dt64-timestamp'],
        "DateTime64(3, 'UTC')": ['ok', 'dt64-timestamp'],
        "DateTime64(6, 'Europe/Berlin')": ['ok', 'dt64-timestamp'],
        "DateTime64(0, 'UTC')": ['warning', 'dt64-timestamp-truncate'],
        "DateTime64(9, 'Asia/Tokyo')": ['ok', 'dt64-timestamp'],
        Date: ['error', 'date-unsupported'],
        Date32: ['error', 'date-unsupported'],
      },
    ],
    [
      lt('long', 'timestamp-micros'),
      {
        DateTime: ['error', 'datetime-overflow'],
        "DateTime('UTC')": unknown,
        "DateTime('Europe/Berlin')": unknown,
        'DateTime64(3)': ['warning', 'dt64-ticks-scaled'],
        "DateTime64(3, 'UTC')": ['warning', 'dt64-ticks-scaled'],
        "DateTime64(6, 'Europe/Berlin')": ['ok', 'dt64-ticks'],
        "DateTime64(0, 'UTC')": ['warning', 'dt64-ticks-scaled'],
        "DateTime64(9, 'Asia/Tokyo')": ['warning', 'dt64-ticks-scaled'],
        Date: ['error', 'date-unsupported'],
        Date32: ['error', 'date-unsupported'],
      },
    ],
    [
      lt('long', 'local-timestamp-millis'),
      {
        DateTime: ['error', 'datetime-overflow'],
        "DateTime('UTC')": unknown,
        "DateTime('Europe/Berlin')": unknown,
        'DateTime64(3)': ['ok', 'dt64-ticks'],
        "DateTime64(3, 'UTC')": ['ok', 'dt64-ticks'],
        "DateTime64(6, 'Europe/Berlin')": ['warning', 'dt64-ticks-scaled'],
        "DateTime64(0, 'UTC')": ['warning', 'dt64-ticks-scaled'],
        "DateTime64(9, 'Asia/Tokyo')": ['warning', 'dt64-ticks-scaled'],
        Date: ['error', 'date-unsupported'],
        Date32: ['error', 'date-unsupported'],
      },
    ],
    [
      lt('long', 'local-timestamp-micros'),
      {
        DateTime: ['error', 'datetime-overflow'],
        "DateTime('UTC')": unknown,
        "DateTime('Europe/Berlin')": unknown,
        'DateTime64(3)': ['warning', 'dt64-ticks-scaled'],
        "DateTime64(3, 'UTC')": ['warning', 'dt64-ticks-scaled'],
        "DateTime64(6, 'Europe/Berlin')": ['ok', 'dt64-ticks'],
        "DateTime64(0, 'UTC')": ['warning', 'dt64-ticks-scaled'],
        "DateTime64(9, 'Asia/Tokyo')": ['warning', 'dt64-ticks-scaled'],
        Date: ['error', 'date-unsupported'],
        Date32: ['error', 'date-unsupported'],
      },
    ],
  ];
  for (const [avroType, row] of rows) {
    for (const column of columns) {
      const [verdict, rule] = row[column];
      test(`${JSON.stringify(avroType)} → ${column} is ${verdict} (${rule})`, () => {
        const entry = judge(avroType, column);
        assert.equal(entry.verdict, verdict, entry.reason);
        assert.equal(entry.rules?.[0], rule, entry.reason);
      });
      // Nullable skips the pre-insert check: an UNKNOWN column then gets no bytes, which fails the batch just the same.
      test(`["null", ${JSON.stringify(avroType)}] → Nullable(${column}) is ${verdict}`, () => {
        const entry = judge(['null', avroType], `Nullable(${column})`);
        assert.equal(entry.verdict, verdict, entry.reason);
        assert.equal(entry.rules?.[0], rule, entry.reason);
      });
    }
  }

  test("the issue's cases: timestamp-millis into DateTime('UTC') is an error naming UNKNOWN and the validation failure", () => {
    const entry = judge(lt('long', 'timestamp-millis'), "DateTime('UTC')");
    assert.match(entry.reason, /does not recognise the type DateTime\('UTC'\)/);
    assert.match(entry.reason, /type \[UNKNOWN\]/);
    assert.match(entry.reason, /Data schema validation failed/);
    assert.match(entry.reason, /Suggested type: DateTime64\(3, 'UTC'\)/);
  });
});

describe('options that change the sink', () => {
  test('JSON columns take strings and records only with input_format_binary_read_json_as_string=1', () => {
    const settings = { clickhouseSettings: { input_format_binary_read_json_as_string: '1' } };
    assert.equal(judge('string', 'JSON', '', settings).verdict, 'warning');
    assert.equal(judge(rec([{ name: 'a', type: 'string' }]), 'JSON', '', settings).rules?.[0], 'json-string');
    assert.equal(judge('long', 'JSON', '', settings).rules?.[0], 'validation-mismatch');
    assert.equal(judge(['null', 'string'], 'Nullable(String)', '', settings).verdict, 'ok');
    assert.equal(judge('string', 'JSON').rules?.[0], 'validation-mismatch');
  });
  test('bypassSchemaValidation leaves the writer to decide', () => {
    assert.equal(judge('long', 'Int128', '', { bypassSchemaValidation: true }).rules?.[0], 'int128-integer');
    assert.equal(judge('double', 'Decimal(10, 2)', '', { bypassSchemaValidation: true }).rules?.[0], 'decimal-number');
    assert.equal(judge('float', 'Float64', '', { bypassSchemaValidation: true }).rules?.[0], 'float-cast');
  });
  test('a DEFAULT skips validation and turns nulls into the default', () => {
    assert.equal(judge('long', 'Int128', 'DEFAULT').rules?.[0], 'int128-integer');
    const nullable = judge(['null', 'string'], 'String', 'DEFAULT');
    assert.equal(nullable.verdict, 'warning');
    assert.equal(nullable.rules?.[0], 'null-default');
  });
});

describe('sink rule table', () => {
  test('every rule is used by at least one cell above or the tests of check.test.ts', () => {
    const used = new Set<string>();
    for (const [avroType, columnType] of matrix) for (const r of judge(avroType, columnType).rules ?? []) used.add(r);
    const unused = Object.keys(SINK_RULES).filter((id) => !used.has(id));
    // Rules reached only through options, DEFAULT, Variant members or Tuple elements are covered by the tests above.
    assert.deepEqual(
      unused.filter(
        (id) =>
          ![
            'json-string',
            'json-unsupported',
            'null-default',
            'null-variant',
            'recursive',
            'datetime-string',
            'dt64-timestamp-truncate',
            'datetime-overflow',
            'datetime-timestamp',
            'datetime-date',
            'date-from-time',
            'dt64-timestamp',
            'dt64-ticks',
            'dt64-ticks-scaled',
            'date-days',
            'validation-mismatch',
          ].includes(id),
      ),
      [],
    );
  });
});
