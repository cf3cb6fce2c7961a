import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Admin } from 'kafkajs';
import { fetchTopicOffsets } from './topic-offsets.ts';

const adminFailing = (failures: Error[]) => {
  let calls = 0;
  const admin = {
    fetchTopicOffsets: async () => {
      const failure = failures[calls++];
      if (failure) throw failure;
      return [{ partition: 0, offset: '5', high: '5', low: '0' }];
    },
  } as unknown as Admin;
  return { admin, calls: () => calls };
};

test("a new topic's partial metadata (kafkajs' TypeError) is retried until the offsets answer", async () => {
  const { admin, calls } = adminFailing([
    new TypeError("Cannot destructure property 'partitions' of 'high.pop(...)'"),
    new TypeError('again'),
  ]);
  assert.deepEqual(await fetchTopicOffsets(admin, 't'), [{ partition: 0, offset: '5', high: '5', low: '0' }]);
  assert.equal(calls(), 3);
});

test('any other failure is not retried, and a TypeError that persists is reported', async () => {
  const refused = new Error('Connection refused');
  const once = adminFailing([refused]);
  await assert.rejects(fetchTopicOffsets(once.admin, 't'), refused);
  assert.equal(once.calls(), 1);
  const always = adminFailing(Array.from({ length: 9 }, () => new TypeError('partial')));
  await assert.rejects(fetchTopicOffsets(always.admin, 't'), TypeError);
  assert.equal(always.calls(), 5);
});
