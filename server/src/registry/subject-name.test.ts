import assert from 'node:assert/strict';
import { test } from 'node:test';
import { subjectProblem } from './subject-name.ts';

test('accepts TopicNameStrategy subjects', () => {
  assert.equal(subjectProblem('orders-value'), null);
  assert.equal(subjectProblem('com.example.Order'), null);
});

test('refuses slashes, quotes, control characters, whitespace and oversize names', () => {
  assert.match(subjectProblem('a/b')!, /contains "\/"/);
  assert.match(subjectProblem('a"b')!, /contains/);
  assert.match(subjectProblem("a'b")!, /contains/);
  assert.match(subjectProblem('a\\b')!, /contains/);
  assert.match(subjectProblem('a\nb')!, /U\+000A/);
  assert.match(subjectProblem(' a')!, /whitespace/);
  assert.match(subjectProblem('x'.repeat(256))!, /256 characters/);
  assert.equal(subjectProblem(''), 'subject is empty');
});
