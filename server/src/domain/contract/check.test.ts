import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkContract } from './check.ts';
import type { ClickHouseColumn, Verdict } from '../../contracts/contract.ts';

const dec = (precision: number, scale: number) => ({ type: 'bytes', logicalType: 'decimal', precision, scale });
const lt = (type: string, logicalType: string) => ({ type, logicalType });
const enumT = (symbols: string[]) => ({ type: 'enum', name: 'Color', symbols });
const rec = (fields: { name: string; type: unknown }[]) => ({ type: 'record', name: 'Inner', fields });

function one(avroType: unknown, columnType: string, defaultKind: ClickHouseColumn['defaultKind'] = '', opts = {}) {
  const schema = { type: 'record', name: 'Row', fields: [{ name: 'f', type: avroType }] };
  const report = checkContract(schema, [{ name: 'f', type: columnType, defaultKind }], opts);
  const entry = report.fields.find((x) => x.field === 'f');
  assert.ok(entry, 'a verdict for field f');
  return entry;
}

/** [Avro type, column type, expected verdict, a phrase the reason must contain] */
const matrix: [unknown, string, Verdict, string][] = [
  // integers: the write path casts Int8/16/32/64 and UInt8 to exactly one Java class
  ['int', 'Int32', 'ok', 'exact'],
  ['long', 'Int64', 'ok', 'exact'],
  ['int', 'Int64', 'error', 'ClassCastException'],
  ['long', 'Int32', 'error', 'ClassCastException'],
  ['int', 'Int8', 'error', 'java.lang.Byte'],
  ['int', 'Int16', 'error', 'java.lang.Short'],
  [{ type: 'int', 'connect.type': 'int16' }, 'Int16', 'ok', 'exact'],
  [{ type: 'int', 'connect.type': 'int8' }, 'Int8', 'ok', 'exact'],
  ['int', 'UInt8', 'error', 'java.lang.Byte'],
  ['int', 'UInt16', 'warning', 'overflow'],
  ['int', 'UInt32', 'warning', 'negative'],
  ['long', 'UInt32', 'warning', 'overflow'],
  ['long', 'UInt64', 'warning', 'negative'],
  ['long', 'Int128', 'ok', 'BigInteger'],
  ['int', 'UInt128', 'warning', 'negative'],
  ['long', 'Int256', 'error', 'Int256'],
  ['string', 'Int64', 'error', 'ClassCastException'],
  ['double', 'Int64', 'error', 'ClassCastException'],
  ['boolean', 'UInt8', 'warning', '1/0'],
  // floats must match exactly
  ['float', 'Float32', 'ok', 'exact'],
  ['double', 'Float64', 'ok', 'exact'],
  ['float', 'Float64', 'error', 'float needs Float32'],
  ['double', 'Float32', 'error', 'double needs Float64'],
  ['long', 'Float64', 'error', 'ClassCastException'],
  // boolean
  ['boolean', 'Bool', 'ok', 'exact'],
  ['int', 'Bool', 'warning', 'non-zero'],
  ['string', 'Bool', 'error', 'Bool takes'],
  // strings
  ['string', 'String', 'ok', 'exact'],
  ['string', 'LowCardinality(String)', 'ok', 'exact'],
  ['string', 'FixedString(8)', 'warning', 'zero-padded'],
  ['string', "Enum8('a' = 1, 'b' = 2)", 'warning', "one of the enum's names"],
  ['string', 'UUID', 'warning', 'UUID.fromString'],
  [lt('string', 'uuid'), 'UUID', 'ok', 'UUID.fromString'],
  [lt('string', 'uuid'), 'String', 'ok', 'text'],
  ['int', 'String', 'error', 'ClassCastException'],
  ['string', 'Date', 'error', 'Not implemented conversion'],
  ['string', "DateTime64(3, 'UTC')", 'warning', 'ZonedDateTime.parse'],
  ['string', 'JSON', 'warning', 'input_format_binary_read_json_as_string'],
  // enums
  [enumT(['RED', 'GREEN']), "Enum8('RED' = 1, 'GREEN' = 2, 'BLUE' = 3)", 'ok', 'every symbol'],
  [enumT(['RED', 'GREEN']), "Enum16('RED' = 1)", 'error', "'GREEN'"],
  [enumT(['RED', 'GREEN']), 'String', 'ok', 'text'],
  [enumT(['RED', 'GREEN']), 'LowCardinality(String)', 'ok', 'text'],
  [enumT(['RED', 'GREEN']), 'FixedString(3)', 'error', 'longer than 3'],
  [enumT(['RED', 'GREEN']), 'Int8', 'error', 'ClassCastException'],
  // bytes / fixed
  ['bytes', 'String', 'ok', 'raw bytes'],
  ['bytes', 'FixedString(4)', 'warning', 'UTF-8'],
  ['bytes', 'UUID', 'error', 'UUID'],
  [{ type: 'fixed', name: 'F4', size: 4 }, 'FixedString(4)', 'warning', 'UTF-8'],
  [{ type: 'fixed', name: 'F4', size: 4 }, 'FixedString(5)', 'error', 'does not match'],
  [{ type: 'fixed', name: 'F4', size: 4 }, 'String', 'ok', 'raw bytes'],
  // decimals
  [dec(10, 2), 'Decimal(10, 2)', 'ok', 'exact precision and scale'],
  [dec(18, 4), 'Decimal64(4)', 'ok', 'exact'],
  [dec(9, 2), 'Decimal32(2)', 'ok', 'exact'],
  [dec(38, 10), 'Decimal128(10)', 'ok', 'exact'],
  [dec(10, 2), 'Decimal(10, 3)', 'error', 'precision/scale differ'],
  [dec(10, 2), 'Decimal(12, 2)', 'error', 'precision/scale differ'],
  [dec(10, 2), 'Float64', 'error', 'ClassCastException'],
  [dec(10, 2), 'String', 'error', 'ClassCastException'],
  ['double', 'Decimal(10, 2)', 'error', 'Data schema validation failed'],
  [{ type: 'fixed', name: 'D', size: 8, logicalType: 'decimal', precision: 18, scale: 2 }, 'Decimal(18, 2)', 'warning', 'decimal on fixed'],
  // dates and times
  [lt('int', 'date'), 'Date', 'ok', 'days since epoch'],
  [lt('int', 'date'), 'Date32', 'ok', 'days since epoch'],
  [lt('int', 'date'), 'DateTime', 'warning', 'midnight'],
  [lt('int', 'date'), 'Int32', 'error', 'java.util.Date'],
  ['int', 'Date', 'warning', 'days since'],
  ['long', 'Date32', 'error', 'Not implemented conversion'],
  [lt('int', 'time-millis'), 'Int32', 'ok', 'milliseconds since midnight'],
  [lt('int', 'time-millis'), 'DateTime64(3)', 'error', 'time of day'],
  [lt('long', 'time-micros'), 'Int64', 'ok', 'exact'],
  [lt('long', 'timestamp-millis'), "DateTime64(3, 'UTC')", 'ok', 'exact'],
  [lt('long', 'timestamp-millis'), 'DateTime64(6)', 'ok', 'rescales'],
  [lt('long', 'timestamp-millis'), 'DateTime64(9)', 'ok', 'rescales'],
  [lt('long', 'timestamp-millis'), 'DateTime', 'warning', 'milliseconds are lost'],
  [lt('long', 'timestamp-millis'), "DateTime('Europe/Berlin')", 'warning', 'milliseconds are lost'],
  [lt('long', 'timestamp-millis'), 'Int64', 'ok', 'epoch milliseconds'],
  [lt('long', 'timestamp-millis'), 'Date', 'error', 'Not implemented conversion'],
  [lt('long', 'timestamp-micros'), "DateTime64(6, 'UTC')", 'ok', 'verbatim as ticks'],
  [lt('long', 'timestamp-micros'), 'DateTime64(3)', 'error', 'off by a factor of 10^3'],
  [lt('long', 'timestamp-micros'), 'DateTime64(9)', 'error', 'off by a factor of 10^3'],
  [lt('long', 'timestamp-micros'), 'DateTime', 'error', 'verbatim as seconds'],
  [lt('long', 'timestamp-micros'), 'Int64', 'ok', 'exact'],
  [lt('long', 'local-timestamp-micros'), 'DateTime64(6)', 'ok', 'as if it were UTC'],
  [lt('long', 'local-timestamp-micros'), 'DateTime64(3)', 'error', 'ticks'],
  [lt('long', 'local-timestamp-millis'), 'DateTime64(3)', 'ok', 'ticks'],
  [lt('long', 'local-timestamp-millis'), 'DateTime64(6)', 'error', 'off by a factor of 10^3'],
  ['long', 'DateTime64(3)', 'warning', 'verbatim as ticks'],
  ['long', 'DateTime', 'warning', 'epoch seconds'],
  ['boolean', 'DateTime64(3)', 'error', 'rejected'],
  // arrays
  [{ type: 'array', items: 'string' }, 'Array(String)', 'ok', 'exact'],
  [{ type: 'array', items: 'int' }, 'Array(Int64)', 'error', 'ClassCastException'],
  [{ type: 'array', items: ['null', 'string'] }, 'Array(Nullable(String))', 'ok', 'exact'],
  [{ type: 'array', items: ['null', 'string'] }, 'Array(String)', 'error', 'not Nullable'],
  [{ type: 'array', items: { type: 'array', items: 'double' } }, 'Array(Array(Float64))', 'ok', 'exact'],
  [{ type: 'array', items: 'string' }, 'String', 'error', 'needs an Array(T) column'],
  ['string', 'Array(String)', 'error', 'only an Avro array'],
  [['null', { type: 'array', items: 'long' }], 'Array(Int64)', 'ok', 'written as []'],
  // maps
  [{ type: 'map', values: 'long' }, 'Map(String, Int64)', 'ok', 'map keys are strings'],
  [{ type: 'map', values: 'long' }, 'Map(LowCardinality(String), Int64)', 'ok', 'exact'],
  [{ type: 'map', values: 'long' }, 'Map(Int32, Int64)', 'error', 'Map key must be String'],
  [{ type: 'map', values: ['null', 'long'] }, 'Map(String, Nullable(Int64))', 'ok', 'exact'],
  [{ type: 'map', values: ['null', 'long'] }, 'Map(String, Int64)', 'error', 'not Nullable'],
  [{ type: 'map', values: 'float' }, 'Map(String, Float64)', 'error', 'float needs Float32'],
  [['null', { type: 'map', values: 'long' }], 'Map(String, Int64)', 'error', 'not nullable column'],
  // records
  [
    rec([
      { name: 'a', type: 'string' },
      { name: 'b', type: 'long' },
    ]),
    'Tuple(a String, b Int64)',
    'ok',
    'exact',
  ],
  [
    rec([
      { name: 'a', type: 'string' },
      { name: 'b', type: 'long' },
    ]),
    'Tuple(b Int64, a String)',
    'ok',
    'exact',
  ],
  [
    rec([
      { name: 'a', type: 'string' },
      { name: 'b', type: 'long' },
    ]),
    'Tuple(a String, b Int32)',
    'error',
    'f.b',
  ],
  [rec([{ name: 'a', type: 'string' }]), 'Tuple(String)', 'error', 'has no name'],
  [rec([{ name: 'a', type: 'string' }]), 'Tuple(a String, c Int64)', 'error', 'f.c: no record field'],
  [rec([{ name: 'a', type: 'string' }]), 'Tuple(a String, c Nullable(Int64))', 'warning', 'always NULL'],
  [
    rec([
      { name: 'a', type: 'string' },
      { name: 'x', type: 'int' },
    ]),
    'Tuple(a String)',
    'warning',
    'dropped',
  ],
  [
    rec([
      { name: 'a', type: 'string' },
      { name: 'B', type: 'int' },
    ]),
    'Tuple(a String, b Int32)',
    'error',
    'case-sensitive',
  ],
  [rec([{ name: 'a', type: 'string' }]), 'JSON', 'warning', 'input_format_binary_read_json_as_string'],
  [rec([{ name: 'a', type: 'string' }]), 'Nested(a String)', 'error', 'Nested'],
  [rec([{ name: 'a', type: 'string' }]), 'Variant(String, Int64)', 'error', 'not a union'],
  [rec([{ name: 'a', type: 'string' }]), 'String', 'error', 'Tuple'],
  [rec([{ name: 'a', type: ['null', 'string'] }]), 'Tuple(a Nullable(String))', 'ok', 'exact'],
  [rec([{ name: 'a', type: ['null', 'string'] }]), 'Tuple(a String)', 'error', 'not Nullable'],
  [rec([{ name: 'a', type: rec2() }]), 'Tuple(a Tuple(z Float64))', 'ok', 'exact'],
  [['null', rec([{ name: 'a', type: 'string' }])], 'Tuple(a String)', 'error', 'not nullable column'],
  // unions
  [['null', 'string'], 'Nullable(String)', 'ok', 'exact'],
  [['string', 'null'], 'Nullable(String)', 'ok', 'exact'],
  [['null', 'string'], 'LowCardinality(Nullable(String))', 'ok', 'exact'],
  ['string', 'Nullable(String)', 'ok', 'exact'],
  [['null', 'string'], 'String', 'error', 'An attempt to write null into not nullable column'],
  [['null', 'long'], 'Nullable(Int32)', 'error', 'ClassCastException'],
  [['null', 'string', 'long'], 'Variant(Int64, String)', 'ok', 'branch long → Int64'],
  [['null', 'string', 'long'], 'Variant(String)', 'error', 'needs Int64'],
  [['null', 'string', 'boolean'], 'Variant(Bool, String)', 'ok', 'Bool'],
  [['null', 'string', 'bytes'], 'Variant(String)', 'error', 'no Variant member'],
  [['string', 'bytes'], 'String', 'ok', 'string/bytes'],
  [['null', 'string', 'long'], 'String', 'error', 'needs a Variant'],
  [['null', 'string', 'long'], 'Int64', 'error', 'needs a Variant'],
  [['null', 'string'], 'Variant(String, Int64)', 'error', 'two or more non-null types'],
  // illegal ClickHouse types
  [{ type: 'array', items: 'string' }, 'Nullable(Array(String))', 'error', 'Nullable cannot wrap Array'],
  [['null', 'string', 'long'], 'Nullable(Variant(Int64, String))', 'error', 'Nullable cannot wrap Variant'],
  ['string', 'IPv4', 'error', 'no writer for IPv4'],
  ['string', 'Strin(g', 'error', 'Cannot parse ClickHouse type'],
];

