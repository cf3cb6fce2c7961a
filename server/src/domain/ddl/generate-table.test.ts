import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateTableDdl, type GenerateTableDdlInput } from './generate-table.ts';

const record = (fields: { name: string; type: unknown; default?: unknown }[], name = 'Row') => ({
  type: 'record',
  name,
  namespace: 'test',
  fields,
});
const base = { database: 'analytics', table: 'events', engine: 'MergeTree' as const, orderBy: [] as string[] };

function ddl(input: Partial<GenerateTableDdlInput> & { schema: object | string }): string {
  const r = generateTableDdl({ ...base, ...input });
  assert.ok(r.ok, r.ok ? '' : r.errors.join('\n'));
  return r.sql;
}

function refusal(input: Partial<GenerateTableDdlInput> & { schema: object | string }): string {
  const r = generateTableDdl({ ...base, ...input });
  assert.equal(r.ok, false, 'expected a refusal');
  return r.ok ? '' : r.errors.join('\n');
}

describe('generateTableDdl: corpus', () => {
  test('primitives, ORDER BY and PARTITION BY', () => {
    const schema = record([
      { name: 'id', type: 'long' },
      { name: 'n', type: 'int' },
      { name: 'ok', type: 'boolean' },
      { name: 'f', type: 'float' },
      { name: 'd', type: 'double' },
      { name: 's', type: 'string' },
      { name: 'b', type: 'bytes' },
      { name: 'ts', type: { type: 'long', logicalType: 'timestamp-millis' } },
    ]);
    assert.equal(
      ddl({ schema, orderBy: ['id', 'ts'], partitionBy: 'toYYYYMM(ts)' }),
      [
        'CREATE TABLE `analytics`.`events`',
        '(',
        '    `id` Int64,',
        '    `n` Int32,',
        '    `ok` Bool,',
        '    `f` Float32,',
        '    `d` Float64,',
        '    `s` String,',
        '    `b` String,',
        "    `ts` DateTime64(3, 'UTC')",
        ')',
        'ENGINE = MergeTree',
        'PARTITION BY toYYYYMM(`ts`)',
        'ORDER BY (`id`, `ts`)',
        'SETTINGS enable_block_number_column = 1, enable_block_offset_column = 1;',
        '',
      ].join('\n'),
    );
  });

  test('every logical type', () => {
    const schema = record([
      { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 3 } },
      { name: 'day', type: { type: 'int', logicalType: 'date' } },
      { name: 't_ms', type: { type: 'int', logicalType: 'time-millis' } },
      { name: 't_us', type: { type: 'long', logicalType: 'time-micros' } },
      { name: 'ts_ms', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'ts_us', type: { type: 'long', logicalType: 'timestamp-micros' } },
      { name: 'lts_ms', type: { type: 'long', logicalType: 'local-timestamp-millis' } },
      { name: 'lts_us', type: { type: 'long', logicalType: 'local-timestamp-micros' } },
      { name: 'uid', type: { type: 'string', logicalType: 'uuid' } },
    ]);
    assert.equal(
      ddl({ schema, engine: 'ReplacingMergeTree', orderBy: ['uid'] }),
      [
        'CREATE TABLE `analytics`.`events`',
        '(',
        '    `amount` Decimal(12, 3),',
        '    `day` Date32,',
        '    `t_ms` Int32,',
        '    `t_us` Int64,',
        "    `ts_ms` DateTime64(3, 'UTC'),",
        "    `ts_us` DateTime64(6, 'UTC'),",
        "    `lts_ms` DateTime64(3, 'UTC'),",
        "    `lts_us` DateTime64(6, 'UTC'),",
        '    `uid` UUID',
        ')',
        'ENGINE = ReplacingMergeTree',
        'ORDER BY `uid`',
        'SETTINGS enable_block_number_column = 1, enable_block_offset_column = 1;',
        '',
      ].join('\n'),
    );
  });

  test('unions with null, enums, fixed, LowCardinality', () => {
    const schema = record([
      { name: 'id', type: 'long' },
      { name: 'note', type: ['null', 'string'], default: null },
      { name: 'country', type: ['null', 'string'], default: null },
      { name: 'city', type: 'string' },
      { name: 'score', type: ['null', 'double'] },
      { name: 'when', type: ['null', { type: 'long', logicalType: 'timestamp-micros' }] },
      { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID', 'REFUNDED'] } },
      { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 16 } },
      { name: 'either', type: ['null', 'string', 'long'] },
    ]);
    assert.equal(
      ddl({ schema, orderBy: ['id'], lowCardinality: ['country', 'city'], ifNotExists: true }),
      [
        'CREATE TABLE IF NOT EXISTS `analytics`.`events`',
        '(',
        '    `id` Int64,',
        '    `note` Nullable(String),',
        '    `country` LowCardinality(Nullable(String)),',
        '    `city` LowCardinality(String),',
        '    `score` Nullable(Float64),',
        "    `when` Nullable(DateTime64(6, 'UTC')),",
        "    `status` Enum8('NEW' = 1, 'PAID' = 2, 'REFUNDED' = 3),",
        '    `hash` String,',
        '    `either` Variant(Int64, String)',
        ')',
        'ENGINE = MergeTree',
        'ORDER BY `id`',
        'SETTINGS enable_block_number_column = 1, enable_block_offset_column = 1;',
        '',
      ].join('\n'),
    );
  });

  test('nested records, arrays and maps', () => {
    const address = {
      type: 'record',
      name: 'Address',
      fields: [
        { name: 'street', type: 'string' },
        { name: 'zip', type: ['null', 'int'] },
      ],
    };
    const schema = record([
      { name: 'id', type: 'long' },
      { name: 'address', type: address },
      { name: 'previous', type: { type: 'array', items: 'Address' } },
      { name: 'tags', type: { type: 'array', items: 'string' } },
      { name: 'maybe_tags', type: ['null', { type: 'array', items: ['null', 'string'] }] },
      { name: 'attrs', type: { type: 'map', values: ['null', 'long'] } },
      { name: 'matrix', type: { type: 'array', items: { type: 'array', items: 'double' } } },
      { name: 'prices', type: { type: 'map', values: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 } } },
    ]);
    assert.equal(
      ddl({ schema, orderBy: ['id'], partitionBy: 'id' }),
      [
        'CREATE TABLE `analytics`.`events`',
        '(',
        '    `id` Int64,',
        '    `address` Tuple(street String, zip Nullable(Int32)),',
        '    `previous` Array(Tuple(street String, zip Nullable(Int32))),',
        '    `tags` Array(String),',
        '    `maybe_tags` Array(Nullable(String)),',
        '    `attrs` Map(String, Nullable(Int64)),',
        '    `matrix` Array(Array(Float64)),',
        '    `prices` Map(String, Decimal(9, 2))',
        ')',
        'ENGINE = MergeTree',
        'PARTITION BY `id`',
        'ORDER BY `id`',
        'SETTINGS enable_block_number_column = 1, enable_block_offset_column = 1;',
        '',
      ].join('\n'),
    );
  });

  test('large enum becomes Enum16; every generated table passes the contract check', () => {
    const symbols = Array.from({ length: 200 }, (_, i) => `S${i}`);
    const r = generateTableDdl({ ...base, schema: record([{ name: 'e', type: { type: 'enum', name: 'Big', symbols } }]) });
    assert.ok(r.ok);
    if (r.ok) {
      assert.match(r.sql, /`e` Enum16\('S0' = 1, /);
      assert.match(r.sql, /'S199' = 200\)/);
      assert.equal(r.contract.verdict, 'ok');
    }
  });

  test('decimal on fixed is generated and rated ok (AvroData maps decimal on fixed to a Connect Decimal too)', () => {
    const r = generateTableDdl({
      ...base,
      schema: record([{ name: 'p', type: { type: 'fixed', name: 'P', size: 8, logicalType: 'decimal', precision: 18, scale: 4 } }]),
    });
    assert.ok(r.ok);
    if (r.ok) {
      assert.match(r.sql, /`p` Decimal\(18, 4\)/);
      assert.equal(r.contract.verdict, 'ok');
    }
  });

  test('schema may be JSON text', () => {
    assert.match(ddl({ schema: JSON.stringify(record([{ name: 'a', type: 'string' }])) }), /`a` String/);
  });
});

