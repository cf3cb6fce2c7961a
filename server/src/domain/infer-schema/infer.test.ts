import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAvroSchema } from '../avro/model.ts';
import { inferAvroSchema, parseSamples, recordNameForTopic } from './infer.ts';

const infer = (samples: unknown[]) => {
  const result = inferAvroSchema(samples, { recordName: 'Value' });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result;
};
const fields = (schema: Record<string, unknown>) => schema.fields as { name: string; type: unknown; default?: unknown }[];
const field = (schema: Record<string, unknown>, name: string) => fields(schema).find((f) => f.name === name);

describe('inferAvroSchema', () => {
  test('numbers: int within 32 bits, long beyond, double for fractions; mixed integers widen', () => {
    const { schema, notes } = infer([
      { small: 1, big: 3_000_000_000, price: 9.5, mixed: 2 },
      { small: -7, big: 1, price: 10, mixed: 2.25 },
    ]);
    assert.equal(field(schema, 'small')?.type, 'int');
    assert.equal(field(schema, 'big')?.type, 'long');
    assert.equal(field(schema, 'price')?.type, 'double');
    assert.equal(field(schema, 'mixed')?.type, 'double');
    assert.ok(notes.some((n) => n.startsWith('big:') && /long/.test(n)));
  });

  test('nulls and missing fields become ["null", T] with default null', () => {
    const { schema, notes } = infer([
      { a: 'x', b: null, c: true },
      { a: null, b: null },
    ]);
    assert.deepEqual(field(schema, 'a'), { name: 'a', type: ['null', 'string'], default: null });
    assert.deepEqual(field(schema, 'b'), { name: 'b', type: ['null', 'string'], default: null });
    assert.deepEqual(field(schema, 'c'), { name: 'c', type: ['null', 'boolean'], default: null });
    assert.ok(notes.some((n) => n.startsWith('b:') && /only null/.test(n)));
    assert.ok(notes.some((n) => n.startsWith('c:') && /missing in 1 of 2/.test(n)));
  });

  test('nested objects become named records; the same field name twice gets unique names', () => {
    const { schema } = infer([{ user: { id: 1, address: { city: 'Oslo' } }, shipping: { address: { city: 'Bergen', zip: '5003' } } }]);
    const user = field(schema, 'user')?.type as Record<string, unknown>;
    assert.equal(user.type, 'record');
    assert.equal(user.name, 'User');
    const inner = field(user, 'address')?.type as Record<string, unknown>;
    const other = field(field(schema, 'shipping')?.type as Record<string, unknown>, 'address')?.type as Record<string, unknown>;
    assert.equal(inner.name, 'Address');
    assert.equal(other.name, 'Address2');
    assert.ok(parseAvroSchema(schema).ok, 'the result parses with avsc');
  });

  test('arrays: element types merge; objects in arrays merge their fields; empty arrays default to string items', () => {
    const { schema, notes } = infer([
      { tags: ['a', 'b'], lines: [{ sku: 'x', qty: 1 }, { sku: 'y' }], empty: [] },
      { tags: [], lines: [{ sku: 'z', qty: 2 }], empty: [] },
    ]);
    assert.deepEqual(field(schema, 'tags')?.type, { type: 'array', items: 'string' });
    const lines = field(schema, 'lines')?.type as { items: Record<string, unknown> };
    assert.equal(lines.items.type, 'record');
    assert.deepEqual(field(lines.items, 'qty'), { name: 'qty', type: ['null', 'int'], default: null });
    assert.deepEqual(field(schema, 'empty')?.type, { type: 'array', items: 'string' });
    assert.ok(notes.some((n) => n.startsWith('empty:')));
  });

  test('ISO-8601 strings with a zone become timestamp-millis with a note; without a zone they stay strings', () => {
    const { schema, notes } = infer([
      { at: '2026-01-02T03:04:05Z', local: '2026-01-02T03:04:05', day: '2026-01-02' },
      { at: '2026-01-02T03:04:05.123+02:00', local: '2026-01-02T03:04:06', day: '2026-01-03' },
    ]);
    assert.deepEqual(field(schema, 'at')?.type, { type: 'long', logicalType: 'timestamp-millis' });
    assert.equal(field(schema, 'local')?.type, 'string');
    assert.equal(field(schema, 'day')?.type, 'string');
    assert.ok(notes.some((n) => n.startsWith('at:') && /epoch milliseconds/.test(n)));
  });

  test('one non-ISO value keeps the field a string', () => {
    const { schema } = infer([{ at: '2026-01-02T03:04:05Z' }, { at: 'yesterday' }]);
    assert.equal(field(schema, 'at')?.type, 'string');
  });

  test('mixed kinds are refused with the field path and what was seen', () => {
    const result = inferAvroSchema(
      [
        { id: 1, meta: { v: true } },
        { id: 'one', meta: { v: 2 } },
      ],
      { recordName: 'Value' },
    );
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.ok(
      result.errors.some((e) => e.startsWith('id:') && /number and string/.test(e)),
      result.errors.join('\n'),
    );
    assert.ok(
      result.errors.some((e) => e.startsWith('meta.v:') && /boolean and number/.test(e)),
      result.errors.join('\n'),
    );
  });

  test('field names Avro cannot carry are refused; non-object samples are refused', () => {
    const bad = inferAvroSchema([{ 'user-id': 1 }], { recordName: 'Value' });
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.errors[0]!, /"user-id" is not a valid Avro field name/);
    const scalar = inferAvroSchema([1, { a: 1 }], { recordName: 'Value' });
    assert.match(scalar.ok ? '' : scalar.errors[0]!, /sample 1 is not a JSON object/);
    assert.equal(inferAvroSchema([], { recordName: 'Value' }).ok, false);
    assert.equal(inferAvroSchema([{ a: 1 }], { recordName: '1x' }).ok, false);
  });

  test('booleans, root name and namespace', () => {
    const result = inferAvroSchema([{ ok: true }], { recordName: 'Click', namespace: 'pipeline.wizard' });
    assert.ok(result.ok);
    if (!result.ok) return;
    assert.deepEqual(result.schema, {
      type: 'record',
      name: 'Click',
      namespace: 'pipeline.wizard',
      fields: [{ name: 'ok', type: 'boolean' }],
    });
  });
});

describe('parseSamples', () => {
  test('a JSON array, one object, or NDJSON', () => {
    assert.deepEqual(parseSamples('[{"a":1},{"a":2}]'), { ok: true, samples: [{ a: 1 }, { a: 2 }] });
    assert.deepEqual(parseSamples('{"a":1}'), { ok: true, samples: [{ a: 1 }] });
    assert.deepEqual(parseSamples('{"a":1}\n\n{"a":2}\n'), { ok: true, samples: [{ a: 1 }, { a: 2 }] });
  });
  test('names the bad line', () => {
    const result = parseSamples('{"a":1}\n{"a":');
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error, /^line 2 is not valid JSON/);
    assert.equal(parseSamples('  ').ok, false);
  });
});

test('recordNameForTopic makes a valid Avro name', () => {
  assert.equal(recordNameForTopic('page-views.v2'), 'PageViewsV2');
  assert.equal(recordNameForTopic('42-things'), 'R42Things');
  assert.equal(recordNameForTopic('orders'), 'Orders');
});
