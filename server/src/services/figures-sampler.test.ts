import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FiguresEvent } from '../contracts/lineage.ts';
import { keys } from '../domain/figures/series-keys.ts';
import { FiguresSampler } from './figures-sampler.ts';

const targets = { topics: ['t'], dlqTopics: [], groups: [{ group: 'g', topic: 't' }], tables: [] };

function sampler(now: { t: number }) {
  let reads = 0;
  let end = 0;
  const s = new FiguresSampler({
    targets: async () => targets,
    readOffsets: async () => {
      reads++;
      end += 100;
      return {
        topics: [{ topic: 't', partitions: [{ partition: 0, start: 0, end }] }],
        missingTopics: [],
        groups: [{ group: 'g', offsets: [{ topic: 't', partition: 0, offset: 10 }] }],
        groupErrors: [],
      };
    },
    readTables: async () => [],
    intervalMs: 500,
    now: () => now.t,
  });
  return { s, reads: () => reads };
}

test('at least 2 s between samples, whatever is asked', () => {
  assert.equal(sampler({ t: 0 }).s.intervalMs, 2000);
});

test('a follower gets the window, then each sample with charted series only; without followers nothing is sampled', async () => {
  const now = { t: 10_000 };
  const { s, reads } = sampler(now);
  const events: FiguresEvent[] = [];
  const unsubscribe = s.subscribe((e) => events.push(e));
  assert.equal(events[0]!.type, 'backfill');
  assert.equal(s.state().active, true);
  await s.tick();
  now.t += 2000;
  await s.tick();
  const samples = events.flatMap((e) => (e.type === 'sample' ? [e.sample] : []));
  assert.ok(samples.length >= 2);
  const last = samples[samples.length - 1]!;
  assert.equal(last.values[keys.topicRate('t')], 50);
  assert.equal(last.values[keys.groupCommitted('g', 't')], undefined, 'raw counters stay on the server');
  assert.equal(s.samples().at(-1)?.values[keys.groupCommitted('g', 't')], 10);

  unsubscribe();
  assert.equal(s.state().active, false);
  const before = reads();
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(reads(), before, 'paused');
  // A second follower is sent what was buffered.
  const later: FiguresEvent[] = [];
  s.subscribe((e) => later.push(e));
  const backfill = later[0];
  assert.equal(backfill?.type === 'backfill' && backfill.window.times.length, s.samples().length);
  await s.close();
});

test('samples older than the window are dropped', async () => {
  const now = { t: 0 };
  const { s } = sampler(now);
  await s.tick();
  now.t += 16 * 60_000;
  await s.tick();
  assert.equal(s.samples().length, 1);
  await s.close();
});
