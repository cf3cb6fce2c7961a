import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkContract } from './check.ts';
import type { ClickHouseColumn, Verdict } from '../../contracts/contract.ts';

const dec = (precision: number, scale: number) => ({ type: 'bytes', logicalType: 'decimal', precision, scale });

function one(avroType: unknown, columnType: string, defaultKind: ClickHouseColumn['defaultKind'] = '', opts = {}) {
  const schema = { type: 'record', name: 'Row', fields: [{ name: 'f', type: avroType }] };
  const report = checkContract(schema, [{ name: 'f', type: columnType, defaultKind }], opts);
  const entry = report.fields.find((x) => x.field === 'f');
  assert.ok(entry, 'a verdict for field f');
  return entry;
}

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
