import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { wantsFreshRead, withFreshRead } from '../http/fresh-read.ts';
import { ReadCache } from './read-cache.ts';

/** A load whose answers the test releases by hand, counting calls. */
function controlledLoad<T>() {
  const pending: { resolve(v: T): void; reject(e: unknown): void }[] = [];
  const load = () =>
    new Promise<T>((resolve, reject) => {
      pending.push({ resolve, reject });
    });
  return {
    load,
    get calls() {
      return pending.length;
    },
    resolve: (i: number, v: T) => pending[i]!.resolve(v),
    reject: (i: number, e: unknown) => pending[i]!.reject(e),
  };
}

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ReadCache', () => {
  test('concurrent callers of one key share a single upstream call and its answer', async () => {
    const c = clock();
    const cache = new ReadCache({ ttlMs: 1000, now: c.now });
    const up = controlledLoad<string>();
    const answers = Promise.all(Array.from({ length: 50 }, () => cache.get('k', up.load)));
    await tick();
    assert.equal(up.calls, 1);
    up.resolve(0, 'v1');
    const all = await answers;
    assert.ok(all.every((a) => a.value === 'v1' && a.fetchedAt === c.now()));
  });

  test('different keys do not share', async () => {
    const cache = new ReadCache({ ttlMs: 1000 });
    let calls = 0;
    const load = async () => ++calls;
    await Promise.all([cache.get('a', load), cache.get('b', load)]);
    assert.equal(calls, 2);
  });

  test('a value is served from the cache while fresh, then loaded again', async () => {
    const c = clock();
    const cache = new ReadCache({ ttlMs: 1000, now: c.now });
    let calls = 0;
    const load = async () => ++calls;
    assert.equal((await cache.get('k', load)).value, 1);
    c.advance(999);
    assert.equal((await cache.get('k', load)).value, 1);
    c.advance(1);
    assert.equal((await cache.get('k', load)).value, 2, 'at ttlMs the value is expired (no stale window)');
    assert.equal(calls, 2);
  });

  test('stale-while-revalidate: an expired value within staleMs is served while one refresh runs', async () => {
    const c = clock();
    const cache = new ReadCache({ ttlMs: 1000, staleMs: 2000, now: c.now });
    const up = controlledLoad<string>();
    const first = cache.get('k', up.load);
    up.resolve(0, 'old');
    const firstAt = (await first).fetchedAt;
    c.advance(1500);
    const stale = await cache.get('k', up.load);
    assert.deepEqual(stale, { value: 'old', fetchedAt: firstAt }, 'served stale, with its real age');
    await cache.get('k', up.load);
    await tick();
    assert.equal(up.calls, 2, 'one background refresh for any number of stale reads');
    up.resolve(1, 'new');
    await tick();
    assert.equal((await cache.get('k', up.load)).value, 'new');
    assert.equal(up.calls, 2);
  });

  test('past ttlMs + staleMs callers wait for the upstream', async () => {
    const c = clock();
    const cache = new ReadCache({ ttlMs: 1000, staleMs: 2000, now: c.now });
    const up = controlledLoad<string>();
    const first = cache.get('k', up.load);
    up.resolve(0, 'old');
    await first;
    c.advance(3000);
    let settled = false;
    const next = cache.get('k', up.load).then((v) => {
      settled = true;
      return v;
    });
    await tick();
    assert.equal(settled, false, 'too old to serve: waits');
    up.resolve(1, 'new');
    assert.equal((await next).value, 'new');
  });

  test('errors are shared by the callers waiting, and not cached by default', async () => {
    const cache = new ReadCache({ ttlMs: 1000 });
    const up = controlledLoad<string>();
    const a = cache.get('k', up.load);
    const b = cache.get('k', up.load);
    await tick();
    up.reject(0, new Error('down'));
    await assert.rejects(a, /down/);
    await assert.rejects(b, /down/);
    assert.equal(up.calls, 1);
    const c = cache.get('k', up.load);
    await tick();
    assert.equal(up.calls, 2, 'the next read calls again');
    up.resolve(1, 'back');
    assert.equal((await c).value, 'back');
  });

  test('with errorTtlMs a failure is answered briefly without calling the upstream', async () => {
    const c = clock();
    const cache = new ReadCache({ ttlMs: 1000, errorTtlMs: 500, now: c.now });
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw new Error(`down ${calls}`);
    };
    await assert.rejects(cache.get('k', failing), /down 1/);
    c.advance(499);
    await assert.rejects(cache.get('k', failing), /down 1/);
    assert.equal(calls, 1);
    c.advance(1);
    await assert.rejects(cache.get('k', failing), /down 2/);
  });

  test('a failed background refresh drops the stale value: the outage is not hidden', async () => {
    const c = clock();
    const cache = new ReadCache({ ttlMs: 1000, staleMs: 5000, now: c.now });
    const up = controlledLoad<string>();
    const first = cache.get('k', up.load);
    up.resolve(0, 'old');
    await first;
    c.advance(1500);
    assert.equal((await cache.get('k', up.load)).value, 'old');
    up.reject(1, new Error('down'));
    await tick();
    const next = cache.get('k', up.load);
    await tick();
    assert.equal(up.calls, 3, 'no stale value left: a new call');
    up.reject(2, new Error('still down'));
    await assert.rejects(next, /still down/);
  });

  test('invalidate: the next read calls the upstream even while the value is fresh', async () => {
    const cache = new ReadCache({ ttlMs: 60_000 });
    let calls = 0;
    const load = async () => ++calls;
    await cache.get('k', load);
    cache.invalidate('k');
    assert.equal((await cache.get('k', load)).value, 2);
  });

  test('invalidate during a call: later readers get a new call, and the old answer is not stored', async () => {
    const cache = new ReadCache({ ttlMs: 60_000, staleMs: 60_000 });
    const up = controlledLoad<string>();
    const before = cache.get('k', up.load);
    await tick();
    cache.invalidate('k'); // e.g. the panel created a topic while the list was being read
    const after = cache.get('k', up.load);
    await tick();
    assert.equal(up.calls, 2, 'the read after the write does not join the older call');
    up.resolve(0, 'before the write');
    up.resolve(1, 'after the write');
    assert.equal((await before).value, 'before the write');
    assert.equal((await after).value, 'after the write');
    assert.equal((await cache.get('k', up.load)).value, 'after the write', 'the older answer did not overwrite the newer one');
  });

  test('an invalidated stale value is never served, even within staleMs', async () => {
    const c = clock();
    const cache = new ReadCache({ ttlMs: 1000, staleMs: 10_000, now: c.now });
    let calls = 0;
    const load = async () => ++calls;
    await cache.get('k', load);
    c.advance(2000);
    cache.invalidate('k');
    assert.equal((await cache.get('k', load)).value, 2);
  });

  test('invalidatePrefix forgets every key under the prefix and nothing else', async () => {
    const cache = new ReadCache({ ttlMs: 60_000 });
    let calls = 0;
    const load = async () => ++calls;
    for (const key of ['kafka/topics', 'kafka/topic/a', 'registry/subjects']) await cache.get(key, load);
    cache.invalidatePrefix('kafka/');
    assert.equal(cache.size, 1);
    assert.equal((await cache.get('registry/subjects', load)).value, 3, 'kept');
    assert.equal((await cache.get('kafka/topic/a', load)).value, 4, 'loaded again');
  });

  test('a per-call policy overrides the defaults (e.g. immutable data)', async () => {
    const c = clock();
    const cache = new ReadCache({ ttlMs: 1000, now: c.now });
    let calls = 0;
    const load = async () => ++calls;
    await cache.get('schema/1', load, { ttlMs: Infinity });
    c.advance(3_600_000);
    assert.equal((await cache.get('schema/1', load, { ttlMs: Infinity })).value, 1);
  });

  test('maxEntries drops the least recently read entry', async () => {
    const cache = new ReadCache({ ttlMs: 60_000, maxEntries: 2 });
    let calls = 0;
    const load = async () => ++calls;
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('a', load); // a is now the most recent
    await cache.get('c', load);
    assert.equal(cache.size, 2);
    assert.equal((await cache.get('a', load)).value, 1, 'a kept');
    assert.equal((await cache.get('b', load)).value, 4, 'b was dropped');
  });

  test('a load that throws synchronously is a rejection, not a crash', async () => {
    const cache = new ReadCache({ ttlMs: 1000 });
    await assert.rejects(
      cache.get('k', () => {
        throw new Error('sync');
      }),
      /sync/,
    );
  });
});

