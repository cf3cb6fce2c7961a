import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import type { ConsumerGroupLag, CreateTopicResult, TopicDetail, TopicListResponse } from '@pipeline-panel/server/contracts';
import { downAddress, pipelineApp, pipelinePort, run, useSuite } from './pipeline-support.ts';

const suite = useSuite('topics');
const topic = `panel-topics-${run}`;

const topicNames = async () =>
  (await suite.inject({ method: 'GET', url: '/api/topics' })).json<TopicListResponse>().topics.map((t) => t.name);

describe('topics against the real Kafka broker', () => {
  test('create, describe and list a topic; re-creating it changes nothing', async () => {
    const res = await suite.inject({ method: 'POST', url: '/api/topics', payload: { name: topic, partitions: 3, retentionMs: 3_600_000 } });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json<CreateTopicResult>().created, true);

    const detail = (await suite.inject({ method: 'GET', url: `/api/topics/${topic}` })).json<TopicDetail>();
    assert.equal(detail.partitions.length, 3);
    assert.equal(detail.replicationFactor, 1);
    assert.equal(detail.retentionMs, 3_600_000);
    assert.equal(detail.configs['retention.ms'], '3600000');
    assert.deepEqual(
      detail.partitions.map((p) => p.endOffset),
      [0, 0, 0],
    );

    const again = await suite.inject({
      method: 'POST',
      url: '/api/topics',
      payload: { name: topic, partitions: 3, retentionMs: 3_600_000 },
    });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json<CreateTopicResult>().created, false);

    const conflict = await suite.inject({ method: 'POST', url: '/api/topics', payload: { name: topic, partitions: 5 } });
    assert.equal(conflict.statusCode, 409);
    assert.equal(conflict.json<{ code: string }>().code, 'TOPIC_EXISTS');
    const list = (await suite.inject({ method: 'GET', url: '/api/topics' })).json<TopicListResponse>();
    const summary = list.topics.find((t) => t.name === topic);
    assert.equal(summary?.partitions, 3, 'the conflicting request did not add partitions');
    assert.equal(summary?.internal, false);
  });

  test('group lag after a real consumer commits', { timeout: 90_000 }, async () => {
    const kafka = new Kafka({ clientId: 'panel-lag-test', brokers: suite.env.kafka.brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ value: `m${i}`, partition: 0 })) });
    await producer.disconnect();

    const group = `panel-lag-${run}`;
    const consumer = kafka.consumer({ groupId: group });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let seen = 0;
    await new Promise<void>((resolve) => {
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ message, partition }) => {
          seen += 1;
          // Commit after the 4th record only: 6 of the 10 stay behind.
          if (seen === 4) {
            await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
            resolve();
          }
        },
      });
    });
    await consumer.disconnect();

    const res = await suite.inject({ method: 'GET', url: `/api/consumer-groups/${group}/lag` });
    assert.equal(res.statusCode, 200, res.body);
    const lag = res.json<ConsumerGroupLag>();
    assert.equal(lag.totalLag, 6);
    const p0 = lag.partitions.find((p) => p.topic === topic && p.partition === 0);
    assert.deepEqual(p0, { topic, partition: 0, committed: 4, end: 10, lag: 6 });

    const unknown = await suite.inject({ method: 'GET', url: `/api/consumer-groups/no-such-group-${run}/lag` });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json<{ code: string }>().code, 'CONSUMER_GROUP_NOT_FOUND');
  });

  test('names of 101 to 249 characters (legal for Kafka) are created and opened, not refused as too long', async () => {
    for (const length of [101, 249]) {
      const name = `long-${run}-`.padEnd(length, 'x');
      const created = await suite.inject({ method: 'POST', url: '/api/topics', payload: { name, partitions: 1 } });
      assert.equal(created.statusCode, 201, created.body);
      const detail = await suite.inject({ method: 'GET', url: `/api/topics/${name}` });
      assert.equal(detail.statusCode, 200, detail.body);
      assert.equal(detail.json<{ name: string }>().name, name);
    }
  });

  test('bad input: illegal names, partitions and retention are specific 400s and create nothing', async () => {
    const before = await topicNames();
    const cases: [unknown, string][] = [
      [{ name: 'has space', partitions: 1 }, 'INVALID_TOPIC_NAME'],
      [{ name: 'a/b', partitions: 1 }, 'INVALID_TOPIC_NAME'],
      [{ name: '..', partitions: 1 }, 'INVALID_TOPIC_NAME'],
      [{ name: 'x'.repeat(250), partitions: 1 }, 'INVALID_TOPIC_NAME'],
      [{ name: `ok-${run}`, partitions: 0 }, 'INVALID_PARTITIONS'],
      [{ name: `ok-${run}`, partitions: 1001 }, 'INVALID_PARTITIONS'],
      [{ name: `ok-${run}`, partitions: 1, retentionMs: 5 }, 'INVALID_RETENTION'],
    ];
    for (const [payload, code] of cases) {
      const res = await suite.inject({ method: 'POST', url: '/api/topics', payload: payload as object });
      assert.equal(res.statusCode, 400, res.body);
      const body = res.json<{ code: string; message: string }>();
      assert.equal(body.code, code);
      if (code === 'INVALID_TOPIC_NAME') assert.ok(body.message.length > 10, 'the reason is given');
    }
    // "." and "_" collide in Kafka metric names: refused when the other spelling exists.
    const dotted = `panel.collide.${run}`;
    assert.equal((await suite.inject({ method: 'POST', url: '/api/topics', payload: { name: dotted, partitions: 1 } })).statusCode, 201);
    const collide = await suite.inject({
      method: 'POST',
      url: '/api/topics',
      payload: { name: dotted.replace(/\./g, '_'), partitions: 1 },
    });
    assert.equal(collide.json<{ code: string }>().code, 'INVALID_TOPIC_NAME');
    assert.match(collide.json<{ message: string }>().message, /collides/);
    const big = await suite.inject({
      method: 'POST',
      url: '/api/topics',
      payload: { name: 'x', partitions: 1, pad: 'y'.repeat(1024 * 1024) },
    });
    assert.equal(big.statusCode, 413);
    assert.deepEqual(
      (await topicNames()).filter((t) => !before.includes(t)),
      [dotted],
    );
    const illegal = await suite.inject({ method: 'GET', url: '/api/topics/a%20b' });
    assert.equal(illegal.json<{ code: string }>().code, 'INVALID_TOPIC_NAME');
    const missing = await suite.inject({ method: 'GET', url: `/api/topics/missing-${run}` });
    assert.equal(missing.statusCode, 404);
  });

  test('a broker that is down answers 503 KAFKA_UNAVAILABLE', { timeout: 60_000 }, async () => {
    const down = await downAddress();
    const app = await pipelineApp(pipelinePort(suite.env, suite.projectDir, { kafka: { brokers: [down] } }));
    try {
      const res = await app.inject({ method: 'GET', url: '/api/topics' });
      assert.equal(res.statusCode, 503);
      const body = res.json<{ code: string; message: string }>();
      assert.equal(body.code, 'KAFKA_UNAVAILABLE');
      assert.ok(body.message.startsWith(`Kafka at ${down}:`), body.message);
    } finally {
      await app.close();
    }
  });
});
