import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ClickHouseTypeParseError, formatClickHouseType, parseClickHouseType, unwrapColumnType } from './clickhouse-type.ts';

describe('parseClickHouseType', () => {
  const cases: [string, unknown][] = [
    ['String', { kind: 'String' }],
    ['UInt64', { kind: 'Int', signed: false, bits: 64 }],
    ['Int256', { kind: 'Int', signed: true, bits: 256 }],
    ['Bool', { kind: 'Bool' }],
    ['Float32', { kind: 'Float', bits: 32 }],
    ['Nullable(String)', { kind: 'Nullable', inner: { kind: 'String' } }],
    ['LowCardinality(Nullable(String))', { kind: 'LowCardinality', inner: { kind: 'Nullable', inner: { kind: 'String' } } }],
    ['Decimal(10, 2)', { kind: 'Decimal', precision: 10, scale: 2 }],
    ['Decimal32(4)', { kind: 'Decimal', precision: 9, scale: 4 }],
    ['Decimal64(4)', { kind: 'Decimal', precision: 18, scale: 4 }],
    ['Decimal128(3)', { kind: 'Decimal', precision: 38, scale: 3 }],
    ['Decimal256(20)', { kind: 'Decimal', precision: 76, scale: 20 }],
    ['Decimal', { kind: 'Decimal', precision: 10, scale: 0 }],
    ['DateTime', { kind: 'DateTime' }],
    ["DateTime('Europe/Berlin')", { kind: 'DateTime', timezone: 'Europe/Berlin' }],
    ['DateTime64(3)', { kind: 'DateTime64', precision: 3 }],
    ["DateTime64(6, 'UTC')", { kind: 'DateTime64', precision: 6, timezone: 'UTC' }],
    ['Date', { kind: 'Date' }],
    ['Date32', { kind: 'Date32' }],
    ['UUID', { kind: 'UUID' }],
    ['FixedString(16)', { kind: 'FixedString', length: 16 }],
    ['JSON', { kind: 'JSON', params: '' }],
    ['JSON(max_dynamic_paths = 10, a.b UInt32, SKIP c)', { kind: 'JSON', params: 'max_dynamic_paths = 10, a.b UInt32, SKIP c' }],
    ["Object('json')", { kind: 'Object', schema: 'json' }],
    [
      'Array(Array(Nullable(Int32)))',
      { kind: 'Array', element: { kind: 'Array', element: { kind: 'Nullable', inner: { kind: 'Int', signed: true, bits: 32 } } } },
    ],
    [
      'Map(String, Array(UInt8))',
      { kind: 'Map', key: { kind: 'String' }, value: { kind: 'Array', element: { kind: 'Int', signed: false, bits: 8 } } },
    ],
    [
      'Tuple(String, UInt8)',
      { kind: 'Tuple', elements: [{ type: { kind: 'String' } }, { type: { kind: 'Int', signed: false, bits: 8 } }] },
    ],
    [
      'Tuple(a String, b Nullable(Float64))',
      {
        kind: 'Tuple',
        elements: [
          { name: 'a', type: { kind: 'String' } },
          { name: 'b', type: { kind: 'Nullable', inner: { kind: 'Float', bits: 64 } } },
        ],
      },
    ],
    ['Tuple(`odd name` String)', { kind: 'Tuple', elements: [{ name: 'odd name', type: { kind: 'String' } }] }],
    [
      'Nested(x UInt32, y String)',
      {
        kind: 'Nested',
        fields: [
          { name: 'x', type: { kind: 'Int', signed: false, bits: 32 } },
          { name: 'y', type: { kind: 'String' } },
        ],
      },
    ],
    [
      'Variant(String, Int64, Array(UInt8))',
      {
        kind: 'Variant',
        variants: [
          { kind: 'String' },
          { kind: 'Int', signed: true, bits: 64 },
          { kind: 'Array', element: { kind: 'Int', signed: false, bits: 8 } },
        ],
      },
    ],
    [
      "Enum8('a' = 1, 'b' = -2)",
      {
        kind: 'Enum',
        bits: 8,
        values: [
          { name: 'a', value: 1 },
          { name: 'b', value: -2 },
        ],
      },
    ],
    [
      "Enum16('x, y' = 1, 'it\\'s (ok)' = 2, 'q''q' = 3)",
      {
        kind: 'Enum',
        bits: 16,
        values: [
          { name: 'x, y', value: 1 },
          { name: "it's (ok)", value: 2 },
          { name: "q'q", value: 3 },
        ],
      },
    ],
    ["  Nullable (  DateTime64( 3 ,  'UTC' ) )  ", { kind: 'Nullable', inner: { kind: 'DateTime64', precision: 3, timezone: 'UTC' } }],
    ['IPv4', { kind: 'Other', name: 'IPv4', raw: 'IPv4' }],
    [
      'SimpleAggregateFunction(sum, UInt64)',
      { kind: 'Other', name: 'SimpleAggregateFunction', raw: 'SimpleAggregateFunction(sum, UInt64)' },
    ],
  ];
  for (const [input, expected] of cases) {
    test(input, () => assert.deepEqual(parseClickHouseType(input), expected));
  }

  const bad = [
    '',
    'Nullable(',
    'Nullable(String',
    'Array()',
    'Map(String)',
    'Decimal(a, b)',
    "Enum8('a')",
    'FixedString',
    'String)',
    "DateTime64(3, 'UTC",
    'Nested(String)',
    'Str$ing',
  ];
  for (const input of bad) {
    test(`rejects ${JSON.stringify(input)} with a position`, () => {
      assert.throws(
        () => parseClickHouseType(input),
        (e: unknown) => e instanceof ClickHouseTypeParseError && /Cannot parse ClickHouse type/.test(e.message),
      );
    });
  }
});

describe('formatClickHouseType', () => {
  const roundTrips = [
    'Nullable(String)',
    "DateTime64(3, 'UTC')",
    'Decimal(18, 4)',
    "Enum8('it\\'s' = 1, 'b' = 2)",
    'Map(String, Array(Nullable(Int64)))',
    'Tuple(a String, b Tuple(c Float64))',
    'Variant(Int64, String)',
    'LowCardinality(Nullable(String))',
    'FixedString(4)',
  ];
  for (const text of roundTrips) {
    test(`round-trips ${text}`, () => assert.equal(formatClickHouseType(parseClickHouseType(text)), text));
  }
  test('normalises Decimal64(4) to Decimal(18, 4)', () =>
    assert.equal(formatClickHouseType(parseClickHouseType('Decimal64(4)')), 'Decimal(18, 4)'));
});

describe('unwrapColumnType', () => {
  test('strips LowCardinality and Nullable in either order', () => {
    const r = unwrapColumnType(parseClickHouseType('LowCardinality(Nullable(String))'));
    assert.deepEqual(r, { base: { kind: 'String' }, nullable: true, lowCardinality: true });
  });
  test('leaves a plain type alone', () => {
    assert.deepEqual(unwrapColumnType(parseClickHouseType('Int8')), {
      base: { kind: 'Int', signed: true, bits: 8 },
      nullable: false,
      lowCardinality: false,
    });
  });
});
