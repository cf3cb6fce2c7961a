import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_RESET, resetInput, shift } from './reset-form.ts';

test('the reset request carries only what the chosen target uses', () => {
  assert.deepEqual(resetInput(EMPTY_RESET, true), { to: 'earliest', dryRun: true });
  assert.deepEqual(resetInput({ ...EMPTY_RESET, to: 'offset', offset: '7', topics: ['a'] }, false, 'g'), {
    to: 'offset',
    offset: 7,
    topics: ['a'],
    dryRun: false,
    confirm: 'g',
  });
  assert.equal(typeof resetInput({ ...EMPTY_RESET, to: 'timestamp', timestamp: '2026-01-01T00:00' }, true).timestamp, 'number');
  assert.equal(shift(null, 0), 'none → 0');
  assert.equal(shift(5, 2), '5 → 2');
});
