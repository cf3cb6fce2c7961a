/**
 * Browsing and producing messages against the harness's Kafka and registry: decoding Confluent-framed Avro (with
 * subject, version and schema id), JSON, text and bytes; paging by cursor over all partitions; filters; reading
 * from an offset or a timestamp; producing with a pinned schema version; and bad input that changes nothing.
 * Reading never joins a consumer group: the broker's group list is the same before and after.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import type { BrowseMessagesResponse, ProduceMessageResult, TopicDetail, TopicMessage } from '@pipeline-panel/server/contracts';
import { run, useSuite } from './pipeline-support.ts';

const suite = useSuite('messages');
const topic = `panel-messages-${run}`;
const subject = `${topic}-value`;

const v1 = {
  type: 'record',
  name: 'Order',
  fields: [
    { name: 'order_id', type: 'string' },
    { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
    { name: 'created_at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
};
const v2 = { ...v1, fields: [...v1.fields, { name: 'channel', type: 'string', default: 'web' }] };

async function register(schema: object): Promise<number> {
  const res = await fetch(`${suite.env.registry.url}/subjects/${subject}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(schema) }),
  });
  const text = await res.text();
  assert.ok(res.ok, text);
  return (JSON.parse(text) as { id: number }).id;
}

const browse = async (query: string) => {
  const res = await suite.inject({ method: 'GET', url: `/api/topics/${topic}/messages?${query}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<BrowseMessagesResponse>();
};
const produce = (payload: object) => suite.inject({ method: 'POST', url: `/api/topics/${topic}/messages`, payload });
const endOffsets = async () =>
  (await suite.inject({ method: 'GET', url: `/api/topics/${topic}` })).json<TopicDetail>().partitions.map((p) => p.endOffset);

let kafka: Kafka;
let v1Id: number;
let v2Id: number;
let beforeAll: number;

describe('messages: browse and produce against the real broker and registry', () => {
  before(async () => {
    kafka = new Kafka({ clientId: 'panel-messages-test', brokers: suite.env.kafka.brokers, logLevel: logLevel.NOTHING });
    const created = await suite.inject({ method: 'POST', url: '/api/topics', payload: { name: topic, partitions: 3 } });
    assert.equal(created.statusCode, 201, created.body);
    v1Id = await register(v1);
    v2Id = await register(v2);
    assert.notEqual(v1Id, v2Id);
    beforeAll = Date.now();
  });

  test('produce Avro with a pinned version (v1 while v2 is latest), JSON, text and a tombstone; say where each landed', async () => {
    const avro = await produce({
      key: 'o-1',
      partition: 0,
      headers: [{ key: 'trace-id', value: 't-1' }],
      value: { format: 'avro', subject, version: 1, json: { order_id: 'o-1', amount: '19.99', created_at: 1767225600123, note: 'first' } },
    });
    assert.equal(avro.statusCode, 201, avro.body);
    const landed = avro.json<ProduceMessageResult>();
    assert.deepEqual([landed.partition, landed.offset, landed.schemaId, landed.version], [0, 0, v1Id, 1]);
    assert.match(landed.message, /partition 0 at offset 0/);

    // A v2-only field does not fit v1: the pinned version is what validates, not the latest.
    const v2Only = await produce({
      value: { format: 'avro', subject, version: 1, json: { order_id: 'o-2', amount: '1.00', created_at: 1, channel: 'app' } },
    });
    assert.equal(v2Only.statusCode, 400, v2Only.body);
    assert.equal(v2Only.json<{ code: string }>().code, 'INVALID_MESSAGE_VALUE');
    const withV2 = await produce({
      partition: 0,
      value: { format: 'avro', subject, version: 2, json: { order_id: 'o-2', amount: '1.00', created_at: 1, channel: 'app' } },
    });
    assert.equal(withV2.json<ProduceMessageResult>().schemaId, v2Id);

    for (const value of [
      { format: 'json', json: { hello: 'world', n: 1 } },
      { format: 'text', text: 'plain text ünïcode' },
      { format: 'null' },
    ]) {
      const res = await produce({ key: 'k', partition: 1, value });
      assert.equal(res.statusCode, 201, res.body);
    }
    // Bytes that are neither text nor framed, and a header that is not text: produced by a plain client.
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        {
          partition: 2,
          key: Buffer.from([0xff, 0x00]),
          value: Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01]),
          headers: { raw: Buffer.from([0x00, 0x9f]) },
        },
      ],
    });
    await producer.disconnect();
    assert.deepEqual(await endOffsets(), [2, 3, 1]);
  });

  test('decoding: Avro with subject, version and id; JSON; text; null; bytes as hex and base64; headers', async () => {
    const page = await browse('from=oldest&limit=50');
    assert.equal(page.messages.length, 6);
    const at = (partition: number, offset: number) =>
      page.messages.find((m) => m.partition === partition && m.offset === offset) as TopicMessage;
    const avro = at(0, 0);
    assert.equal(avro.value.format, 'avro');
    assert.deepEqual(JSON.parse(avro.value.text as string), {
      order_id: 'o-1',
      amount: '19.99',
      created_at: '2026-01-01T00:00:00.123Z',
      note: 'first',
    });
    assert.deepEqual([avro.value.schemaId, avro.value.subject, avro.value.version], [v1Id, subject, 1]);
    assert.deepEqual(avro.key, { ...avro.key, format: 'text', text: 'o-1' });
    assert.deepEqual(avro.headers, [{ key: 'trace-id', value: 't-1', encoding: 'text' }]);
    assert.equal(at(0, 1).value.version, 2);
    assert.deepEqual([at(1, 0).value.format, at(1, 0).value.text], ['json', '{"hello":"world","n":1}']);
    assert.deepEqual([at(1, 1).value.format, at(1, 1).value.text], ['text', 'plain text ünïcode']);
    assert.deepEqual([at(1, 2).value.format, at(1, 2).value.text, at(1, 2).value.bytes], ['null', null, 0]);
    const binary = at(2, 0);
    assert.deepEqual(
      [binary.value.format, binary.value.text, binary.value.base64],
      ['binary', 'deadbeef01', Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01]).toString('base64')],
    );
    assert.deepEqual([binary.key.format, binary.key.text], ['binary', 'ff00']);
    assert.deepEqual(binary.headers, [{ key: 'raw', value: '009f', encoding: 'hex' }]);
    assert.ok(page.messages.every((m) => m.timestampType === 'CreateTime' && m.timestamp >= beforeAll - 60_000));
    // Oldest first over all partitions: by timestamp.
    const times = page.messages.map((m) => m.timestamp);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
  });

  test('paging newest first over all partitions returns every message exactly once, newest first', async () => {
    const seen: TopicMessage[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: BrowseMessagesResponse = await browse(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(page.messages.length <= 2);
      seen.push(...page.messages);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    assert.equal(cursor, null, 'the last page says there is nothing more');
    assert.equal(seen.length, 6);
    assert.equal(new Set(seen.map((m) => `${m.partition}/${m.offset}`)).size, 6);
    const times = seen.map((m) => m.timestamp);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
  });

  test('one partition, from an offset, from a timestamp; a filter says how many it scanned', async () => {
    const p1 = await browse('partition=1&from=offset&offset=1&limit=10');
    assert.deepEqual(
      p1.messages.map((m) => m.offset),
      [1, 2],
    );
    const newest = await browse('partition=0');
    assert.deepEqual(
      newest.messages.map((m) => m.offset),
      [1, 0],
    );
    const all = await browse('from=oldest');
    const third = [...all.messages].sort((a, b) => a.timestamp - b.timestamp)[3] as TopicMessage;
    const since = await browse(`from=timestamp&timestamp=${third.timestamp}`);
    assert.ok(
      since.messages.length >= 3 && since.messages.every((m) => m.timestamp >= third.timestamp),
      JSON.stringify(since.messages.map((m) => m.timestamp)),
    );
    const filtered = await browse('from=oldest&filter=WORLD');
    assert.deepEqual(
      filtered.messages.map((m) => `${m.partition}/${m.offset}`),
      ['1/0'],
    );
    assert.equal(filtered.scanned, 6, 'every message was read to find the match');
    const byKey = await browse('filter=o-1');
    assert.deepEqual(
      byKey.messages.map((m) => `${m.partition}/${m.offset}`),
      ['0/0'],
    );
  });

  test('a large value is cut at 64 KiB with the flag set; the page stays within its byte bound', async () => {
    const big = 'x'.repeat(100_000);
    assert.equal((await produce({ partition: 2, value: { format: 'text', text: big } })).statusCode, 201);
    const page = await browse('partition=2&limit=1');
    const value = page.messages[0]!.value;
    assert.deepEqual([value.format, value.truncated, value.bytes, value.text?.length], ['text', true, 100_000, 64 * 1024]);
    assert.ok(page.bytes >= 100_000 && page.bytes < 4 * 1024 * 1024);
  });

  test('reading leaves no consumer group behind and commits nothing', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const groups = async () => (await admin.listGroups()).groups.map((g) => g.groupId).sort();
      const before = await groups();
      await browse('from=oldest&limit=500');
      await browse('limit=3');
      await browse('from=timestamp&timestamp=0');
      assert.deepEqual(await groups(), before);
      assert.ok(!before.some((g) => g.includes('pipeline-panel')), before.join(', '));
    } finally {
      await admin.disconnect();
    }
  });

  test('bad input: specific 4xx, nothing read or produced', async () => {
    const ends = await endOffsets();
    const cases: [string, number, string][] = [
      ['partition=0&from=offset&offset=99', 400, 'OFFSET_OUT_OF_RANGE'],
      ['from=offset&offset=0', 400, 'VALIDATION_FAILED'],
      [`from=timestamp&timestamp=${Date.now() + 86_400_000}`, 400, 'TIMESTAMP_IN_FUTURE'],
      ['limit=501', 400, 'INVALID_LIMIT'],
      ['limit=0', 400, 'INVALID_LIMIT'],
      ['partition=7', 404, 'PARTITION_NOT_FOUND'],
      ['cursor=bm90LWEtY3Vyc29y', 400, 'INVALID_CURSOR'],
      ['from=oldest&offset=1', 400, 'VALIDATION_FAILED'],
      [`filter=${'x'.repeat(201)}`, 400, 'INVALID_FILTER'],
    ];
    for (const [query, status, code] of cases) {
      const res = await suite.inject({ method: 'GET', url: `/api/topics/${topic}/messages?${query}` });
      assert.equal(res.statusCode, status, `${query}: ${res.body}`);
      assert.equal(res.json<{ code: string }>().code, code, query);
    }
    // A cursor of a newest-first page is not valid for an oldest-first one.
    const newest = await browse('limit=1');
    const wrong = await suite.inject({ method: 'GET', url: `/api/topics/${topic}/messages?from=oldest&cursor=${newest.nextCursor}` });
    assert.equal(wrong.json<{ code: string }>().code, 'INVALID_CURSOR');
    const missing = await suite.inject({ method: 'GET', url: `/api/topics/no-such-${run}/messages` });
    assert.equal(missing.json<{ code: string }>().code, 'TOPIC_NOT_FOUND');

    const bad: [object, number, string, RegExp?][] = [
      [
        { value: { format: 'avro', subject, version: 1, json: { order_id: 7, amount: '1.234', created_at: 'soon' } } },
        400,
        'INVALID_MESSAGE_VALUE',
        /order_id: expected string.*amount: expected decimal\(10,2\).*created_at: expected timestamp-millis/,
      ],
      [
        { value: { format: 'avro', subject, version: 1, json: { amount: '1.00', created_at: 1 } } },
        400,
        'INVALID_MESSAGE_VALUE',
        /order_id: is missing/,
      ],
      [{ value: { format: 'avro', subject, json: {} } }, 400, 'VALIDATION_FAILED', /version/],
      [{ value: { format: 'avro', subject, version: 9, json: {} } }, 404, 'VERSION_NOT_FOUND'],
      [{ value: { format: 'text' } }, 400, 'VALIDATION_FAILED'],
      [{ partition: 3, value: { format: 'text', text: 'x' } }, 404, 'PARTITION_NOT_FOUND'],
      [{ value: { format: 'yaml', text: 'x' } }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [payload, status, code, message] of bad) {
      const res = await produce(payload);
      assert.equal(res.statusCode, status, `${JSON.stringify(payload)}: ${res.body}`);
      const body = res.json<{ code: string; message: string }>();
      assert.equal(body.code, code);
      if (message) assert.match(body.message, message);
    }
    const unknownTopic = await suite.inject({
      method: 'POST',
      url: `/api/topics/no-such-${run}/messages`,
      payload: { value: { format: 'text', text: 'x' } },
    });
    assert.equal(unknownTopic.statusCode, 404);
    assert.deepEqual(await endOffsets(), ends, 'nothing was produced');
    const topics = (await suite.inject({ method: 'GET', url: '/api/topics' }))
      .json<{ topics: { name: string }[] }>()
      .topics.map((t) => t.name);
    assert.ok(!topics.includes(`no-such-${run}`), 'no topic was auto-created');
  });
});
