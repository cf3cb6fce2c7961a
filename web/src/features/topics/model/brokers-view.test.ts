import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrokerInfo } from '@pipeline-panel/server/contracts';
import { issueDetail, orderIssues, replicationSummary, topicFlags } from './brokers-view.ts';

const broker = (nodeId: number, live = true): BrokerInfo => ({
  nodeId,
  address: live ? `k${nodeId}:9092` : null,
  rack: null,
  live,
  leaderOf: 0,
  replicas: 0,
  outOfSync: 0,
});

describe('brokers view', () => {
  test('summary: healthy, then with a broker gone', () => {
    assert.equal(
      replicationSummary({ brokers: [broker(1), broker(2)], totals: { topics: 2, partitions: 4, underReplicated: 0, offline: 0 } }),
      '2 live brokers · all 4 partitions in sync',
    );
    assert.equal(
      replicationSummary({ brokers: [broker(1), broker(2, false)], totals: { topics: 2, partitions: 4, underReplicated: 3, offline: 1 } }),
      '1 live broker · 1 not in the cluster · 3 under-replicated · 1 offline',
    );
  });
  test('issue detail names the leader, the ISR and who is missing', () => {
    assert.equal(
      issueDetail({ topic: 't', partition: 0, issue: 'under-replicated', leader: 1, replicas: [1, 2, 3], isr: [1, 3], missing: [2] }),
      'leader 1 · ISR 1,3 of 1,2,3 — missing 2',
    );
    assert.equal(
      issueDetail({ topic: 't', partition: 0, issue: 'offline', leader: -1, replicas: [2], isr: [], missing: [2] }),
      'no leader · ISR none of 2 — missing 2',
    );
  });
  test('topic flags: offline is bad, under-replicated a warning', () => {
    const flags = topicFlags({
      topics: [
        { topic: 'a', partitions: 3, replicationFactor: 3, underReplicated: 2, offline: 0 },
        { topic: 'b', partitions: 1, replicationFactor: 1, underReplicated: 0, offline: 1 },
      ],
    });
    assert.deepEqual(flags.get('a'), { text: '2 under-replicated', tone: 'warn' });
    assert.deepEqual(flags.get('b'), { text: '1 offline', tone: 'bad' });
    assert.equal(topicFlags(undefined).size, 0);
  });
});

test('flagged partitions: the user topics first, offline first within them', () => {
  const issue = (topic: string, partition: number, kind: 'offline' | 'under-replicated') => ({
    topic,
    partition,
    issue: kind,
    leader: 1,
    replicas: [1, 2],
    isr: [1],
    missing: [2],
  });
  const ordered = orderIssues([
    issue('__consumer_offsets', 0, 'offline'),
    issue('orders', 1, 'under-replicated'),
    issue('orders', 0, 'under-replicated'),
    issue('zeta', 0, 'offline'),
  ]);
  assert.deepEqual(
    ordered.map((i) => `${i.topic}-${i.partition}`),
    ['zeta-0', 'orders-0', 'orders-1', '__consumer_offsets-0'],
  );
});
