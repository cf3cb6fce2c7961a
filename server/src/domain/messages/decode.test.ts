import assert from 'node:assert/strict';
import { test } from 'node:test';
import { avroType, jsonToAvro } from './avro-json.ts';
import { confluentFrame, decodeHeader, decodePart, MAX_PART_CHARS, type WriterSchemaInfo } from './decode.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

const schema = {
  type: 'record',
  name: 'Order',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'tags', type: { type: 'array', items: 'string' }, default: [] },
    { name: 'raw', type: ['null', 'bytes'], default: null },
  ],
};
const type = avroType(schema);
const info: WriterSchemaInfo = { id: 7, schemaType: 'AVRO', type, subject: 'orders-value', version: 3 };

test('typed JSON → Avro → framed bytes → the same JSON back (a copied message can be produced again)', () => {
  const json = { id: 'o-1', amount: '19.99', at: '2026-01-01T00:00:00.123Z', tags: ['a'], raw: '\u0000\u00ff' };
  const checked = jsonToAvro(type, json);
  assert.ok(checked.ok);
  const framed = confluentFrame(7, type.toBuffer(checked.value));
  const decoded = decodePart(framed, new Map([[7, info]]));
  assert.deepEqual(
    [decoded.part.format, decoded.part.schemaId, decoded.part.subject, decoded.part.version],
    ['avro', 7, 'orders-value', 3],
  );
  assert.deepEqual(JSON.parse(decoded.part.text as string), json);
  assert.ok(jsonToAvro(type, { ...json, at: 1767225600123 }).ok, 'epoch milliseconds are accepted too');
});

test('every mismatch is named with its path and why', () => {
  const checked = jsonToAvro(type, { id: 1, amount: '1.234', at: 'soon', tags: ['a', 2], extra: true });
  assert.ok(!checked.ok);
  assert.deepEqual(
    checked.errors.map((e) => e.path),
    ['extra', 'id', 'amount', 'at', 'tags.1'],
  );
  assert.match(checked.errors.find((e) => e.path === 'amount')!.message, /^expected decimal\(10,2\)/);
  const missing = jsonToAvro(type, { amount: '1.00', at: 1 });
  assert.ok(!missing.ok);
  assert.deepEqual(missing.errors, [{ path: 'id', message: 'is missing (string, no default)' }]);
});

test('unframed values: JSON, text, bytes; framed ones the registry lacks or that do not decode say so', () => {
  const none = new Map<number, WriterSchemaInfo | null>();
  assert.deepEqual(decodePart(Buffer.from(' {"a": 1}'), none).part.text, '{"a":1}');
  assert.equal(decodePart(Buffer.from('{not json'), none).part.format, 'text');
  assert.equal(decodePart(Buffer.from('42'), none).part.format, 'text');
  const bin = decodePart(Buffer.from([0x01, 0xff, 0x00]), none).part;
  assert.deepEqual([bin.format, bin.text, bin.base64], ['binary', '01ff00', 'Af8A']);
  const unknown = decodePart(confluentFrame(99, Buffer.from([1, 2])), new Map([[99, null]])).part;
  assert.match(unknown.note ?? '', /registry has no schema 99/);
  const broken = decodePart(confluentFrame(7, Buffer.from([0x02])), new Map([[7, info]])).part;
  assert.deepEqual([broken.format, broken.schemaId], ['binary', 7]);
  assert.match(broken.note ?? '', /does not decode/);
  const unasked = decodePart(confluentFrame(5, Buffer.from([1])), none).part;
  assert.match(unasked.note ?? '', /could not be asked/);
  assert.equal(decodePart(null, none).part.format, 'null');
});

test('long values are cut with the flag set; headers are text or hex', () => {
  const long = decodePart(Buffer.from('x'.repeat(MAX_PART_CHARS + 10)), new Map()).part;
  assert.deepEqual([long.truncated, long.text?.length, long.bytes], [true, MAX_PART_CHARS, MAX_PART_CHARS + 10]);
  assert.deepEqual(decodeHeader(Buffer.from('v1')), { value: 'v1', encoding: 'text' });
  assert.deepEqual(decodeHeader(Buffer.from([0, 1])), { value: '0001', encoding: 'hex' });
});

test('cursors round-trip and anything else is refused with a reason', () => {
  const cursor = {
    direction: 'backward' as const,
    positions: new Map([
      [0, 10],
      [2, 4],
    ]),
  };
  const decoded = decodeCursor(encodeCursor(cursor));
  assert.ok(decoded.ok);
  assert.deepEqual(decoded.cursor, cursor);
  for (const bad of [
    'bm9wZQ',
    Buffer.from('{"d":"x","p":{}}').toString('base64url'),
    Buffer.from('{"d":"f","p":{"a":1}}').toString('base64url'),
    Buffer.from('{"d":"f","p":{"0":-1}}').toString('base64url'),
  ]) {
    assert.equal(decodeCursor(bad).ok, false, bad);
  }
});
