import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMs, formProblems, stepLook } from './smoke-run.ts';

test('every status has its own glyph and a label', () => {
  const looks = (['pending', 'running', 'ok', 'failed', 'skipped', 'cancelled'] as const).map(stepLook);
  assert.equal(new Set(looks.map((l) => l.icon)).size, 6);
  assert.deepEqual(
    looks.map((l) => l.label),
    ['pending', 'running', 'passed', 'failed', 'skipped', 'cancelled'],
  );
});

test('durations read naturally', () => {
  assert.deepEqual([formatMs(850), formatMs(12_345), formatMs(75_000), formatMs(null)], ['850 ms', '12.3 s', '1 m 15 s', '']);
});

test('the run form accepts the server bounds and names what is wrong', () => {
  assert.deepEqual(formProblems('100', '60'), {});
  assert.deepEqual(Object.keys(formProblems('0', '4')), ['records', 'timeout']);
  assert.deepEqual(Object.keys(formProblems('100001', '601')), ['records', 'timeout']);
  assert.deepEqual(Object.keys(formProblems('1.5', '60')), ['records']);
});
