import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseClickHouseType } from './clickhouse-type.ts';
import { dispatchPrimitive, sinkColumn } from './sink-column.ts';

const column = (type: string) => sinkColumn(parseClickHouseType(type));

describe('the sink recognises column types as Column.extractColumn does', () => {
  const cases: [string, string, Partial<{ nullable: boolean; precision: number; scale: number }>][] = [
    ['String', 'STRING', { nullable: false }],
    ['LowCardinality(String)', 'STRING', { nullable: false }],
    ['LowCardinality(Nullable(String))', 'STRING', { nullable: true }],
    ['Nullable(Int64)', 'INT64', { nullable: true }],
    ['UInt64', 'UINT64', {}],
    ['Int256', 'INT256', {}],
    ['Bool', 'BOOLEAN', {}],
    ['DateTime', 'DateTime', {}],
    ["DateTime('UTC')", 'UNKNOWN', {}],
    ["DateTime('Europe/Berlin')", 'UNKNOWN', {}],
    ["Nullable(DateTime('UTC'))", 'UNKNOWN', { nullable: true }],
    ['DateTime64(3)', 'DateTime64', { precision: 3 }],
    ["DateTime64(6, 'UTC')", 'DateTime64', { precision: 6 }],
    ["DateTime64(9, 'Asia/Tokyo')", 'DateTime64', { precision: 9 }],
    ['Date', 'Date', {}],
    ['Date32', 'Date32', {}],
    ['Decimal(18, 4)', 'Decimal', { precision: 18, scale: 4 }],
    ['Decimal64(4)', 'Decimal', { precision: 18, scale: 4 }],
    ['FixedString(16)', 'FIXED_STRING', { precision: 16 }],
    ['UUID', 'UUID', {}],
    ['JSON', 'JSON', {}],
    ["Object('json')", 'UNKNOWN', {}],
    ['IPv4', 'UNKNOWN', {}],
    ['IPv6', 'UNKNOWN', {}],
    ['Time', 'UNKNOWN', {}],
    ['Dynamic', 'UNKNOWN', {}],
    ['BFloat16', 'UNKNOWN', {}],
    ['SimpleAggregateFunction(sum, UInt64)', 'UINT64', {}],
    ["Enum8('a' = 1, 'b' = 2)", 'Enum8', {}],
    ["Enum16('a' = 1000)", 'Enum16', {}],
  ];
  for (const [type, sinkType, props] of cases) {
    test(`${type} → ${sinkType}`, () => {
      const c = column(type);
      assert.ok(c);
      assert.equal(c.type, sinkType);
      for (const [k, v] of Object.entries(props)) assert.equal(c[k as keyof typeof c], v, k);
    });
  }

  test('Map keys are dispatched as a primitive type string: LowCardinality(String) is UNKNOWN', () => {
    assert.deepEqual(column('Map(LowCardinality(String), Int64)')?.mapKey, { type: 'UNKNOWN', text: 'LowCardinality(String)' });
    assert.deepEqual(column('Map(String, Int64)')?.mapKey, { type: 'STRING', text: 'String' });
    assert.equal(column('Map(String, Nullable(Int64))')?.mapValue?.nullable, true);
  });
  test('Tuple elements and Array elements are columns of their own', () => {
    const t = column("Tuple(a DateTime('UTC'), b Array(Nullable(Int32)))");
    assert.equal(t?.tuple?.[0]?.column.type, 'UNKNOWN');
    assert.equal(t?.tuple?.[1]?.column.element?.type, 'INT32');
    assert.equal(t?.tuple?.[1]?.column.element?.nullable, true);
  });
  test('Variant members are matched by name, Bool as Boolean', () => {
    assert.deepEqual(
      column('Variant(Bool, Int64, String)')?.variants?.map((v) => v.name),
      ['Boolean', 'Int64', 'String'],
    );
  });
  test('Enum members are read', () => assert.deepEqual(column("Enum8('RED' = 1, 'GREEN' = 2)")?.enumNames, ['RED', 'GREEN']));
  test('a Nested column makes the sink ignore the table', () => assert.equal(column('Nested(a String)'), null));
  test('dispatchPrimitive matches DateTime exactly and the others by prefix', () => {
    assert.equal(dispatchPrimitive('DateTime'), 'DateTime');
    assert.equal(dispatchPrimitive("DateTime('UTC')"), 'UNKNOWN');
    assert.equal(dispatchPrimitive("DateTime64(3, 'UTC')"), 'DateTime64');
    assert.equal(dispatchPrimitive('Decimal(9, 2)'), 'Decimal');
    assert.equal(dispatchPrimitive('FixedString(2)'), 'FIXED_STRING');
    assert.equal(dispatchPrimitive('JSON(a UInt8)'), 'JSON');
    assert.equal(dispatchPrimitive("Enum8('a' = 1)"), 'UNKNOWN');
  });
});