test('a fresh read (Cache-Control: no-cache) asks the upstream again and leaves its answer for the next readers', async () => {
  const cache = new ReadCache({ ttlMs: 10_000 });
  let calls = 0;
  const load = async () => ++calls;
  assert.equal((await cache.get('k', load)).value, 1);
  assert.equal((await cache.get('k', load)).value, 1, 'cached');
  assert.equal((await withFreshRead(() => cache.get('k', load))).value, 2, 'fresh read calls again');
  assert.equal((await cache.get('k', load)).value, 2, 'the next reader gets the fresh answer');
  assert.equal((await withFreshRead(() => cache.get('immutable', load, { ttlMs: Infinity }))).value, 3);
  assert.equal((await withFreshRead(() => cache.get('immutable', load, { ttlMs: Infinity }))).value, 3, 'immutable values stay');
});

test('wantsFreshRead reads Cache-Control as browsers and curl send it', () => {
  assert.equal(wantsFreshRead('no-cache'), true);
  assert.equal(wantsFreshRead('max-age=0'), true);
  assert.equal(wantsFreshRead('private, no-cache'), true);
  assert.equal(wantsFreshRead('max-age=60'), false);
  assert.equal(wantsFreshRead(undefined), false);
  assert.equal(wantsFreshRead(['no-store', 'no-cache']), true);
});
