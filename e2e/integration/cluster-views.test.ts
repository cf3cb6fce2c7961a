/**
 * The multi-node views on the single-node harness: one broker, one Connect worker, a ClickHouse without Replicated
 * tables. The cluster tier (e2e/cluster) runs the same views on three brokers and two workers.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrokersResponse, ConnectWorkersResponse, ReplicasResponse, TopicListResponse } from '@pipeline-panel/server/contracts';
import { pipelineApp, run, useSuite } from './pipeline-support.ts';

const suite = useSuite('cluster-views');

describe('multi-node views on one node', () => {
  test('brokers: the one broker leads every partition, nothing under-replicated', async () => {
    const res = await suite.inject({ method: 'GET', url: '/api/kafka/brokers' });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<BrokersResponse>();
    assert.equal(body.brokers.length, 1);
    const [broker] = body.brokers;
    assert.equal(broker!.live, true);
    assert.equal(broker!.address, suite.env.kafka.brokers[0]);
    assert.equal(broker!.rack, null, 'the harness broker sets no broker.rack');
    assert.equal(body.controller, broker!.nodeId);
    assert.equal(broker!.leaderOf, body.totals.partitions);
    assert.deepEqual([body.totals.underReplicated, body.totals.offline, body.issues.length], [0, 0, 0]);
  });

  test('a replication factor above the broker count is refused before anything is created', async () => {
    const name = `panel-rf-${run}`;
    const res = await suite.inject({ method: 'POST', url: '/api/topics', payload: { name, partitions: 1, replicationFactor: 2 } });
    assert.equal(res.statusCode, 400, res.body);
    const error = res.json<{ code: string; message: string; details: { brokers: number } }>();
    assert.equal(error.code, 'REPLICATION_FACTOR_TOO_HIGH');
    assert.match(error.message, /^Kafka: replication factor 2 needs 2 brokers, but the Kafka cluster has 1 live broker/);
    assert.equal(error.details.brokers, 1);
    const topics = (await suite.inject({ method: 'GET', url: '/api/topics' })).json<TopicListResponse>().topics;
    assert.equal(
      topics.find((t) => t.name === name),
      undefined,
      'nothing was created',
    );

    const wizardApp = await pipelineApp(suite.port, { wizard: { projectDir: suite.projectDir } });
    try {
      const wizard = await wizardApp.inject({
        method: 'POST',
        url: '/api/wizard/topic/validate',
        payload: { mode: 'new', name, partitions: 1, replicationFactor: 2 },
      });
      assert.equal(wizard.statusCode, 400, wizard.body);
      assert.equal(wizard.json<{ code: string }>().code, 'REPLICATION_FACTOR_TOO_HIGH');
    } finally {
      await wizardApp.close();
    }

    const ok = await suite.inject({ method: 'POST', url: '/api/topics', payload: { name, partitions: 1, replicationFactor: 1 } });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.match(ok.json<{ message: string }>().message, /replication factor 1/);
  });

  test('replicas: the harness ClickHouse has no Replicated tables', async () => {
    const res = await suite.inject({ method: 'GET', url: '/api/clickhouse/replicas' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json<ReplicasResponse>().replicas, []);
  });

  test('workers: answers with the workers that run something (none needed)', async () => {
    const res = await suite.inject({ method: 'GET', url: '/api/connect/workers' });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<ConnectWorkersResponse>();
    for (const w of body.workers) assert.equal(w.state, 'running');
    assert.ok(body.placements.every((p) => p.movedFrom === null));
  });
});