function rec2() {
  return { type: 'record', name: 'Deep', fields: [{ name: 'z', type: 'double' }] };
}

describe('contract check: mapping matrix', () => {
  for (const [avroType, columnType, verdict, phrase] of matrix) {
    test(`${JSON.stringify(avroType)} → ${columnType} is ${verdict}`, () => {
      const entry = one(avroType, columnType);
      assert.equal(entry.verdict, verdict, entry.reason);
      assert.ok(entry.reason.includes(phrase), `reason should mention "${phrase}": ${entry.reason}`);
      assert.ok(entry.reason.includes('"f"'), `reason names the field: ${entry.reason}`);
    });
  }
});

describe('contract check: nullability and defaults', () => {
  test('nullable field into a non-Nullable column with DEFAULT is a warning (null becomes the default)', () => {
    const entry = one(['null', 'string'], 'String', 'DEFAULT');
    assert.equal(entry.verdict, 'warning');
    assert.match(entry.reason, /DEFAULT/);
  });
  test('a field whose column is MATERIALIZED is not written', () => {
    const entry = one('string', 'String', 'MATERIALIZED');
    assert.equal(entry.verdict, 'warning');
    assert.match(entry.reason, /never writes/);
  });
  test('double into a Nullable Decimal passes (validation skipped), with a warning', () => {
    assert.equal(one('double', 'Nullable(Decimal(10, 2))').verdict, 'warning');
  });
  test('double into a Decimal with bypassSchemaValidation is a warning, without it an error', () => {
    assert.equal(one('double', 'Decimal(10, 2)', '', { bypassSchemaValidation: true }).verdict, 'warning');
    assert.equal(one('double', 'Decimal(10, 2)').verdict, 'error');
  });
});

