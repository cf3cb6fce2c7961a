import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, formatCount, plural } from './format-numbers.ts';

describe('formatBytes', () => {
  const cases: [number | null, string][] = [
    [null, '—'],
    [-1, '—'],
    [Number.NaN, '—'],
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [10 * 1024 * 1024 + 400 * 1024, '10.4 MiB'],
    [512 * 1024 * 1024, '512 MiB'],
    [3 * 1024 ** 3, '3 GiB'],
    [2 * 1024 ** 6, '2048 PiB'],
  ];
  for (const [input, expected] of cases) {
    test(`${input} → ${expected}`, () => assert.equal(formatBytes(input), expected));
  }
});

test('formatCount groups thousands and shows a dash for unknown', () => {
  assert.equal(formatCount(1234567), '1,234,567');
  assert.equal(formatCount(0), '0');
  assert.equal(formatCount(null), '—');
});

test('plural picks the singular only for exactly one', () => {
  assert.equal(plural(1, 'row'), '1 row');
  assert.equal(plural(0, 'row'), '0 rows');
  assert.equal(plural(2000, 'entry', 'entries'), '2,000 entries');
});
