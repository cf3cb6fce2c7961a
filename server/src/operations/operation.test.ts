import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OperationEvent } from './operation.ts';
import { testOperation, type TestReport, type TestStep } from './testing.ts';

function clock() {
  let t = Date.parse('2026-01-01T00:00:00Z');
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

test('events arrive in order with increasing sequence numbers; a step is timed from begin to end', () => {
  const c = clock();
  const op = testOperation('op', c.now);
  const seen: [OperationEvent<TestStep, TestReport>, number][] = [];
  op.subscribe((event, seq) => seen.push([event, seq]));
  op.begin('a', { detail: 'working' });
  c.advance(250);
  op.update('a', { detail: 'half way' });
  op.end('a', 'ok', { detail: 'done' });
  op.finish({ status: 'passed' });
  assert.deepEqual(
    seen.map(([e, seq]) => [seq, e.type, e.type === 'step' ? `${e.step.name}:${e.step.status}:${e.step.detail}` : e.report.status]),
    [
      [1, 'step', 'a:running:working'],
      [2, 'step', 'a:running:half way'],
      [3, 'step', 'a:ok:done'],
      [4, 'done', 'passed'],
    ],
  );
  assert.equal(op.step('a').startedAt, '2026-01-01T00:00:00.000Z');
  assert.equal(op.step('a').durationMs, 250);
  assert.equal(op.report.finishedAt, '2026-01-01T00:00:00.250Z');
  assert.deepEqual(op.report.done, ['a'], 'derived fields follow every change');
});

test('events carry copies: a listener cannot see later changes through an old event', () => {
  const op = testOperation();
  const steps: TestStep[] = [];
  op.subscribe((e) => e.type === 'step' && steps.push(e.step));
  op.begin('a');
  op.end('a', 'ok');
  assert.deepEqual(
    steps.map((s) => s.status),
    ['running', 'ok'],
  );
});

test('finish happens once: later calls change nothing, subscribers are dropped and `finished` resolves', async () => {
  const op = testOperation();
  let events = 0;
  op.subscribe(() => events++);
  op.finish({ status: 'failed' });
  op.finish({ status: 'passed' });
  assert.equal(op.report.status, 'failed');
  assert.equal(events, 1);
  assert.equal(op.done, true);
  assert.equal((await op.finished).status, 'failed');
  let late = 0;
  op.subscribe(() => late++)();
  op.update('a', { detail: 'after the end' });
  assert.equal(late, 0);
});

test('abort signals the work once and is refused after the end', () => {
  const op = testOperation();
  assert.equal(op.abort(new Error('stop')), true);
  assert.equal(op.signal.aborted, true);
  assert.equal((op.signal.reason as Error).message, 'stop');
  op.finish();
  assert.equal(testOperation().abort('x') && true, true);
  const ended = testOperation();
  ended.finish();
  assert.equal(ended.abort('x'), false);
  assert.equal(ended.signal.aborted, false);
});

test('an unknown step is a programming error, not a silent no-op', () => {
  assert.throws(() => testOperation().update('nope', {}), /no step "nope"/);
});
