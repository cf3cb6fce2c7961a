import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compatibilityFindings, judgeSchemas, mustParse, parseSchema } from './index.ts';
import { base, matrix, record, replaceQty, withField } from './testing.ts';

describe('the diff matrix: change kinds and the directions each breaks', () => {
  for (const c of matrix) {
    test(c.name, () => {
      const from = mustParse(c.from);
      const to = mustParse(c.to);
      const full = judgeSchemas(from, to, 'FULL');
      assert.deepEqual(full.changes.map((x) => x.kind).sort(), [...c.kinds].sort(), JSON.stringify(full.changes, null, 1));
      const directions = new Set(full.changes.flatMap((x) => x.breaks.map((b) => b.direction)));
      assert.equal(directions.has('BACKWARD'), c.backward, `BACKWARD: ${JSON.stringify(full.changes)}`);
      assert.equal(directions.has('FORWARD'), c.forward, `FORWARD: ${JSON.stringify(full.changes)}`);
      assert.equal(
        judgeSchemas(from, to, 'BACKWARD').changes.some((x) => x.breaking),
        c.backward,
      );
      assert.equal(
        judgeSchemas(from, to, 'FORWARD').changes.some((x) => x.breaking),
        c.forward,
      );
      assert.equal(
        judgeSchemas(from, to, 'NONE').changes.some((x) => x.breaking),
        false,
        'NONE checks nothing',
      );
      if (c.path !== undefined)
        assert.ok(
          full.changes.some((x) => x.path === c.path),
          `a change at ${c.path}: ${full.changes.map((x) => x.path)}`,
        );
    });
  }
});

describe('reasons in words', () => {
  test('removing a field without a default names FORWARD and why', () => {
    const diff = judgeSchemas(mustParse(withField({ name: 'note', type: 'string' })), mustParse(record(base)), 'FORWARD');
    assert.equal(diff.changes[0]!.reason, 'removing field `note` without a default breaks FORWARD: old readers expect it');
  });
  test('a change safe under the level says which unchecked direction it would break', () => {
    const [change] = judgeSchemas(mustParse(record(base)), mustParse(replaceQty('long')), 'BACKWARD').changes;
    assert.equal(change!.breaking, false);
    assert.match(change!.reason, /^safe under BACKWARD.*would break FORWARD, which BACKWARD does not check/);
    assert.match(change!.description, /promotion Avro reads: int → long/);
  });
  test('a logical type change carries a caution', () => {
    const [change] = judgeSchemas(
      mustParse(withField({ name: 'at', type: 'long' })),
      mustParse(withField({ name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } })),
      'FULL',
    ).changes;
    assert.match(change!.reason, /ignores logical types/);
  });
});

describe('the compatibility check lists every incompatibility', () => {
  const v1 = mustParse(record(base));
  const candidate = mustParse(
    record([
      { name: 'id', type: 'bytes' },
      { name: 'qty', type: 'string' },
      { name: 'a', type: 'int' },
      { name: 'b', type: 'long' },
    ]),
  );
  test('three breaking changes under BACKWARD are three findings, each with the version', () => {
    const findings = compatibilityFindings('BACKWARD', candidate, [{ version: 1, schema: v1 }]);
    assert.deepEqual(findings.map((f) => f.path).sort(), ['a', 'b', 'qty']);
    assert.ok(findings.every((f) => f.message.startsWith('v1: ') && f.direction === 'BACKWARD'));
  });
  test('FULL adds the FORWARD findings', () => {
    assert.equal(compatibilityFindings('FULL', candidate, [{ version: 1, schema: v1 }]).length, 4);
  });
  test('a transitive level compares with every version, a plain one with the latest only', () => {
    const first = mustParse(withField({ name: 'note', type: 'string' }));
    const second = mustParse(withField({ name: 'note', type: 'string', default: '' }));
    const versions = [
      { version: 1, schema: first },
      { version: 2, schema: second },
    ];
    const dropped = mustParse(record(base));
    assert.deepEqual(compatibilityFindings('FORWARD', dropped, versions), []);
    const transitive = compatibilityFindings('FORWARD_TRANSITIVE', dropped, versions);
    assert.deepEqual(
      transitive.map((f) => [f.version, f.path, f.kind]),
      [[1, 'note', 'READER_FIELD_MISSING_DEFAULT_VALUE']],
    );
  });
  test('a new subject or level NONE has nothing to compare', () => {
    assert.deepEqual(compatibilityFindings('BACKWARD', candidate, []), []);
    assert.deepEqual(compatibilityFindings('NONE', candidate, [{ version: 1, schema: v1 }]), []);
  });
});

test('recursive records are compared without looping', () => {
  const node = (extra: unknown[]) => ({
    type: 'record',
    name: 'Node',
    fields: [{ name: 'value', type: 'int' }, { name: 'next', type: ['null', 'Node'], default: null }, ...extra],
  });
  const diff = judgeSchemas(mustParse(node([])), mustParse(node([{ name: 'label', type: 'string' }])), 'BACKWARD');
  assert.deepEqual(
    diff.changes.map((c) => [c.kind, c.path, c.breaking]),
    [['field-added', 'label', true]],
  );
});

test('invalid Avro is reported with avsc’s message', () => {
  const parsed = parseSchema('{"type":"record","name":"X","fields":[{"name":"a","type":"nope"}]}');
  assert.equal(parsed.ok, false);
  assert.match(!parsed.ok ? parsed.message : '', /nope/);
});
