/**
 * The multi-node views against the cluster harness: three KRaft brokers (racks zone-a..c), two Connect workers in
 * one group. A broker is stopped and a worker killed here, and both brought back before the file ends.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type {
  BrokersResponse,
  ConnectWorkersResponse,
  CreateTopicResult,
  ReplicasResponse,
  TopicDetail,
  TopicListResponse,
} from '@pipeline-panel/server/contracts';
import { run } from '../integration/pipeline-support.ts';
import { eventually, useClusterSuite } from './cluster-support.ts';
import { fileSinkConfig, putConnector } from '../lib/file-sink.ts';

const suite = useClusterSuite('cluster');
const topic = `panel-cluster-${run}`;
const connector = `panel-cluster-sink-${run}`;

const brokers = async () => {
  const res = await suite.inject({ method: 'GET', url: '/api/kafka/brokers' });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<BrokersResponse>();
};
const workers = async () => {
  const res = await suite.inject({ method: 'GET', url: '/api/connect/workers' });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<ConnectWorkersResponse>();
};
const ourIssues = (b: BrokersResponse) => b.issues.filter((i) => i.topic === topic);

describe('multi-node views on three brokers and two Connect workers', { timeout: 900_000 }, () => {
  test('brokers: three live brokers with their racks, the controller among them, partitions led on each', async () => {
    const body = await brokers();
    assert.deepEqual(
      body.brokers.map((b) => [b.nodeId, b.rack, b.live, b.address]),
      suite.cluster.kafka.nodes.map((n) => [n.nodeId, n.rack, true, n.address]),
    );
    assert.ok(
      body.brokers.some((b) => b.nodeId === body.controller),
      `controller ${body.controller}`,
    );
    assert.equal(
      body.brokers.reduce((n, b) => n + b.leaderOf, 0),
      body.totals.partitions - body.totals.offline,
    );
    assert.equal(body.totals.offline, 0);
  });

  test('a topic at replication factor 3 on three brokers; 4 is refused with a specific error', async () => {
    const refused = await suite.inject({
      method: 'POST',
      url: '/api/topics',
      payload: { name: topic, partitions: 3, replicationFactor: 4 },
    });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(refused.json<{ code: string }>().code, 'REPLICATION_FACTOR_TOO_HIGH');
    assert.match(
      refused.json<{ message: string }>().message,
      /the Kafka cluster has 3 live broker\(s\); use a replication factor of at most 3/,
    );
    const wizard = await suite.inject({
      method: 'POST',
      url: '/api/wizard/topic/validate',
      payload: { mode: 'new', name: topic, partitions: 3, replicationFactor: 4 },
    });
    assert.equal(wizard.json<{ code: string }>().code, 'REPLICATION_FACTOR_TOO_HIGH', wizard.body);

    const created = await suite.inject({
      method: 'POST',
      url: '/api/topics',
      payload: { name: topic, partitions: 3, replicationFactor: 3 },
    });
    assert.equal(created.statusCode, 201, created.body);
    suite.removeAfter(topic);
    assert.equal(created.json<CreateTopicResult>().created, true);
    const detail = (await suite.inject({ method: 'GET', url: `/api/topics/${topic}` })).json<TopicDetail>();
    assert.equal(detail.replicationFactor, 3);
    for (const p of detail.partitions) assert.deepEqual([...p.replicas].sort(), [1, 2, 3]);
    const list = (await suite.inject({ method: 'GET', url: '/api/topics' })).json<TopicListResponse>();
    assert.equal(list.topics.find((t) => t.name === topic)?.replicationFactor, 3);
    for (const internal of ['_harness-connect-configs', '_harness-connect-offsets', '_harness-connect-status', '__consumer_offsets'])
      assert.equal(list.topics.find((t) => t.name === internal)?.replicationFactor, 3, internal);
  });

  test('one broker stopped: its partitions are under-replicated, per topic and in total; back: none', async () => {
    const stopped = 2;
    await suite.control.brokerStop(stopped);
    try {
      const body = await eventually(
        brokers,
        (b) => ourIssues(b).length === 3 && b.brokers.some((x) => x.nodeId === stopped && !x.live),
        `partitions of ${topic} under-replicated after broker ${stopped} stopped`,
        60_000,
      );
      for (const issue of ourIssues(body)) {
        assert.equal(issue.issue, 'under-replicated');
        assert.deepEqual(issue.missing, [stopped]);
        assert.notEqual(issue.leader, stopped);
      }
      assert.deepEqual(
        body.topics.find((t) => t.topic === topic),
        {
          topic,
          partitions: 3,
          replicationFactor: 3,
          underReplicated: 3,
          offline: 0,
        },
      );
      assert.ok(body.totals.underReplicated >= 3);
      const gone = body.brokers.find((b) => b.nodeId === stopped)!;
      assert.deepEqual([gone.address, gone.leaderOf], [null, 0]);
      assert.ok(gone.outOfSync >= 3);
    } finally {
      await suite.control.brokerStart(stopped);
    }
    await eventually(
      brokers,
      (b) => b.totals.underReplicated === 0 && b.brokers.every((x) => x.live),
      'every partition back in sync',
      120_000,
    );
  });

  test('one Connect worker killed: its tasks move to the other worker and are shown as moved', async () => {
    const [first, second] = suite.cluster.connect.workers;
    const put = await putConnector(
      first!.url,
      connector,
      fileSinkConfig({ topic, file: join(suite.projectDir, `out-${run}.txt`), tasks: 2 }),
    );
    assert.ok(put.ok, await put.text());
    const ours = (w: ConnectWorkersResponse) => w.placements.filter((p) => p.connector === connector);
    try {
      const before = await eventually(
        workers,
        (w) =>
          ours(w).length === 3 &&
          ours(w).every((p) => p.state === 'RUNNING') &&
          w.workers.filter((x) => x.state === 'running').length === 2,
        'the connector and both tasks RUNNING, spread over both workers',
        120_000,
      );
      assert.deepEqual(
        before.workers.map((w) => [w.workerId, w.isPanelEndpoint]),
        [first!, second!].map((w) => [w.workerId, w === first]).sort(),
      );
      const onSecond = ours(before).filter((p) => p.workerId === second!.workerId);
      assert.ok(onSecond.length > 0, `Connect balances 3 units over 2 workers: ${JSON.stringify(ours(before))}`);

      await suite.control.connectWorkerKill(2);
      // The group notices after the worker's session timeout (10 s), then waits scheduled.rebalance.max.delay.ms (10 s).
      const after = await eventually(
        workers,
        (w) => ours(w).every((p) => p.workerId === first!.workerId && p.state === 'RUNNING'),
        `everything of ${connector} RUNNING on ${first!.workerId}`,
        180_000,
      );
      for (const p of ours(after)) {
        const wasOnSecond = onSecond.some((o) => o.task === p.task);
        assert.equal(p.movedFrom, wasOnSecond ? second!.workerId : null, `task ${p.task}`);
        assert.equal(p.movedAt !== null, wasOnSecond);
      }
      assert.equal(after.workers.find((w) => w.workerId === second!.workerId)?.state, 'missing');
    } finally {
      await suite.control.connectWorkerStart(2);
      await fetch(`${first!.url}/connectors/${connector}`, { method: 'DELETE' });
    }
  });

  test('replicas: the harness ClickHouse (chdb) has no Replicated tables', async () => {
    const res = await suite.inject({ method: 'GET', url: '/api/clickhouse/replicas' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json<ReplicasResponse>().replicas, []);
  });
});
