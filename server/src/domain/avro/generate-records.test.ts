import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import avro from 'avsc';
import { decimalText, decodeDecimal, encodeDecimal, generateRecords, RECENT_WINDOW_MS, runIdValue } from './generate-records.ts';
import { JS_LOGICAL_TYPES } from './logical-types.ts';

const everything = {
  type: 'record',
  name: 'All',
  namespace: 'gen',
  fields: [
    { name: 'run', type: 'string' },
    { name: 'b', type: 'boolean' },
    { name: 'i', type: 'int' },
    { name: 'i8', type: { type: 'int', 'connect.type': 'int8' } },
    { name: 'l', type: 'long' },
    { name: 'f', type: 'float' },
    { name: 'd', type: 'double' },
    { name: 'by', type: 'bytes' },
    { name: 'dec', type: { type: 'bytes', logicalType: 'decimal', precision: 20, scale: 4 } },
    { name: 'fdec', type: { type: 'fixed', name: 'FD', size: 8, logicalType: 'decimal', precision: 18, scale: 2 } },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 'tm', type: { type: 'int', logicalType: 'time-millis' } },
    { name: 'tu', type: { type: 'long', logicalType: 'time-micros' } },
    { name: 'tsm', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'tsu', type: { type: 'long', logicalType: 'timestamp-micros' } },
    { name: 'ltsm', type: { type: 'long', logicalType: 'local-timestamp-millis' } },
    { name: 'ltsu', type: { type: 'long', logicalType: 'local-timestamp-micros' } },
    { name: 'u', type: { type: 'string', logicalType: 'uuid' } },
    { name: 'e', type: { type: 'enum', name: 'E', symbols: ['X', 'Y', 'Z'] } },
    { name: 'fx', type: { type: 'fixed', name: 'F', size: 5 } },
    { name: 'arr', type: { type: 'array', items: ['null', 'string'] } },
    { name: 'm', type: { type: 'map', values: { type: 'array', items: 'double' } } },
    {
      name: 'rec',
      type: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'a', type: 'int' },
          { name: 'z', type: ['null', 'E'] },
        ],
      },
    },
    { name: 'opt', type: ['null', 'long'] },
    { name: 'multi', type: ['null', 'string', 'double'] },
    { name: 'wrapped', type: ['null', 'int', 'long'] },
    {
      name: 'tree',
      type: {
        type: 'record',
        name: 'Node',
        fields: [
          { name: 'kids', type: { type: 'array', items: 'Node' } },
          { name: 'next', type: ['null', 'Node'] },
        ],
      },
    },
  ],
};

