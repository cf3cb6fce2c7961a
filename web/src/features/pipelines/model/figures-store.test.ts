import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FiguresStore } from './figures-store.ts';

test('backfill, then samples appended column by column; a new series starts with gaps; old samples leave the window', () => {
  const store = new FiguresStore();
  let changes = 0;
  store.subscribe(() => changes++);
  store.apply({ type: 'backfill', window: { intervalMs: 2000, windowMs: 6000, times: [0, 2000], series: { a: [1, 2] } } });
  store.apply({ type: 'sample', sample: { at: 4000, values: { a: 3, b: 10 } } });
  assert.deepEqual(store.series('a'), { times: [0, 2, 4], values: [1, 2, 3] });
  assert.deepEqual(store.series('b').values, [null, null, 10]);
  store.apply({ type: 'sample', sample: { at: 8000, values: { b: 11 } } });
  assert.deepEqual(store.series('a'), { times: [2, 4, 8], values: [2, 3, null] });
  assert.equal(store.latest('a'), 3);
  assert.equal(store.latest('missing'), null);
  store.apply({ type: 'sample', sample: { at: 8000, values: { b: 99 } } });
  assert.equal(store.latest('b'), 11, 'a repeated sample is ignored');
  assert.equal(changes, 4);
});