describe('contract check: names and missing columns', () => {
  const schema = {
    type: 'record',
    name: 'Order',
    namespace: 'shop',
    fields: [
      { name: 'id', type: 'long' },
      { name: 'userId', type: 'string' },
      { name: 'note', type: ['null', 'string'], default: null },
    ],
  };
  const base: ClickHouseColumn[] = [
    { name: 'id', type: 'Int64', defaultKind: '' },
    { name: 'userId', type: 'String', defaultKind: '' },
    { name: 'note', type: 'Nullable(String)', defaultKind: '' },
  ];

  test('matching table is ok overall with one verdict per field', () => {
    const report = checkContract(schema, base);
    assert.equal(report.verdict, 'ok');
    assert.equal(report.fields.length, 3);
    assert.match(report.summary, /^OK: 3 ok/);
  });

  test('schema given as JSON text works the same', () => {
    assert.equal(checkContract(JSON.stringify(schema), base).verdict, 'ok');
  });

  test('a column differing only by case is an error with a hint', () => {
    const cols = base.map((c) => (c.name === 'userId' ? { ...c, name: 'userid' } : c));
    const report = checkContract(schema, cols);
    assert.equal(report.verdict, 'error');
    const entry = report.fields.find((f) => f.field === 'userId');
    assert.equal(entry?.column, 'userid');
    assert.match(entry?.reason ?? '', /differ only by letter case/);
    assert.equal(report.fields.filter((f) => f.column === 'userid').length, 1, 'one entry for the pair');
  });

  test('a field without a column is a warning with a suggested type', () => {
    const report = checkContract(
      schema,
      base.filter((c) => c.name !== 'note'),
    );
    assert.equal(report.verdict, 'warning');
    const entry = report.fields.find((f) => f.field === 'note');
    assert.equal(entry?.verdict, 'warning');
    assert.equal(entry?.suggestedType, 'Nullable(String)');
    assert.match(entry?.reason ?? '', /ignores extra fields/);
  });

  const orphanCases: [ClickHouseColumn, Verdict, RegExp][] = [
    [{ name: 'extra', type: 'String', defaultKind: '' }, 'error', /Table column name \[extra\] was not found/],
    [{ name: 'extra', type: 'Array(String)', defaultKind: '' }, 'error', /not Nullable and has no DEFAULT/],
    [{ name: 'extra', type: 'Nullable(String)', defaultKind: '' }, 'warning', /always be NULL/],
    [{ name: 'extra', type: 'LowCardinality(Nullable(String))', defaultKind: '' }, 'warning', /always be NULL/],
    [{ name: 'extra', type: 'DateTime', defaultKind: 'DEFAULT' }, 'ok', /DEFAULT/],
    [{ name: 'extra', type: 'String', defaultKind: 'MATERIALIZED' }, 'ok', /MATERIALIZED/],
    [{ name: 'extra', type: 'String', defaultKind: 'ALIAS' }, 'ok', /ALIAS/],
    [{ name: 'extra', type: 'String', defaultKind: 'EPHEMERAL' }, 'ok', /EPHEMERAL/],
    [{ name: 'extra', type: 'Variant(String, Int64)', defaultKind: '' }, 'warning', /NULL/],
    [{ name: 'n.a', type: 'Array(String)', defaultKind: '' }, 'error', /flattened Nested/],
  ];
  for (const [column, verdict, reason] of orphanCases) {
    test(`column without a field: ${column.name} ${column.type} ${column.defaultKind || 'no default'} → ${verdict}`, () => {
      const report = checkContract(schema, [...base, column]);
      const entry = report.fields.find((f) => f.column === column.name);
      assert.equal(entry?.verdict, verdict, entry?.reason);
      assert.equal(entry?.field, null);
      assert.match(entry?.reason ?? '', reason);
      assert.equal(report.verdict, verdict);
    });
  }

  test('bypassSchemaValidation does not rescue a missing non-Nullable column', () => {
    const report = checkContract(schema, [...base, { name: 'extra', type: 'String', defaultKind: '' }], { bypassSchemaValidation: true });
    assert.equal(report.verdict, 'error');
    assert.match(report.fields.at(-1)?.reason ?? '', /still fails/);
  });

  test('overall verdict is the worst of all entries', () => {
    const report = checkContract(schema, [
      { name: 'id', type: 'Int64', defaultKind: '' },
      { name: 'userId', type: 'FixedString(36)', defaultKind: '' },
      { name: 'note', type: 'Nullable(String)', defaultKind: '' },
    ]);
    assert.equal(report.verdict, 'warning');
    const withError = checkContract(schema, [...base, { name: 'x', type: 'Int8', defaultKind: '' }]);
    assert.equal(withError.verdict, 'error');
  });

  test('a wrong type carries the suggested type in the entry and the reason', () => {
    const report = checkContract(
      schema,
      base.map((c) => (c.name === 'id' ? { ...c, type: 'Int32' } : c)),
    );
    const entry = report.fields.find((f) => f.field === 'id');
    assert.equal(entry?.verdict, 'error');
    assert.equal(entry?.suggestedType, 'Int64');
    assert.match(entry?.reason ?? '', /Suggested type: Int64/);
    assert.match(entry?.reason ?? '', /long → Int32/);
  });
});

