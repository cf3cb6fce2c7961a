import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OperationStore } from './store.ts';
import { testOperation } from './testing.ts';

test('newest first; finished operations beyond the bound are forgotten, running ones never', () => {
  const store = new OperationStore<ReturnType<typeof testOperation>>(2);
  const first = testOperation('1');
  const second = testOperation('2');
  second.finish();
  const third = testOperation('3');
  store.add(first);
  store.add(second);
  store.add(third);
  assert.deepEqual(
    store.list().map((o) => o.id),
    ['3', '1'],
  );
  assert.equal(store.get('2'), undefined);
  const fourth = testOperation('4');
  store.add(fourth);
  assert.deepEqual(
    store.list().map((o) => o.id),
    ['4', '3', '1'],
    'three running operations are all kept even though the bound is 2',
  );
  first.finish();
  store.add(testOperation('5'));
  assert.deepEqual(
    store.list().map((o) => o.id),
    ['5', '4', '3'],
  );
  assert.equal(store.latest()?.id, '5');
  assert.deepEqual(
    store.running().map((o) => o.id),
    ['5', '4', '3'],
  );
});

test('an exclusive key admits one running operation at a time, and is free again once it finished', () => {
  const store = new OperationStore<ReturnType<typeof testOperation>>();
  const conflict = (running: { id: string }) => new Error(`busy with ${running.id}`);
  const a = testOperation('a');
  store.add(a, { key: 'pipeline-x', conflict });
  assert.throws(() => store.add(testOperation('b'), { key: 'pipeline-x', conflict }), /busy with a/);
  assert.equal(store.get('b'), undefined, 'a refused operation is not stored');
  store.add(testOperation('c'), { key: 'pipeline-y', conflict });
  store.add(testOperation('d'));
  assert.equal(store.runningFor('pipeline-x')?.id, 'a');
  a.finish();
  assert.equal(store.runningFor('pipeline-x'), undefined);
  store.add(testOperation('e'), { key: 'pipeline-x', conflict });
  assert.equal(store.runningFor('pipeline-x')?.id, 'e');
});

test('close aborts every running operation and waits for each to finish', async () => {
  const store = new OperationStore<ReturnType<typeof testOperation>>();
  const running = testOperation('r');
  const over = testOperation('o');
  over.finish();
  store.add(over);
  store.add(running);
  running.signal.addEventListener('abort', () => setTimeout(() => running.finish({ status: 'failed' }), 5));
  await store.close(new Error('shutting down'));
  assert.equal(running.done, true);
  assert.equal(running.report.status, 'failed');
});
