import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { partitionHealth, replicationFactorProblem, type BrokerFact } from './partition-health.ts';

const brokers: BrokerFact[] = [
  { nodeId: 1, address: 'k1:9092', rack: 'zone-a' },
  { nodeId: 3, address: 'k3:9092', rack: 'zone-c' },
];

describe('partitionHealth', () => {
  const result = partitionHealth(brokers, [
    {
      name: 'orders',
      partitions: [
        { partition: 0, leader: 1, replicas: [1, 2, 3], isr: [1, 3] },
        { partition: 1, leader: 3, replicas: [3, 1, 2], isr: [3, 1] },
        { partition: 2, leader: 1, replicas: [1, 3, 2], isr: [1, 3, 2] },
      ],
    },
    { name: 'single', partitions: [{ partition: 0, leader: -1, replicas: [2], isr: [] }] },
    { name: 'healthy', partitions: [{ partition: 0, leader: 3, replicas: [3, 1], isr: [1, 3] }] },
  ]);

  test('counts under-replicated and offline partitions per topic and in total, worst topic first', () => {
    assert.deepEqual(result.totals, { topics: 3, partitions: 5, underReplicated: 2, offline: 1 });
    assert.deepEqual(
      result.topics.map((t) => [t.topic, t.underReplicated, t.offline, t.replicationFactor]),
      [
        ['single', 0, 1, 1],
        ['orders', 2, 0, 3],
      ],
    );
  });

  test('lists each issue with the replicas out of the ISR, offline first', () => {
    assert.deepEqual(
      result.issues.map((i) => [i.topic, i.partition, i.issue, i.missing]),
      [
        ['single', 0, 'offline', [2]],
        ['orders', 0, 'under-replicated', [2]],
        ['orders', 1, 'under-replicated', [2]],
      ],
    );
  });

  test('a broker named only by replicas is listed as not live, with what it holds', () => {
    const gone = result.brokers.find((b) => b.nodeId === 2);
    assert.deepEqual(gone, { nodeId: 2, address: null, rack: null, live: false, leaderOf: 0, replicas: 4, outOfSync: 3 });
  });

  test('leaders counted per live broker, racks kept', () => {
    assert.deepEqual(
      result.brokers.filter((b) => b.live).map((b) => [b.nodeId, b.rack, b.leaderOf, b.replicas, b.outOfSync]),
      [
        [1, 'zone-a', 2, 4, 0],
        [3, 'zone-c', 2, 4, 0],
      ],
    );
  });

  test('a healthy cluster has no issues', () => {
    const ok = partitionHealth(brokers, [{ name: 't', partitions: [{ partition: 0, leader: 1, replicas: [1, 3], isr: [3, 1] }] }]);
    assert.deepEqual([ok.issues, ok.topics, ok.totals.underReplicated, ok.totals.offline], [[], [], 0, 0]);
  });
});

describe('replicationFactorProblem', () => {
  test('up to the broker count is fine', () => {
    assert.equal(replicationFactorProblem(3, 3), null);
    assert.equal(replicationFactorProblem(1, 1), null);
  });
  test('more replicas than brokers names both numbers and the fix', () => {
    assert.equal(
      replicationFactorProblem(3, 1),
      'replication factor 3 needs 3 brokers, but the Kafka cluster has 1 live broker(s); use a replication factor of at most 1',
    );
  });
});
