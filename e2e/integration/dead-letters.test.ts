/**
 * A pipeline's dead-letter topic with real dead letters: the harness's Connect worker runs a FileStream sink with
 * JsonConverter for key and value, errors.tolerance=all and the pipeline's DLQ (context headers on), fed records
 * whose value or key is not JSON — Connect writes them to the DLQ with its `__connect.errors.*` headers. The panel
 * groups them by error, shows the original coordinates and redrives them to the original topic (key, value and own
 * headers kept, a marker header added), never deleting from the DLQ, and asks before redriving a message again.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import type {
  DeadLettersResponse,
  GroupListResponse,
  RedriveResult,
  TopicMessage,
  BrowseMessagesResponse,
} from '@pipeline-panel/server/contracts';
import { pipelineNames, writePipelineFiles } from './smoke-support.ts';
import { run, useSuite } from './pipeline-support.ts';
import { fileSinkConfig, putConnector } from '../lib/file-sink.ts';

const suite = useSuite('dead-letters');
const names = pipelineNames(run, 'dlq', 'pipeline');
const writer = `dlq-writer-${run}`;
const connect = (path: string, init?: RequestInit) => fetch(`${suite.env.connect.url}${path}`, init);

const letters = (query = '') => suite.inject({ method: 'GET', url: `/api/pipelines/${names.id}/dead-letters${query}` });
const redrive = (payload: object) => suite.inject({ method: 'POST', url: `/api/pipelines/${names.id}/dead-letters/redrive`, payload });
const sourceMessages = async () =>
  (await suite.inject({ method: 'GET', url: `/api/topics/${names.topic}/messages?from=oldest&limit=100` })).json<BrowseMessagesResponse>()
    .messages;

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    assert.ok(Date.now() < deadline, `${what}: last ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

describe('dead letters written by a real Connect worker', { timeout: 300_000 }, () => {
  before(async () => {
    writePipelineFiles(suite.projectDir, names);
    // A second pipeline file without a dead-letter topic.
    writeFileSync(
      join(suite.projectDir, 'connectors', 'no-dlq.json'),
      JSON.stringify({
        name: `no-dlq-${run}`,
        config: { 'connector.class': 'com.clickhouse.kafka.connect.ClickHouseSinkConnector', topics: `nodlq-${run}` },
      }),
    );
    assert.equal(
      (await suite.inject({ method: 'POST', url: '/api/topics', payload: { name: names.topic, partitions: 2 } })).statusCode,
      201,
    );
    const kafka = new Kafka({ clientId: 'panel-dlq-test', brokers: suite.env.kafka.brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: names.topic,
      messages: [
        ...[1, 2, 3].map((i) => ({
          partition: i % 2,
          key: JSON.stringify(`k${i}`),
          value: `not json {${i}`,
          headers: { 'trace-id': `t-${i}` },
        })),
        ...[4, 5].map((i) => ({ partition: 0, key: `bad key ${i}`, value: JSON.stringify({ i }) })),
        { partition: 1, key: '"ok"', value: '{"fine":true}' },
      ],
    });
    await producer.disconnect();
    const res = await putConnector(
      suite.env.connect.url,
      writer,
      fileSinkConfig({ topic: names.topic, file: join(mkdtempSync(join(tmpdir(), 'panel-dlq-')), 'out.txt'), deadLetterTopic: names.dlq }),
    );
    assert.ok(res.ok, await res.text());
  });

  after(async () => {
    await connect(`/connectors/${writer}`, { method: 'DELETE' }).catch(() => undefined);
  });

  test('the dead letters are grouped by error, each with its original topic, partition and offset', async () => {
    const body = await until(
      'Connect wrote 5 dead letters',
      async () => (await letters()).json<DeadLettersResponse>(),
      (b) => b.exists && b.scanned === 5,
    );
    assert.deepEqual([body.topic, body.total], [names.dlq, 5]);
    assert.deepEqual(
      body.groups.map((g) => [g.stage, g.className, g.exceptionClass, g.count, g.originalTopics]),
      [
        [
          'VALUE_CONVERTER',
          'org.apache.kafka.connect.json.JsonConverter',
          'org.apache.kafka.connect.errors.DataException',
          3,
          [names.topic],
        ],
        ['KEY_CONVERTER', 'org.apache.kafka.connect.json.JsonConverter', 'org.apache.kafka.connect.errors.DataException', 2, [names.topic]],
      ],
    );
    const values = body.groups[0]!;
    assert.match(values.pattern, /serialization error/);
    assert.ok(!/\d/.test(values.pattern.replace(/<n>/g, '')) || values.pattern.includes('<n>'), values.pattern);
    const first = values.messages.find((m) => m.headers.some((h) => h.value === 't-1'))!;
    assert.deepEqual([first.value.format, first.value.text, first.key.text], ['text', 'not json {1', '"k1"']);
    assert.deepEqual(first.headers, [{ key: 'trace-id', value: 't-1', encoding: 'text' }]);
    assert.deepEqual(first.original, { topic: names.topic, partition: 1, offset: 0 });
    assert.match(first.error.message ?? '', /Converting byte\[\] to Kafka Connect data failed/);
    assert.match(first.error.stacktrace ?? '', /DataException/);
    assert.deepEqual([first.error.connector, first.error.task, first.redrives], [writer, '0', []]);
  });

  test("the sink's consumer group links to its connector", async () => {
    const groups = (await suite.inject({ method: 'GET', url: '/api/consumer-groups' })).json<GroupListResponse>().groups;
    const sink = groups.find((g) => g.groupId === `connect-${writer}`);
    assert.equal(sink?.connector, writer);
  });

  test('redrive one error group: original key, value and headers plus a marker; the DLQ keeps everything', async () => {
    assert.ok((await connect(`/connectors/${writer}/pause`, { method: 'PUT' })).ok); // so the sink does not re-read them
    const listed = await letters();
    assert.equal(listed.statusCode, 200, listed.body);
    const before = listed.json<DeadLettersResponse>();
    const group = before.groups.find((g) => g.stage === 'VALUE_CONVERTER')!;
    const sourceBefore = await sourceMessages();
    const res = await redrive({ group: group.key });
    assert.equal(res.statusCode, 200, res.body);
    const result = res.json<RedriveResult>();
    assert.deepEqual([result.redriven, result.repeated], [3, 0]);
    for (const r of result.results) assert.equal(r.to.topic, names.topic);

    const added = (await sourceMessages()).filter((m) => !sourceBefore.some((b) => b.partition === m.partition && b.offset === m.offset));
    assert.equal(added.length, 3);
    const t1 = added.find((m) => m.headers.some((h) => h.key === 'trace-id' && h.value === 't-1')) as TopicMessage;
    assert.deepEqual([t1.partition, t1.key.text, t1.value.text], [1, '"k1"', 'not json {1']);
    assert.ok(!t1.headers.some((h) => h.key.startsWith('__connect.errors.')));
    const marker = JSON.parse(t1.headers.find((h) => h.key === 'pipeline-panel.redrive')?.value ?? '{}') as { dlq?: { topic: string } };
    assert.equal(marker.dlq?.topic, names.dlq);

    const afterRedrive = (await letters()).json<DeadLettersResponse>();
    assert.equal(afterRedrive.total, 5, 'nothing was deleted from the DLQ');
    const again = afterRedrive.groups.find((g) => g.key === group.key)!;
    assert.equal(again.redriven, 3);
    assert.equal(again.messages[0]!.redrives[0]?.topic, names.topic);
  });

  test('a second redrive asks first (409) and sends nothing; with confirmRepeat it goes', async () => {
    const group = (await letters()).json<DeadLettersResponse>().groups.find((g) => g.stage === 'VALUE_CONVERTER')!;
    const count = (await sourceMessages()).length;
    const refused = await redrive({ group: group.key });
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json<{ code: string }>().code, 'ALREADY_REDRIVEN');
    assert.equal((await sourceMessages()).length, count, 'nothing was sent');
    const confirmed = await redrive({ group: group.key, confirmRepeat: true });
    assert.deepEqual([confirmed.json<RedriveResult>().redriven, confirmed.json<RedriveResult>().repeated], [3, 3]);
    assert.equal((await sourceMessages()).length, count + 3);
    const twice = (await letters()).json<DeadLettersResponse>().groups.find((g) => g.key === group.key)!;
    assert.ok(twice.messages.every((m) => m.redrives.length === 2));
  });

  test('redrive a selection; bad input changes nothing', async () => {
    const keyGroup = (await letters()).json<DeadLettersResponse>().groups.find((g) => g.stage === 'KEY_CONVERTER')!;
    const one = keyGroup.messages[0]!;
    const count = (await sourceMessages()).length;
    const cases: [object, number, string][] = [
      [{}, 400, 'VALIDATION_FAILED'],
      [{ group: keyGroup.key, messages: [{ partition: one.partition, offset: one.offset }] }, 400, 'VALIDATION_FAILED'],
      [{ group: '0123456789abcdef' }, 404, 'DEAD_LETTER_NOT_FOUND'],
      [{ group: 'not-a-key' }, 400, 'VALIDATION_FAILED'],
      [{ messages: [{ partition: 0, offset: 999 }] }, 404, 'DEAD_LETTER_NOT_FOUND'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await redrive(payload);
      assert.equal(res.statusCode, status, `${JSON.stringify(payload)}: ${res.body}`);
      assert.equal(res.json<{ code: string }>().code, code);
    }
    const noDlq = await suite.inject({ method: 'GET', url: `/api/pipelines/no-dlq-${run}/dead-letters` });
    assert.deepEqual([noDlq.statusCode, noDlq.json<{ code: string }>().code], [404, 'NO_DEAD_LETTER_TOPIC']);
    const unknown = await suite.inject({ method: 'GET', url: `/api/pipelines/nope-${run}/dead-letters` });
    assert.deepEqual([unknown.statusCode, unknown.json<{ code: string }>().code], [404, 'PIPELINE_NOT_FOUND']);
    assert.equal((await letters('?limit=5000')).json<{ code: string }>().code, 'INVALID_LIMIT');
    assert.equal((await sourceMessages()).length, count, 'nothing was sent');

    const res = await redrive({ messages: [{ partition: one.partition, offset: one.offset }] });
    assert.equal(res.statusCode, 200, res.body);
    const landed = res.json<RedriveResult>().results[0]!;
    const sent = (await sourceMessages()).find((m) => m.partition === landed.to.partition && m.offset === landed.to.offset)!;
    assert.deepEqual([sent.key.text, sent.value.text], [one.key.text, one.value.text]);
  });
});
