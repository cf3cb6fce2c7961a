import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendBounded } from './log-buffer.ts';

const line = (text: string, stream: 'stdout' | 'stderr' = 'stdout') => ({ stream, ts: null, line: text });

test('appends lines with increasing sequence numbers', () => {
  const first = appendBounded([], [line('a'), line('b', 'stderr')], 10, 0);
  const second = appendBounded(first, [line('c')], 10, 2);
  assert.deepEqual(
    second.map((l) => [l.seq, l.line, l.stream]),
    [
      [0, 'a', 'stdout'],
      [1, 'b', 'stderr'],
      [2, 'c', 'stdout'],
    ],
  );
});

test('keeps only the newest max lines', () => {
  const lines = appendBounded(
    [],
    ['1', '2', '3', '4', '5'].map((t) => line(t)),
    3,
    0,
  );
  assert.deepEqual(
    lines.map((l) => l.line),
    ['3', '4', '5'],
  );
});

test('an empty batch returns the same array (no re-render)', () => {
  const current = appendBounded([], [line('a')], 3, 0);
  assert.equal(appendBounded(current, [], 3, 1), current);
});
