import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_RECENT_QUERIES, parseRecent, queryLabel, remember, statisticsLine } from './recent-queries.ts';

test('a query goes first, moves up when repeated, and the list stays bounded', () => {
  assert.deepEqual(remember(['b', 'a'], ' a '), ['a', 'b']);
  assert.deepEqual(remember([], '   '), []);
  const many = Array.from({ length: MAX_RECENT_QUERIES }, (_, i) => `q${i}`);
  const next = remember(many, 'new');
  assert.equal(next.length, MAX_RECENT_QUERIES);
  assert.equal(next[0], 'new');
  assert.equal(next.includes(`q${MAX_RECENT_QUERIES - 1}`), false);
});

test('what is stored is read back defensively', () => {
  assert.deepEqual(parseRecent(null), []);
  assert.deepEqual(parseRecent('{not json'), []);
  assert.deepEqual(parseRecent('{"a":1}'), []);
  assert.deepEqual(parseRecent('["a", 1, "b"]'), ['a', 'b']);
});

test('labels fold whitespace and cut long text; statistics read as one line', () => {
  assert.equal(queryLabel('SELECT\n  1'), 'SELECT 1');
  assert.equal(queryLabel('x'.repeat(100), 10), `${'x'.repeat(9)}…`);
  assert.equal(statisticsLine(3, { rowsRead: 3, bytesRead: 120, elapsedMs: 4.2 }), '3 rows · read 3 rows, 120 B · 4 ms');
  assert.equal(
    statisticsLine(1, { rowsRead: 2_500_000, bytesRead: 3 * 1024 * 1024, elapsedMs: 1500 }),
    '1 row · read 2.5 M rows, 3.0 MiB · 1.50 s',
  );
});