describe('contract check: bad schemas', () => {
  test('invalid schema returns avsc message', () => {
    const report = checkContract({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'nope' }] }, []);
    assert.equal(report.verdict, 'error');
    assert.match(report.fields[0]?.reason ?? '', /undefined type name: nope/);
  });
  test('non-JSON text', () => {
    const report = checkContract('{not json', []);
    assert.equal(report.verdict, 'error');
    assert.match(report.fields[0]?.reason ?? '', /not valid JSON/);
  });
  test('a non-record value schema is refused', () => {
    const report = checkContract('"string"', [{ name: 'a', type: 'String', defaultKind: '' }]);
    assert.equal(report.verdict, 'error');
    assert.match(report.fields[0]?.reason ?? '', /must be a record/);
  });
  test('a recursive record field is an error', () => {
    const schema = {
      type: 'record',
      name: 'Node',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'next', type: { type: 'record', name: 'Link', fields: [{ name: 'node', type: ['null', 'Node'] }] } },
      ],
    };
    const report = checkContract(schema, [
      { name: 'id', type: 'Int64', defaultKind: '' },
      { name: 'next', type: 'Tuple(node Nullable(String))', defaultKind: '' },
    ]);
    const entry = report.fields.find((f) => f.field === 'next');
    assert.equal(entry?.verdict, 'error');
    assert.match(entry?.reason ?? '', /recursive/);
  });
  test('decimal with scale > precision is refused', () => {
    const report = checkContract({ type: 'record', name: 'R', fields: [{ name: 'a', type: dec(2, 5) }] }, []);
    assert.equal(report.verdict, 'error');
    assert.match(report.fields[0]?.reason ?? '', /scale/);
  });
});