describe('generateRecords', () => {
  const r = generateRecords(everything, 60, { runId: 'run42', seed: 1 });
  test('generates n records for every type', () => {
    assert.ok(r.ok, r.ok ? '' : r.message);
    if (r.ok) assert.equal(r.records.length, 60);
  });
  test('every record is valid and round-trips through avsc binary encoding', () => {
    assert.ok(r.ok);
    if (!r.ok) return;
    const type = avro.Type.forSchema(everything as never);
    for (const rec of r.records) {
      assert.ok(type.isValid(rec));
      const back = type.fromBuffer(type.toBuffer(rec));
      assert.deepEqual(JSON.parse(type.toString(back)), JSON.parse(type.toString(rec)));
    }
  });
  test('every union branch (null included) shows up', () => {
    assert.ok(r.ok);
    if (!r.ok) return;
    const kinds = (f: string) =>
      new Set(r.records.map((x) => (x[f] === null ? 'null' : typeof x[f] === 'object' ? Object.keys(x[f] as object)[0] : typeof x[f])));
    assert.deepEqual([...kinds('multi')].sort(), ['null', 'number', 'string']);
    assert.deepEqual([...kinds('wrapped')].sort(), ['int', 'long', 'null']);
    assert.deepEqual([...kinds('opt')].sort(), ['null', 'number']);
  });
  test('each record carries the run id in the chosen string field', () => {
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.equal(r.runIdField, 'run');
    r.records.forEach((x, i) => assert.equal(x.run, runIdValue('run42', i)));
    assert.ok(r.records.every((x) => String(x.run).startsWith('run42-')));
  });
  test('same seed and instant → same records; different seed → different records', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const a = generateRecords(everything, 5, { runId: 'x', seed: 9, now });
    const b = generateRecords(everything, 5, { runId: 'x', seed: 9, now });
    const c = generateRecords(everything, 5, { runId: 'x', seed: 10, now });
    assert.ok(a.ok && b.ok && c.ok);
    if (a.ok && b.ok && c.ok) {
      const t = avro.Type.forSchema(everything as never);
      assert.deepEqual(
        a.records.map((x) => t.toString(x)),
        b.records.map((x) => t.toString(x)),
      );
      assert.notDeepEqual(
        a.records.map((x) => t.toString(x)),
        c.records.map((x) => t.toString(x)),
      );
    }
  });
  test('decimals respect precision and fixed decimals their size', () => {
    assert.ok(r.ok);
    if (!r.ok) return;
    for (const x of r.records) {
      assert.ok(
        decodeDecimal(x.dec as Buffer)
          .toString()
          .replace('-', '').length <= 20,
      );
      assert.equal((x.fdec as Buffer).length, 8);
    }
  });
  test('run-id field errors', () => {
    const noString = { type: 'record', name: 'N', fields: [{ name: 'a', type: 'int' }] };
    const a = generateRecords(noString, 1, { runId: 'x', seed: 1 });
    assert.equal(a.ok, false);
    if (!a.ok) assert.match(a.message, /no top-level string field to carry the smoke-test run id/);
    const b = generateRecords(everything, 1, { runId: 'x', seed: 1, runIdField: 'i' });
    assert.equal(b.ok, false);
    if (!b.ok) assert.match(b.message, /must be a string field/);
    const c = generateRecords(everything, 1, { runId: 'x', seed: 1, runIdField: 'nope' });
    assert.equal(c.ok, false);
    const d = generateRecords(
      {
        type: 'record',
        name: 'Q',
        fields: [
          { name: 'u', type: { type: 'string', logicalType: 'uuid' } },
          { name: 's', type: ['null', 'string'] },
        ],
      },
      2,
      { runId: 'x', seed: 1 },
    );
    assert.ok(d.ok);
    if (d.ok) assert.equal(d.runIdField, 's', 'a uuid string is not used; a nullable string is');
  });
  test('a non-optional recursive record cannot be generated', () => {
    const loop = {
      type: 'record',
      name: 'Loop',
      fields: [
        { name: 's', type: 'string' },
        { name: 'self', type: 'Loop' },
      ],
    };
    const r2 = generateRecords(loop, 1, { runId: 'x', seed: 1 });
    assert.equal(r2.ok, false);
    if (!r2.ok) assert.match(r2.message, /non-optional recursive record Loop/);
  });
});

describe('decimal helpers', () => {
  for (const [v, scale, text] of [
    [0n, 2, '0'],
    [12345n, 2, '123.45'],
    [-5n, 3, '-0.005'],
    [1200n, 2, '12'],
    [-1200n, 3, '-1.2'],
    [10n ** 30n, 10, '100000000000000000000'],
  ] as [bigint, number, string][]) {
    test(`${v} scale ${scale} → ${text}, encode/decode round-trip`, () => {
      assert.equal(decimalText(v, scale), text);
      assert.equal(decodeDecimal(encodeDecimal(v)), v);
      assert.equal(decodeDecimal(encodeDecimal(v, 16)), v);
    });
  }
  test("two's complement edges", () => {
    assert.deepEqual([...encodeDecimal(127n)], [0x7f]);
    assert.deepEqual([...encodeDecimal(128n)], [0x00, 0x80]);
    assert.deepEqual([...encodeDecimal(-128n)], [0x80]);
    assert.deepEqual([...encodeDecimal(-129n)], [0xff, 0x7f]);
    assert.deepEqual([...encodeDecimal(-1n, 3)], [0xff, 0xff, 0xff]);
    assert.throws(() => encodeDecimal(70000n, 2), /does not fit/);
  });
});

