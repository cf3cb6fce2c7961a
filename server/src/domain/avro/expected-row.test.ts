import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClickHouseColumn } from '../../contracts/contract.ts';
import { encodeDecimal, generateRecords } from './generate-records.ts';
import { rowExpectation } from './expected-row.ts';

const lt = (type: string, logicalType: string) => ({ type, logicalType });
const dec = (precision: number, scale: number) => ({ type: 'bytes', logicalType: 'decimal', precision, scale });

/** One field `f` of `avroType` in a column of `columnType`: what `value` reads back as. */
function readBack(avroType: unknown, columnType: string, value: unknown, defaultKind: ClickHouseColumn['defaultKind'] = '', tz = 'UTC') {
  const schema = { type: 'record', name: 'R', fields: [{ name: 'f', type: avroType }] };
  return rowExpectation(schema, [{ name: 'f', type: columnType, defaultKind }], { serverTimezone: tz }).expected({ f: value }).f;
}

const ms = Date.parse('2026-01-01T00:00:00.044Z');

describe('typed expectations: the value a column of that type reads back as (JSONEachRow, READ_BACK_SETTINGS)', () => {
  const cases: [string, unknown, string, unknown, unknown][] = [
    // DateTime64 precision and zone: the sink rescales a Connect Timestamp
    ['timestamp-millis into DateTime64(3, UTC)', lt('long', 'timestamp-millis'), "DateTime64(3, 'UTC')", ms, '2026-01-01 00:00:00.044'],
    [
      'timestamp-millis into DateTime64(6, UTC): rescaled',
      lt('long', 'timestamp-millis'),
      "DateTime64(6, 'UTC')",
      ms,
      '2026-01-01 00:00:00.044000',
    ],
    [
      'timestamp-millis into DateTime64(9, Asia/Tokyo)',
      lt('long', 'timestamp-millis'),
      "DateTime64(9, 'Asia/Tokyo')",
      ms,
      '2026-01-01 09:00:00.044000000',
    ],
    [
      'timestamp-millis into DateTime64(6, Europe/Berlin)',
      lt('long', 'timestamp-millis'),
      "DateTime64(6, 'Europe/Berlin')",
      ms,
      '2026-01-01 01:00:00.044000',
    ],
    [
      'timestamp-millis into DateTime64(3, Europe/Berlin) in summer time',
      lt('long', 'timestamp-millis'),
      "DateTime64(3, 'Europe/Berlin')",
      Date.parse('2026-07-01T10:00:00.500Z'),
      '2026-07-01 12:00:00.500',
    ],
    [
      'timestamp-millis into DateTime64(0, UTC): truncated',
      lt('long', 'timestamp-millis'),
      "DateTime64(0, 'UTC')",
      ms,
      '2026-01-01 00:00:00',
    ],
    ['timestamp-millis into DateTime64(1)', lt('long', 'timestamp-millis'), 'DateTime64(1)', ms, '2026-01-01 00:00:00.0'],
    [
      'timestamp-millis into DateTime (server zone UTC): seconds',
      lt('long', 'timestamp-millis'),
      'DateTime',
      ms + 999,
      '2026-01-01 00:00:01',
    ],
    [
      'timestamp-micros into DateTime64(6, UTC): verbatim ticks',
      lt('long', 'timestamp-micros'),
      "DateTime64(6, 'UTC')",
      ms * 1000 + 7,
      '2026-01-01 00:00:00.044007',
    ],
    [
      'timestamp-micros into DateTime64(3): verbatim ticks, off by 1000',
      lt('long', 'timestamp-micros'),
      'DateTime64(3)',
      1_000_000,
      '1970-01-01 00:16:40.000',
    ],
    ['a pre-1970 timestamp', lt('long', 'timestamp-millis'), "DateTime64(3, 'UTC')", -1, '1969-12-31 23:59:59.999'],
    ['date into Date', lt('int', 'date'), 'Date', 20454, '2026-01-01'],
    ['date into Date32', lt('int', 'date'), 'Date32', 20453, '2025-12-31'],
    ['date into DateTime64(3, UTC): midnight', lt('int', 'date'), "DateTime64(3, 'UTC')", 20454, '2026-01-01 00:00:00.000'],
    ['time-millis into Int32', lt('int', 'time-millis'), 'Int32', 3_600_000, 3_600_000],
    ['timestamp-millis into Int64: quoted', lt('long', 'timestamp-millis'), 'Int64', ms, String(ms)],
    // Decimal scale
    ['decimal(12,2) into Decimal(18, 4): 19.99 → 19.9900', dec(12, 2), 'Decimal(18, 4)', encodeDecimal(1999n), '19.9900'],
    ['decimal(12,2) into Decimal(12, 2): 5.00 keeps its zeros', dec(12, 2), 'Decimal(12, 2)', encodeDecimal(500n), '5.00'],
    ['decimal(12,2) into Decimal(12, 2): negative', dec(12, 2), 'Decimal(12, 2)', encodeDecimal(-50n), '-0.50'],
    ['decimal(12,4) into Decimal(18, 2): truncated toward zero', dec(12, 4), 'Decimal(18, 2)', encodeDecimal(-199999n), '-19.99'],
    ['long into Nullable(Decimal(10, 2))', 'long', 'Nullable(Decimal(10, 2))', 7, '7.00'],
    // Enum vs String, FixedString padding, LowCardinality, Nullable
    ['enum into Enum8', { type: 'enum', name: 'S', symbols: ['NEW', 'PAID'] }, "Enum8('NEW' = 1, 'PAID' = 2)", 'PAID', 'PAID'],
    ['enum into String', { type: 'enum', name: 'S', symbols: ['NEW', 'PAID'] }, 'String', 'NEW', 'NEW'],
    ['string into FixedString(5): zero-padded', 'string', 'FixedString(5)', 'ab', 'ab\0\0\0'],
    ['fixed(4) into FixedString(4)', { type: 'fixed', name: 'F', size: 4 }, 'FixedString(4)', Buffer.from('abcd'), 'abcd'],
    ['bytes into String', 'bytes', 'String', Buffer.from('hi'), 'hi'],
    ['string into LowCardinality(String)', 'string', 'LowCardinality(String)', 'x', 'x'],
    ['null into Nullable(String)', ['null', 'string'], 'Nullable(String)', null, null],
    ['null into LowCardinality(Nullable(String))', ['null', 'string'], 'LowCardinality(Nullable(String))', null, null],
    [
      'uuid into UUID: lower case',
      lt('string', 'uuid'),
      'UUID',
      '123E4567-E89B-42D3-A456-426614174000',
      '123e4567-e89b-42d3-a456-426614174000',
    ],
    // integers: 64 bits and wider quoted
    ['long into Int64', 'long', 'Int64', -42, '-42'],
    ['int into Int32', 'int', 'Int32', -42, -42],
    ['long into UInt64: negatives wrap', 'long', 'UInt64', -1, '18446744073709551615'],
    ['long into Nullable(Int128)', 'long', 'Nullable(Int128)', 5, '5'],
    ['boolean into UInt8', 'boolean', 'UInt8', true, 1],
    ['int into Bool', 'int', 'Bool', 3, true],
    ['float into Float32', 'float', 'Float32', 0.25, 0.25],
    // Array / Map / Tuple
    ['array<long> into Array(Int64)', { type: 'array', items: 'long' }, 'Array(Int64)', [1, -2], ['1', '-2']],
    ['null array into Array(Int64)', ['null', { type: 'array', items: 'long' }], 'Array(Int64)', null, []],
    [
      'array<timestamp-millis> into Array(DateTime64(6, UTC))',
      { type: 'array', items: lt('long', 'timestamp-millis') },
      "Array(DateTime64(6, 'UTC'))",
      [ms],
      ['2026-01-01 00:00:00.044000'],
    ],
    [
      'map<decimal> into Map(String, Decimal(10, 3))',
      { type: 'map', values: dec(8, 2) },
      'Map(String, Decimal(10, 3))',
      { a: encodeDecimal(150n) },
      { a: '1.500' },
    ],
    [
      'map<[null,long]> into Map(String, Nullable(Int64))',
      { type: 'map', values: ['null', 'long'] },
      'Map(String, Nullable(Int64))',
      { a: null, b: 2 },
      { a: null, b: '2' },
    ],
    [
      'record into a named Tuple, by name',
      {
        type: 'record',
        name: 'I',
        fields: [
          { name: 'x', type: 'long' },
          { name: 's', type: 'string' },
          { name: 'extra', type: 'int' },
        ],
      },
      'Tuple(s FixedString(3), x Int64, gone Nullable(String))',
      { x: 7, s: 'a', extra: 1 },
      { s: 'a\0\0', x: '7', gone: null },
    ],
    ['union into Variant(Int64, String): the member type', ['null', 'string', 'long'], 'Variant(Int64, String)', { long: 5 }, '5'],
    ['union into Variant(Int64, String): a string', ['null', 'string', 'long'], 'Variant(Int64, String)', { string: 'x' }, 'x'],
    ['union without a member: NULL', ['null', 'string', 'bytes'], 'Variant(String)', { bytes: Buffer.from('x') }, null],
  ];
  for (const [name, avroType, columnType, value, expected] of cases) {
    test(name, () => assert.deepEqual(readBack(avroType, columnType, value), expected));
  }

  test("a column without its own zone reads back in the server's", () => {
    assert.equal(readBack(lt('long', 'timestamp-millis'), 'DateTime64(3)', ms, '', 'America/New_York'), '2025-12-31 19:00:00.044');
    assert.equal(readBack(lt('long', 'timestamp-millis'), "DateTime64(3, 'UTC')", ms, '', 'America/New_York'), '2026-01-01 00:00:00.044');
  });
  test('a null into a DEFAULT column and a JSON column are not predicted (left out)', () => {
    assert.equal(readBack(['null', 'string'], 'String', null, 'DEFAULT'), undefined);
    assert.equal(readBack('string', 'JSON', '{}'), undefined);
  });
});

