/**
 * Topic settings against the harness's broker: every config with its source; editing retention and cleanup policy
 * changes only those (other topic configs survive: incremental, not AlterConfigs' replace-all); delete records
 * before an offset; delete a topic; internal topics and missing or wrong confirmations refused with nothing changed.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import kafkajs from 'kafkajs';
import type { DeleteRecordsResult, TopicConfigsResponse, TopicDetail, UpdateTopicConfigsResult } from '@pipeline-panel/server/contracts';
import { run, useSuite } from './pipeline-support.ts';

const { Kafka, logLevel, ConfigResourceTypes } = kafkajs;
const suite = useSuite('topic-settings');
const topic = `panel-settings-${run}`;

const configs = async (name = topic) => {
  const res = await suite.inject({ method: 'GET', url: `/api/topics/${name}/configs` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<TopicConfigsResponse>();
};
const config = async (name: string) => (await configs()).configs.find((c) => c.name === name);
const put = (payload: object, name = topic) => suite.inject({ method: 'PUT', url: `/api/topics/${name}/configs`, payload });
const detail = async (name = topic) => (await suite.inject({ method: 'GET', url: `/api/topics/${name}` })).json<TopicDetail>();

describe('topic settings against the real broker', () => {
  before(async () => {
    assert.equal(
      (await suite.inject({ method: 'POST', url: '/api/topics', payload: { name: topic, partitions: 2, retentionMs: 3_600_000 } }))
        .statusCode,
      201,
    );
    // A topic config the panel does not edit, set by another tool: it must survive every edit below.
    const kafka = new Kafka({ clientId: 'panel-settings-test', brokers: suite.env.kafka.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configEntries: [
            { name: 'segment.ms', value: '7200000' },
            { name: 'retention.ms', value: '3600000' },
          ],
        },
      ],
    });
    await admin.disconnect();
    for (let i = 0; i < 10; i++) {
      const res = await suite.inject({
        method: 'POST',
        url: `/api/topics/${topic}/messages`,
        payload: { partition: i % 2, value: { format: 'text', text: `m${i}` } },
      });
      assert.equal(res.statusCode, 201, res.body);
    }
  });

  test('every config with its source: the topic’s own, and defaults', async () => {
    const body = await configs();
    assert.equal(body.internal, null);
    assert.ok(body.configs.length > 20, `${body.configs.length} configs`);
    assert.deepEqual((await config('retention.ms')) && { ...(await config('retention.ms')), synonyms: [] }, {
      name: 'retention.ms',
      value: '3600000',
      source: 'topic',
      readOnly: false,
      sensitive: false,
      editable: true,
      synonyms: [],
    });
    const cleanup = await config('cleanup.policy');
    assert.deepEqual([cleanup?.value, cleanup?.source, cleanup?.editable], ['delete', 'default', true]);
    assert.deepEqual([(await config('segment.ms'))?.source, (await config('segment.ms'))?.editable], ['topic', false]);
    assert.deepEqual(cleanup?.synonyms, [{ name: 'log.cleanup.policy', value: 'delete', source: 'default' }]);
  });

  test('editing retention and cleanup policy keeps every other topic config; the same edit again changes nothing', async () => {
    assert.equal((await config('retention.ms'))?.value, '3600000'); // now in the read cache
    const res = await put({ 'retention.ms': 7_200_000, 'cleanup.policy': 'compact,delete', 'retention.bytes': 1_048_576 });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await config('retention.ms'))?.value, '7200000', 'the edit dropped the cached configs at once');
    const result = res.json<UpdateTopicConfigsResult>();
    assert.deepEqual(
      result.changed.map((c) => [c.name, c.from, c.to, c.source]),
      [
        ['retention.ms', '3600000', '7200000', 'topic'],
        ['cleanup.policy', 'delete', 'compact,delete', 'topic'],
        ['retention.bytes', '-1', '1048576', 'topic'],
      ],
    );
    assert.equal((await config('segment.ms'))?.value, '7200000', 'the config set by another tool is still there');
    const again = (await put({ 'retention.ms': 7_200_000, 'cleanup.policy': 'compact,delete' })).json<UpdateTopicConfigsResult>();
    assert.deepEqual([again.changed.length, again.unchanged], [0, ['retention.ms', 'cleanup.policy']]);
    assert.match(again.message, /^Nothing changed/);
    // null puts the broker's value back (the topic's own setting is removed).
    const reset = (await put({ 'retention.bytes': null, 'cleanup.policy': null })).json<UpdateTopicConfigsResult>();
    assert.deepEqual(
      reset.changed.map((c) => [c.name, c.to, c.source]),
      [
        ['retention.bytes', '-1', 'default'],
        ['cleanup.policy', 'delete', 'default'],
      ],
    );
    assert.equal((await config('segment.ms'))?.value, '7200000');
    assert.equal((await config('retention.ms'))?.value, '7200000');
  });

  test('delete the records before an offset; again changes nothing; past the end is refused', async () => {
    const before = await detail();
    assert.deepEqual(
      before.partitions.map((p) => [p.startOffset, p.endOffset]),
      [
        [0, 5],
        [0, 5],
      ],
    );
    const res = await suite.inject({
      method: 'POST',
      url: `/api/topics/${topic}/delete-records`,
      payload: { confirm: topic, partitions: [{ partition: 0, offset: 3 }] },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json<DeleteRecordsResult>().partitions, [{ partition: 0, lowBefore: 0, lowAfter: 3, deleted: 3 }]);
    const again = await suite.inject({
      method: 'POST',
      url: `/api/topics/${topic}/delete-records`,
      payload: { confirm: topic, partitions: [{ partition: 0, offset: 3 }] },
    });
    assert.equal(again.json<DeleteRecordsResult>().partitions[0]?.deleted, 0);
    const after = await detail();
    assert.deepEqual(
      after.partitions.map((p) => [p.startOffset, p.endOffset]),
      [
        [3, 5],
        [0, 5],
      ],
    );
    const page = (await suite.inject({ method: 'GET', url: `/api/topics/${topic}/messages?partition=0&from=oldest` })).json<{
      messages: { offset: number }[];
    }>();
    assert.deepEqual(
      page.messages.map((m) => m.offset),
      [3, 4],
    );
  });

  test('bad input and internal topics: specific 4xx, nothing changed', async () => {
    const snapshot = async () => [
      (await configs()).configs.map((c) => `${c.name}=${c.value}`).join('|'),
      JSON.stringify((await detail()).partitions),
    ];
    const before = await snapshot();
    const cases: [string, 'PUT' | 'POST' | 'DELETE', string, object, number, string][] = [
      [
        'past the end',
        'POST',
        `/api/topics/${topic}/delete-records`,
        { confirm: topic, partitions: [{ partition: 1, offset: 99 }] },
        400,
        'OFFSET_OUT_OF_RANGE',
      ],
      [
        'no such partition',
        'POST',
        `/api/topics/${topic}/delete-records`,
        { confirm: topic, partitions: [{ partition: 5, offset: 1 }] },
        404,
        'PARTITION_NOT_FOUND',
      ],
      [
        'no confirmation',
        'POST',
        `/api/topics/${topic}/delete-records`,
        { partitions: [{ partition: 1, offset: 1 }] },
        400,
        'CONFIRMATION_REQUIRED',
      ],
      [
        'wrong confirmation',
        'POST',
        `/api/topics/${topic}/delete-records`,
        { confirm: 'nope', partitions: [{ partition: 1, offset: 1 }] },
        400,
        'CONFIRMATION_MISMATCH',
      ],
      ['delete without confirmation', 'DELETE', `/api/topics/${topic}`, {}, 400, 'CONFIRMATION_REQUIRED'],
      [
        'delete with a wrong confirmation',
        'DELETE',
        `/api/topics/${topic}`,
        { confirm: topic.toUpperCase() },
        400,
        'CONFIRMATION_MISMATCH',
      ],
      ['retention below the minimum', 'PUT', `/api/topics/${topic}/configs`, { 'retention.ms': 5 }, 400, 'INVALID_RETENTION'],
      ['an unknown policy', 'PUT', `/api/topics/${topic}/configs`, { 'cleanup.policy': 'forever' }, 400, 'INVALID_CONFIG'],
      ['a config the panel does not edit', 'PUT', `/api/topics/${topic}/configs`, { 'segment.ms': 1 }, 400, 'VALIDATION_FAILED'],
      ['nothing to change', 'PUT', `/api/topics/${topic}/configs`, {}, 400, 'VALIDATION_FAILED'],
      ['_schemas', 'DELETE', '/api/topics/_schemas', { confirm: '_schemas' }, 403, 'INTERNAL_TOPIC'],
      ['__consumer_offsets', 'PUT', '/api/topics/__consumer_offsets/configs', { 'retention.ms': 600_000 }, 403, 'INTERNAL_TOPIC'],
      [
        'a Connect storage topic',
        'POST',
        '/api/topics/_harness-connect-offsets/delete-records',
        { confirm: '_harness-connect-offsets', partitions: [{ partition: 0, offset: 1 }] },
        403,
        'INTERNAL_TOPIC',
      ],
      ['no such topic', 'DELETE', `/api/topics/no-such-${run}`, { confirm: `no-such-${run}` }, 404, 'TOPIC_NOT_FOUND'],
    ];
    for (const [what, method, url, payload, status, code] of cases) {
      const res = await suite.inject({ method, url, payload });
      assert.equal(res.statusCode, status, `${what}: ${res.body}`);
      assert.equal(res.json<{ code: string }>().code, code, what);
    }
    assert.deepEqual(await snapshot(), before, 'nothing changed');
    const internal = await configs('_harness-connect-configs');
    assert.match(internal.internal ?? '', /bookkeeping|Connect/);
    assert.ok(internal.configs.every((c) => !c.editable));
    const names = (await suite.inject({ method: 'GET', url: '/api/topics' }))
      .json<{ topics: { name: string }[] }>()
      .topics.map((t) => t.name);
    assert.ok(names.includes('_harness-connect-offsets') && names.includes(topic));
  });

  test('delete a topic with its name typed; the shared session keeps reading other topics, and says the deleted one is gone', async () => {
    // Both topics are read first, so the panel's long-lived cluster session asks metadata for both.
    const other = `${topic}-other`;
    assert.equal((await suite.inject({ method: 'POST', url: '/api/topics', payload: { name: other, partitions: 1 } })).statusCode, 201);
    const browse = (name: string) => suite.inject({ method: 'GET', url: `/api/topics/${name}/messages?limit=1` });
    assert.equal((await browse(topic)).statusCode, 200);
    assert.equal((await browse(other)).statusCode, 200);
    const configsBefore = await configs(); // cached now; the delete must drop it
    assert.ok(configsBefore.configs.length > 0);
    const res = await suite.inject({ method: 'DELETE', url: `/api/topics/${topic}`, payload: { confirm: topic } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<{ deleted: boolean }>().deleted, true);
    const deadline = Date.now() + 20_000;
    while ((await suite.inject({ method: 'GET', url: `/api/topics/${topic}` })).statusCode !== 404) {
      assert.ok(Date.now() < deadline, 'the topic is gone');
      await new Promise((r) => setTimeout(r, 250));
    }
    const gone = await browse(topic);
    assert.deepEqual([gone.statusCode, gone.json<{ code: string }>().code], [404, 'TOPIC_NOT_FOUND'], gone.body);
    assert.equal((await browse(other)).statusCode, 200, 'another topic still reads over the replaced session');
    const configsGone = await suite.inject({ method: 'GET', url: `/api/topics/${topic}/configs` });
    assert.equal(configsGone.statusCode, 404, `no cached configs of a deleted topic: ${configsGone.body}`);
    await suite.inject({ method: 'DELETE', url: `/api/topics/${other}`, payload: { confirm: other } });
  });
});
