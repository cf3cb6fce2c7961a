import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeAvro, parseAvroSchema, splitNullable } from './model.ts';

describe('parseAvroSchema', () => {
  test('normalises every type and logical type', () => {
    const r = parseAvroSchema({
      type: 'record',
      name: 'R',
      namespace: 'n',
      fields: [
        { name: 'i', type: 'int' },
        { name: 'i16', type: { type: 'int', 'connect.type': 'int16' } },
        { name: 'dec', type: { type: 'bytes', logicalType: 'decimal', precision: 5, scale: 2 } },
        { name: 'fdec', type: { type: 'fixed', name: 'FD', size: 4, logicalType: 'decimal', precision: 9 } },
        { name: 'day', type: { type: 'int', logicalType: 'date' } },
        { name: 'tsu', type: { type: 'long', logicalType: 'timestamp-micros' } },
        { name: 'lts', type: { type: 'long', logicalType: 'local-timestamp-millis' } },
        { name: 'u', type: { type: 'string', logicalType: 'uuid' } },
        { name: 'wrong', type: { type: 'string', logicalType: 'date' } },
        { name: 'e', type: { type: 'enum', name: 'E', symbols: ['A', 'B'], default: 'A' } },
        { name: 'fx', type: { type: 'fixed', name: 'F', size: 3 } },
        { name: 'fx2', type: 'F' },
        { name: 'arr', type: { type: 'array', items: ['null', 'long'] } },
        { name: 'm', type: { type: 'map', values: 'E' } },
        { name: 'opt', type: ['null', 'string'], default: null },
        { name: 'multi', type: ['null', 'string', 'long'] },
      ],
    });
    assert.ok(r.ok);
    if (!r.ok || r.root.kind !== 'record') return;
    const t = Object.fromEntries(r.root.fields.map((f) => [f.name, f.type]));
    assert.deepEqual(t.i, { kind: 'primitive', type: 'int' });
    assert.deepEqual(t.i16, { kind: 'primitive', type: 'int', connectType: 'int16' });
    assert.deepEqual(t.dec, { kind: 'decimal', underlying: 'bytes', precision: 5, scale: 2 });
    assert.deepEqual(t.fdec, { kind: 'decimal', underlying: 'fixed', precision: 9, scale: 0, size: 4, name: 'n.FD' });
    assert.deepEqual(t.day, { kind: 'logical', logicalType: 'date', underlying: 'int' });
    assert.deepEqual(t.tsu, { kind: 'logical', logicalType: 'timestamp-micros', underlying: 'long' });
    assert.deepEqual(t.lts, { kind: 'logical', logicalType: 'local-timestamp-millis', underlying: 'long' });
    assert.deepEqual(t.u, { kind: 'logical', logicalType: 'uuid', underlying: 'string' });
    assert.deepEqual(t.wrong, { kind: 'primitive', type: 'string' }, 'a logical type on the wrong base type is ignored');
    assert.deepEqual(t.e, { kind: 'enum', name: 'n.E', symbols: ['A', 'B'], default: 'A' });
    assert.deepEqual(t.fx2, { kind: 'fixed', name: 'n.F', size: 3 });
    assert.equal(describeAvro(t.arr!), 'array<[null, long]>');
    assert.equal(describeAvro(t.m!), 'map<enum n.E{A,B}>');
    const opt = r.root.fields.find((f) => f.name === 'opt');
    assert.equal(opt?.hasDefault, true);
    assert.equal(opt?.default, null);
    assert.deepEqual(splitNullable(t.opt!), { nullable: true, inner: { kind: 'primitive', type: 'string' } });
    assert.deepEqual(splitNullable(t.multi!), {
      nullable: true,
      inner: {
        kind: 'union',
        branches: [
          { kind: 'primitive', type: 'string' },
          { kind: 'primitive', type: 'long' },
        ],
      },
    });
  });

  test('marks recursion', () => {
    const r = parseAvroSchema({ type: 'record', name: 'L', fields: [{ name: 'next', type: ['null', 'L'] }] });
    assert.ok(r.ok);
    if (r.ok && r.root.kind === 'record')
      assert.deepEqual(r.root.fields[0]?.type, { kind: 'union', branches: [{ kind: 'null' }, { kind: 'recursive', name: 'L' }] });
  });

  const invalid: [unknown, RegExp][] = [
    [{ type: 'record', name: 'R', fields: [{ name: 'a', type: 'nope' }] }, /undefined type name: nope/],
    [{ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int', default: 'x' }] }, /incompatible field default/],
    [{ type: 'enum', name: 'E', symbols: ['a', 'a'] }, /duplicate/],
    ['{"type": ', /not valid JSON/],
    [{ type: 'record', name: 'R', fields: [{ name: 'a', type: { type: 'bytes', logicalType: 'decimal' } }] }, /precision/],
    [
      { type: 'record', name: 'R', fields: [{ name: 'a', type: { type: 'bytes', logicalType: 'decimal', precision: 4, scale: 6 } }] },
      /scale/,
    ],
    [{ type: 'fixed', name: 'F', size: 2, logicalType: 'decimal', precision: 10 }, /does not fit in fixed\(2\)/],
  ];
  for (const [schema, message] of invalid) {
    test(`invalid: ${JSON.stringify(schema).slice(0, 70)}`, () => {
      const r = parseAvroSchema(schema);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.message, message);
    });
  }
});