describe('rowExpectation over a table', () => {
  const schema = {
    type: 'record',
    name: 'Order',
    fields: [
      { name: 'order_id', type: 'string' },
      { name: 'amount', type: dec(12, 2) },
      { name: 'created_at', type: lt('long', 'timestamp-millis') },
      { name: 'note', type: ['null', 'string'], default: null },
      { name: 'no_column', type: 'int' },
    ],
  };
  const columns: ClickHouseColumn[] = [
    { name: 'order_id', type: 'String', defaultKind: '' },
    { name: 'amount', type: 'Decimal(18, 4)', defaultKind: '' },
    { name: 'created_at', type: "DateTime64(6, 'UTC')", defaultKind: '' },
    { name: 'note', type: 'Nullable(String)', defaultKind: '' },
    { name: 'computed', type: 'String', defaultKind: 'MATERIALIZED' },
  ];
  const expectation = rowExpectation(schema, columns, { serverTimezone: 'UTC' });

  test('compares the fields that have a column, in field order', () => {
    assert.deepEqual(expectation.columns, ['order_id', 'amount', 'created_at', 'note']);
  });
  test("the issue's values: 19.99 → 19.9900, ….044 → ….044000", () => {
    assert.deepEqual(expectation.expected({ order_id: 'r-1', amount: encodeDecimal(1999n), created_at: ms, note: null, no_column: 1 }), {
      order_id: 'r-1',
      amount: '19.9900',
      created_at: '2026-01-01 00:00:00.044000',
      note: null,
    });
  });
  test('covers every generated record', () => {
    const generated = generateRecords(schema, 50, { runId: 'smoke-x', seed: 1 });
    assert.ok(generated.ok);
    if (generated.ok) for (const r of generated.records) assert.equal(Object.keys(expectation.expected(r)).length, 4);
  });
});