describe('generated dates and times lie near now', () => {
  const now = Date.parse('2026-03-01T00:30:00.000Z');
  const r = generateRecords(everything, 2000, { runId: 'near', seed: 9, now });
  const values = (name: string) => (r.ok ? r.records.map((x) => x[name] as number) : []);
  test('timestamps within the 24 h before now (millis and micros, local ones too)', () => {
    for (const name of ['tsm', 'ltsm']) for (const v of values(name)) assert.ok(v <= now && v > now - RECENT_WINDOW_MS, `${name} ${v}`);
    for (const name of ['tsu', 'ltsu'])
      for (const v of values(name)) assert.ok(v <= now * 1000 + 999 && v > (now - RECENT_WINDOW_MS) * 1000, `${name} ${v}`);
  });
  test('dates are today or yesterday, both of them occur', () => {
    const today = Math.floor(now / 86_400_000);
    assert.deepEqual([...new Set(values('day'))].sort(), [today - 1, today]);
  });
  test('so 10 000 records fall into at most two months and two days', () => {
    const many = generateRecords(everything, 10_000, { runId: 'many', seed: 4, now });
    assert.ok(many.ok);
    if (!many.ok) return;
    const months = new Set(many.records.map((x) => new Date(x.tsm as number).toISOString().slice(0, 7)));
    const days = new Set(many.records.map((x) => new Date(x.tsm as number).toISOString().slice(0, 10)));
    assert.ok(months.size <= 2 && days.size <= 2, `${[...months]} ${[...days]}`);
  });
});

describe('JS_LOGICAL_TYPES', () => {
  const schema = {
    type: 'record',
    name: 'L',
    fields: [
      { name: 'dec', type: { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 } },
      { name: 'fdec', type: { type: 'fixed', name: 'FD', size: 4, logicalType: 'decimal', precision: 6, scale: 2 } },
      { name: 'day', type: { type: 'int', logicalType: 'date' } },
      { name: 'ts', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'u', type: { type: 'string', logicalType: 'uuid' } },
    ],
  };
  const friendly = avro.Type.forSchema(schema as never, { logicalTypes: JS_LOGICAL_TYPES as never });
  const raw = avro.Type.forSchema(schema as never);
  const value = {
    dec: '-1234.5',
    fdec: '0.07',
    day: '2024-02-29',
    ts: new Date('2024-01-01T12:00:00.250Z'),
    u: '123e4567-e89b-42d3-a456-426614174000',
  };
  test('friendly values encode to the raw representation and back', () => {
    assert.ok(friendly.isValid(value));
    const buf = friendly.toBuffer(value);
    const back = friendly.fromBuffer(buf);
    assert.deepEqual({ ...back }, { ...value, dec: '-1234.5' });
    const r = raw.fromBuffer(buf);
    assert.equal(decodeDecimal(r.dec), -123450n);
    assert.equal((r.fdec as Buffer).length, 4);
    assert.equal(r.day, 19782);
    assert.equal(r.ts, Date.parse('2024-01-01T12:00:00.250Z'));
  });
  test('rejects values outside the logical type', () => {
    assert.equal(friendly.isValid({ ...value, dec: '1.234' }), false, 'too many decimals');
    assert.equal(friendly.isValid({ ...value, dec: '12345.6' }), false, 'too many digits');
    assert.equal(friendly.isValid({ ...value, day: '2024-2-1' }), false);
    assert.equal(friendly.isValid({ ...value, ts: 'yesterday' }), false);
    assert.equal(friendly.isValid({ ...value, u: 'not-a-uuid' }), false);
  });
});