describe('generateTableDdl: refusals with reasons', () => {
  const cases: [string, Partial<GenerateTableDdlInput> & { schema: object | string }, RegExp][] = [
    [
      'recursive record',
      {
        schema: {
          type: 'record',
          name: 'Node',
          fields: [
            { name: 'id', type: 'long' },
            { name: 'next', type: ['null', 'Node'] },
          ],
        },
      },
      /field "next" cannot be mapped: .*refers to itself/,
    ],
    [
      'nullable record',
      { schema: record([{ name: 'r', type: ['null', { type: 'record', name: 'I', fields: [{ name: 'a', type: 'int' }] }] }]) },
      /nullable record.*no Nullable\(Tuple\)/,
    ],
    ['nullable map', { schema: record([{ name: 'm', type: ['null', { type: 'map', values: 'int' }] }]) }, /nullable map/],
    ['union with bytes', { schema: record([{ name: 'u', type: ['null', 'string', 'bytes'] }]) }, /branch bytes cannot go into a Variant/],
    [
      'union of a record and a string',
      { schema: record([{ name: 'u', type: ['string', { type: 'record', name: 'X', fields: [{ name: 'a', type: 'int' }] }] }]) },
      /cannot go into a Variant/,
    ],
    ['suspicious numeric variant', { schema: record([{ name: 'u', type: ['null', 'int', 'long'] }]) }, /allow_suspicious_variant_types/],
    [
      'union inside an array',
      { schema: record([{ name: 'a', type: { type: 'array', items: ['string', 'long'] } }]) },
      /inside an array\/map\/record/,
    ],
    ['null-only field', { schema: record([{ name: 'x', type: 'null' }]) }, /always null/],
    [
      'decimal precision over 76',
      { schema: record([{ name: 'x', type: { type: 'bytes', logicalType: 'decimal', precision: 80, scale: 2 } }]) },
      /exceeds ClickHouse's maximum of 76/,
    ],
    ['empty nested record', { schema: record([{ name: 'x', type: { type: 'record', name: 'E', fields: [] } }]) }, /no fields/],
    ['not a record', { schema: '"string"' }, /must be a record/],
    [
      'invalid schema',
      { schema: { type: 'record', name: 'R', fields: [{ name: 'a', type: 'strng' }] } },
      /invalid Avro schema: undefined type name: strng/,
    ],
    ['bad table name', { table: 'ev`ents', schema: record([{ name: 'a', type: 'int' }]) }, /table name "ev`ents" contains "`"/],
    ['bad database name', { database: 'x; DROP TABLE y', schema: record([{ name: 'a', type: 'int' }]) }, /database name .* contains ";"/],
    ['empty table name', { table: '', schema: record([{ name: 'a', type: 'int' }]) }, /table name is empty/],
    [
      'unknown ORDER BY field',
      { orderBy: ['nope'], schema: record([{ name: 'a', type: 'int' }]) },
      /ORDER BY field "nope" is not a column/,
    ],
    ['nullable ORDER BY field', { orderBy: ['a'], schema: record([{ name: 'a', type: ['null', 'int'] }]) }, /Nullable sorting keys/],
    ['map in ORDER BY', { orderBy: ['m'], schema: record([{ name: 'm', type: { type: 'map', values: 'int' } }]) }, /scalar field/],
    [
      'ReplacingMergeTree without key',
      { engine: 'ReplacingMergeTree', schema: record([{ name: 'a', type: 'int' }]) },
      /ReplacingMergeTree needs ORDER BY/,
    ],
    [
      'unknown engine',
      { engine: 'Log' as never, schema: record([{ name: 'a', type: 'int' }]) },
      /engine must be MergeTree or ReplacingMergeTree/,
    ],
    [
      'partition expression injection',
      { partitionBy: 'a); DROP TABLE x; --', schema: record([{ name: 'a', type: 'int' }]) },
      /must be a field name or one of/,
    ],
    [
      'partition function on a non-date',
      { partitionBy: 'toYYYYMM(a)', schema: record([{ name: 'a', type: 'int' }]) },
      /needs a date or timestamp field/,
    ],
    [
      'partition function not offered',
      { partitionBy: 'sleep(a)', schema: record([{ name: 'a', type: { type: 'int', logicalType: 'date' } }]) },
      /not offered/,
    ],
    ['LowCardinality on a number', { lowCardinality: ['a'], schema: record([{ name: 'a', type: 'int' }]) }, /String fields only/],
    ['LowCardinality on an unknown field', { lowCardinality: ['zz'], schema: record([{ name: 'a', type: 'string' }]) }, /not a field/],
  ];
  for (const [name, input, reason] of cases) {
    test(name, () => assert.match(refusal(input), reason));
  }

  test('all problems are reported at once', () => {
    const errors = refusal({
      table: '1bad',
      orderBy: ['nope'],
      schema: record([
        { name: 'x', type: 'null' },
        { name: 'y', type: ['null', 'int', 'long'] },
      ]),
    });
    assert.match(errors, /table name/);
    assert.match(errors, /field "x"/);
    assert.match(errors, /field "y"/);
    assert.match(errors, /nope/);
  });
});
