import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRows } from './compare-rows.ts';

const expected = [
  { id: 'run-000000', amount: '1.50', tags: ['a'] },
  { id: 'run-000001', amount: '2.00', tags: [] },
  { id: 'run-000002', amount: '3.00', tags: [] },
];

test('equal rows compare equal field by field, extra columns are ignored, duplicates are counted', () => {
  const rows = [
    { id: 'run-000001', amount: '2.00', tags: [], inserted_at: 'x' },
    { id: 'run-000000', amount: '1.50', tags: ['a'] },
    { id: 'run-000000', amount: '1.50', tags: ['a'] },
    { id: 'run-000002', amount: '3.00', tags: [] },
  ];
  assert.deepEqual(compareRows(expected, rows, 'id'), { equal: 3, missing: [], duplicates: 1, mismatches: [], differing: 0 });
});

test('a differing value and a missing row are reported with field, expected and actual', () => {
  const rows = [
    { id: 'run-000000', amount: '1.5', tags: ['a'] },
    { id: 'run-000001', amount: '2.00' },
  ];
  const result = compareRows(expected, rows, 'id');
  assert.equal(result.equal, 0);
  assert.equal(result.differing, 2);
  assert.deepEqual(result.missing, ['run-000002']);
  assert.deepEqual(result.mismatches, [
    { record: 'run-000000', field: 'amount', expected: '1.50', actual: '1.5' },
    { record: 'run-000001', field: 'tags', expected: [], actual: '(no such column)' },
  ]);
});

test('a column left out of a record’s expectation (a value no one can predict) is not compared', () => {
  const rows = [{ id: 'run-000000', amount: '9.99', tags: ['a'] }];
  const result = compareRows([{ id: 'run-000000', tags: ['a'] }], rows, 'id');
  assert.equal(result.equal, 1);
  assert.deepEqual(result.mismatches, []);
});
