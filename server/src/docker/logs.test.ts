import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LogLine } from '../contracts/stack.ts';
import { lineSplitter } from './logs.ts';

test('lineSplitter parses Docker timestamps and joins lines split across chunks', () => {
  const lines: LogLine[] = [];
  const splitter = lineSplitter('stderr', (l) => lines.push(l));
  splitter.push('2025-01-01T00:00:00.123456789Z first\n2025-01-01T00:00:01Z sec');
  splitter.push('ond\r\nno timestamp here\n2025-01-01T00:00:02Z tail');
  splitter.flush();
  assert.deepEqual(lines, [
    { stream: 'stderr', ts: '2025-01-01T00:00:00.123456789Z', line: 'first' },
    { stream: 'stderr', ts: '2025-01-01T00:00:01Z', line: 'second' },
    { stream: 'stderr', ts: null, line: 'no timestamp here' },
    { stream: 'stderr', ts: '2025-01-01T00:00:02Z', line: 'tail' },
  ]);
});
