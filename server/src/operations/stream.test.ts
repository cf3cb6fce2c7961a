import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SseChannel } from '../http/sse.ts';
import { pipeOperation } from './stream.ts';
import { testOperation, type TestReport, type TestStep } from './testing.ts';

/** An SSE channel that records what would be written. */
function channel() {
  const sent: { event: string; data: unknown }[] = [];
  let closed = false;
  let resolveClosed!: () => void;
  const closedPromise = new Promise<void>((r) => (resolveClosed = r));
  const ch: SseChannel & { sent: typeof sent; disconnect(): void; comments: number } = {
    sent,
    comments: 0,
    send(event, data) {
      if (!closed) sent.push({ event, data: structuredClone(data) });
    },
    comment() {
      ch.comments++;
    },
    close() {
      closed = true;
      resolveClosed();
    },
    closed: closedPromise,
    isClosed: () => closed,
    disconnect() {
      closed = true;
      resolveClosed();
    },
  };
  return ch;
}

/** The last state the client holds for each step, from the events in order. */
function clientView(sent: { event: string; data: unknown }[]) {
  const steps = new Map<string, TestStep>();
  let done: TestReport | null = null;
  for (const { event, data } of sent) {
    if (event === 'step') steps.set((data as TestStep).name, data as TestStep);
    if (event === 'done') done = data as TestReport;
  }
  return { steps, done };
}

const tick = () => new Promise((r) => setImmediate(r));

test('a finished operation replays every step, then done, then the stream ends', async () => {
  const op = testOperation();
  op.begin('a');
  op.end('a', 'ok');
  op.finish({ status: 'passed' });
  const ch = channel();
  await pipeOperation(ch, op);
  assert.deepEqual(
    ch.sent.map((s) => s.event),
    ['step', 'step', 'step', 'done'],
  );
  assert.equal(ch.isClosed(), true);
});

test('a running operation: replay, then live changes in order, then done closes the stream', async () => {
  const op = testOperation();
  op.begin('a');
  const ch = channel();
  const piping = pipeOperation(ch, op);
  op.end('a', 'ok', { detail: 'a done' });
  op.begin('b');
  op.end('b', 'failed', { detail: 'b broke' });
  op.finish({ status: 'failed' });
  await piping;
  const events = ch.sent.map((s) => (s.event === 'step' ? `${(s.data as TestStep).name}:${(s.data as TestStep).status}` : s.event));
  assert.deepEqual(events, ['a:running', 'b:pending', 'c:pending', 'a:ok', 'b:running', 'b:failed', 'done']);
  assert.equal(ch.isClosed(), true);
});

test('replay/subscribe race: changes landing around the snapshot are neither lost nor sent stale', async () => {
  const op = testOperation();
  op.begin('a');
  const realSnapshot = op.snapshot.bind(op);
  // A change lands after the subscription but before the snapshot, and another right after the snapshot is taken.
  op.snapshot = () => {
    op.snapshot = realSnapshot;
    op.update('a', { detail: 'before the snapshot' });
    const snap = realSnapshot();
    op.update('a', { detail: 'after the snapshot' });
    op.end('a', 'ok', { detail: 'a done' });
    op.finish({ status: 'passed' });
    return snap;
  };
  const ch = channel();
  await pipeOperation(ch, op);
  const { steps, done } = clientView(ch.sent);
  assert.equal(steps.get('a')?.status, 'ok');
  assert.equal(steps.get('a')?.detail, 'a done');
  assert.equal(done?.status, 'passed');
  assert.equal(ch.sent.at(-1)?.event, 'done', 'done is the last event');
  const details = ch.sent.filter((s) => s.event === 'step' && (s.data as TestStep).name === 'a').map((s) => (s.data as TestStep).detail);
  // A change racing the snapshot may be sent twice (harmless: the same state again), but never after a newer one.
  const distinct = details.filter((d, i) => d !== details[i - 1]);
  assert.deepEqual(distinct, ['before the snapshot', 'after the snapshot', 'a done']);
});

test('a client that disconnects is unsubscribed; the operation carries on', async () => {
  const op = testOperation();
  const ch = channel();
  const piping = pipeOperation(ch, op);
  op.begin('a');
  ch.disconnect();
  await piping;
  const before = ch.sent.length;
  op.end('a', 'ok');
  op.finish({ status: 'passed' });
  await tick();
  assert.equal(ch.sent.length, before);
  assert.equal(op.report.status, 'passed');
});

test('heartbeats while idle', async () => {
  const op = testOperation();
  const ch = channel();
  const piping = pipeOperation(ch, op, 5);
  await new Promise((r) => setTimeout(r, 30));
  op.finish({ status: 'passed' });
  await piping;
  assert.ok(ch.comments >= 1);
});
