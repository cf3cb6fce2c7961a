import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StallWatch, stallWindowMs } from './stall.ts';

const sample = (at: number, rows: number, committed: number | null, lag: number | null) => ({ at, rows, committed, lag });

test('the window is three commit intervals (and at least three polls)', () => {
  assert.equal(stallWindowMs(7_500, 1_000), 22_500);
  assert.equal(stallWindowMs(100, 1_000), 3_000);
});

test('no rows and no commit for the window while records wait: stalled', () => {
  const watch = new StallWatch(10_000);
  assert.equal(watch.stalled(sample(0, 0, 5, 100)), false);
  assert.equal(watch.stalled(sample(5_000, 0, 5, 100)), false);
  assert.equal(watch.stalled(sample(9_999, 0, 5, 100)), false);
  assert.equal(watch.stalled(sample(10_000, 0, 5, 100)), true);
});

test('new rows or a moving commit restart the window', () => {
  const watch = new StallWatch(10_000);
  watch.observe(sample(0, 0, 5, 100));
  watch.observe(sample(8_000, 10, 5, 90));
  assert.equal(watch.stalled(sample(17_000, 10, 5, 90)), false);
  watch.observe(sample(17_500, 10, 15, 80));
  assert.equal(watch.observe(sample(27_000, 10, 15, 80)), 9_500);
  assert.equal(watch.stalled(sample(27_500, 10, 15, 80)), true);
});

test('nothing waiting (lag 0) or an unknown lag is never a stall', () => {
  const watch = new StallWatch(1_000);
  watch.observe(sample(0, 0, 0, 0));
  assert.equal(watch.stalled(sample(60_000, 0, 0, 0)), false);
  assert.equal(watch.stalled(sample(120_000, 0, null, null)), false);
});
