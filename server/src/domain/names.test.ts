import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectorNameProblem, quoteIdentifier, subjectProblem, validateIdentifier, validateTopicName } from './names.ts';

describe('validateIdentifier', () => {
  for (const good of ['events', '_t', 'Orders_2024', 'a'.repeat(255)]) {
    test(`accepts ${good.slice(0, 20)}`, () => assert.deepEqual(validateIdentifier(good), { ok: true, warnings: [] }));
  }
  const bad: [unknown, RegExp][] = [
    ['', /empty/],
    ['a'.repeat(256), /limit is 255/],
    ['1abc', /at the start/],
    ['ev`ents', /"`"/],
    ['drop;table', /";"/],
    ["o'brien", /"'"/],
    ['a"b', /"\\""/],
    ['with space', /" "/],
    ['a\0b', /U\+0000/],
    ['tëst', /U\+00EB/],
    ['db.table', /"\."/],
    [42, /must be a string/],
  ];
  for (const [name, reason] of bad) {
    test(`refuses ${JSON.stringify(name)}`, () => {
      const r = validateIdentifier(name, 'table name');
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.match(r.reason, reason);
        assert.match(r.reason, /^table name/);
      }
    });
  }
});

describe('quoteIdentifier', () => {
  test('plain name', () => assert.equal(quoteIdentifier('events'), '`events`'));
  test('escapes backticks so the identifier cannot be closed early', () => assert.equal(quoteIdentifier('a`b'), '`a\\`b`'));
  test('escapes backslashes', () => assert.equal(quoteIdentifier('a\\`; DROP'), '`a\\\\\\`; DROP`'));
  test('refuses NUL and empty', () => {
    assert.throws(() => quoteIdentifier('a\0b'), /NUL/);
    assert.throws(() => quoteIdentifier(''), /empty/);
  });
});

describe('validateTopicName', () => {
  test('plain name is ok without warnings', () => assert.deepEqual(validateTopicName('orders'), { ok: true, warnings: [] }));
  test('dots and underscores warn about metric-name collisions', () => {
    const r = validateTopicName('shop.orders');
    assert.equal(r.ok, true);
    if (r.ok) {
      assert.match(r.warnings.join(' '), /collides/);
      assert.match(r.warnings.join(' '), /topic2TableMap/);
    }
  });
  test('refuses a name colliding with an existing topic', () => {
    const r = validateTopicName('shop.orders', ['shop_orders']);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.reason, /collides with existing topic "shop_orders"/);
  });
  test('249 characters is the maximum', () => {
    assert.equal(validateTopicName('t'.repeat(249)).ok, true);
    const r = validateTopicName('t'.repeat(250));
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.reason, /249/);
  });
  for (const [name, reason] of [
    ['', /empty/],
    ['.', /cannot be "\."/],
    ['..', /cannot be "\.\."/],
    ['a b', /" "/],
    ['a/b', /"\/"/],
    ['a;b', /";"/],
    ['a`b', /"`"/],
    ["a'b", /"'"/],
    ['tëst', /"ë"/],
  ] as [string, RegExp][]) {
    test(`refuses ${JSON.stringify(name)}`, () => {
      const r = validateTopicName(name);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.reason, reason);
    });
  }
  test('dash is legal for Kafka but needs routing for the sink', () => {
    const r = validateTopicName('click-events');
    assert.equal(r.ok, true);
    if (r.ok) assert.match(r.warnings.join(' '), /topic2TableMap/);
  });
});

describe('subjectProblem and connectorNameProblem (path segments of upstream URLs)', () => {
  test('accepts TopicNameStrategy subjects and ordinary connector names', () => {
    assert.equal(subjectProblem('orders-value'), null);
    assert.equal(subjectProblem('com.example.Order'), null);
    assert.equal(subjectProblem('...'), null);
    assert.equal(connectorNameProblem('orders-clickhouse-sink'), null);
  });
  test('refuses dot segments, slashes, quotes, control characters, whitespace and oversize names', () => {
    for (const check of [subjectProblem, connectorNameProblem]) {
      assert.match(check('.')!, /cannot be "\."/);
      assert.match(check('..')!, /cannot be "\.\."/);
      assert.match(check('')!, /empty/);
      assert.match(check('a/b')!, /contains "\/"/);
      assert.match(check('a"b')!, /contains/);
      assert.match(check("a'b")!, /contains/);
      assert.match(check('a\\b')!, /contains/);
      assert.match(check('a\nb')!, /U\+000A/);
      assert.match(check(' a')!, /whitespace/);
    }
    assert.match(subjectProblem('x'.repeat(256))!, /256 characters/);
    assert.equal(subjectProblem('x'.repeat(255)), null);
    assert.match(connectorNameProblem('x'.repeat(250))!, /250 characters/);
  });
});
