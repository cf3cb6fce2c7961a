import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newApplyOperation } from './operation.ts';

test('an operation reports done and left as its steps change', () => {
  const op = newApplyOperation('clicks-sink');
  const events: string[] = [];
  op.subscribe((e) => events.push(e.type === 'step' ? `${e.step.name}:${e.step.status}` : `done:${e.report.status}`));
  op.update('topic', { status: 'ok', changed: true });
  op.update('schema', { status: 'failed' });
  op.finish({ status: 'failed', message: 'schema failed' });
  assert.deepEqual(op.report.done, ['topic']);
  assert.deepEqual(op.report.left, ['schema', 'table', 'files', 'connector', 'smoke']);
  assert.deepEqual(events, ['topic:ok', 'schema:failed', 'done:failed']);
  assert.equal(op.done, true);
});
