/**
 * Consumer groups against the harness's broker: a classic kafkajs group with lag and its member's assignment; an
 * offset reset refused while the member is in the group (dry run still shows the plan), then performed after it
 * leaves (dry run first, typed confirmation checked); bad resets refused with nothing changed; a KIP-848 group
 * (the Java consumer with group.protocol=consumer) listed with its type, state and member.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import type { GroupDetail, GroupListResponse, ResetOffsetsResult } from '@pipeline-panel/server/contracts';
import { prepareJars } from '../harness/prepare.ts';
import { run, useSuite } from './pipeline-support.ts';

const suite = useSuite('groups');
const topic = `panel-groups-${run}`;
const group = `panel-group-${run}`;

const detail = async (id = group) => {
  const res = await suite.inject({ method: 'GET', url: `/api/consumer-groups/${id}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<GroupDetail>();
};
const reset = (payload: object) => suite.inject({ method: 'POST', url: `/api/consumer-groups/${group}/reset-offsets`, payload });
const committed = async () => (await detail()).partitions.map((p) => p.committed);

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    assert.ok(Date.now() < deadline, `${what}: last ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

let kafka: Kafka;
let consumer: Consumer;

describe('consumer groups against the real broker', { timeout: 240_000 }, () => {
  before(async () => {
    kafka = new Kafka({ clientId: 'panel-groups-test', brokers: suite.env.kafka.brokers, logLevel: logLevel.NOTHING });
    assert.equal((await suite.inject({ method: 'POST', url: '/api/topics', payload: { name: topic, partitions: 2 } })).statusCode, 201);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ value: `m${i}`, partition: i % 2 })) });
    await producer.disconnect();
  });

  test('a classic group with a member: state, assignment, lag per partition and in total', async () => {
    consumer = kafka.consumer({ groupId: group });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let seen = 0;
    await new Promise<void>((resolve) => {
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          seen += 1;
          // Commit 2 of partition 0's 5 and 4 of partition 1's: lag 3 + 1.
          if (partition === 0 && message.offset === '1') await consumer.commitOffsets([{ topic, partition, offset: '2' }]);
          if (partition === 1 && message.offset === '3') await consumer.commitOffsets([{ topic, partition, offset: '4' }]);
          if (seen === 10) resolve();
        },
      });
    });
    const body = await until(
      'the group is stable with its commits',
      () => detail(),
      (d) => d.state === 'Stable' && d.totalLag === 4,
    );
    assert.deepEqual([body.type, body.protocolType, body.members.length], ['classic', 'consumer', 1]);
    assert.deepEqual(body.members[0]?.assignments, [{ topic, partitions: [0, 1] }]);
    assert.equal(body.members[0]?.clientId, 'panel-groups-test');
    assert.deepEqual(
      body.partitions.map((p) => [p.partition, p.committed, p.end, p.lag, p.member]),
      [
        [0, 2, 5, 3, 'panel-groups-test'],
        [1, 4, 5, 1, 'panel-groups-test'],
      ],
    );
    const list = (await suite.inject({ method: 'GET', url: '/api/consumer-groups' })).json<GroupListResponse>();
    const listed = list.groups.find((g) => g.groupId === group);
    assert.deepEqual(listed && [listed.type, listed.state, listed.members, listed.totalLag, listed.topics, listed.connector], [
      'classic',
      'Stable',
      1,
      4,
      [topic],
      null,
    ]);
    const harnessWorker = list.groups.find((g) => g.protocolType === 'connect');
    assert.ok(harnessWorker, 'the Connect worker group is listed too');
  });

  test('a reset while the member is in the group: the dry run shows it, the reset is refused naming the member', async () => {
    const dry = await reset({ to: 'earliest', dryRun: true });
    assert.equal(dry.statusCode, 200, dry.body);
    const plan = dry.json<ResetOffsetsResult>();
    assert.deepEqual(
      plan.partitions.map((p) => [p.partition, p.current, p.new, p.lagAfter]),
      [
        [0, 2, 0, 5],
        [1, 4, 0, 5],
      ],
    );
    assert.equal(plan.applied, false);
    assert.deepEqual(
      plan.blockers.map((m) => m.clientId),
      ['panel-groups-test'],
    );
    const refused = await reset({ to: 'earliest', dryRun: false, confirm: group });
    assert.equal(refused.statusCode, 409, refused.body);
    const body = refused.json<{ code: string; message: string }>();
    assert.equal(body.code, 'GROUP_HAS_MEMBERS');
    assert.match(body.message, /panel-groups-test on \/127\.0\.0\.1/);
    assert.deepEqual(await committed(), [2, 4], 'nothing changed');
  });

  test('after the member leaves: dry run, confirmation checked, then the reset; bad resets change nothing', async () => {
    await consumer.disconnect();
    await until(
      'the group is empty',
      () => detail(),
      (d) => d.members.length === 0,
    );
    const cases: [object, number, string][] = [
      [{ to: 'earliest', dryRun: false }, 400, 'CONFIRMATION_REQUIRED'],
      [{ to: 'earliest', dryRun: false, confirm: 'someone-else' }, 400, 'CONFIRMATION_MISMATCH'],
      [{ to: 'timestamp', timestamp: Date.now() + 86_400_000, dryRun: false, confirm: group }, 400, 'TIMESTAMP_IN_FUTURE'],
      [{ to: 'offset', offset: 6, dryRun: false, confirm: group }, 400, 'OFFSET_OUT_OF_RANGE'],
      [{ to: 'offset', dryRun: false, confirm: group }, 400, 'INVALID_RESET'],
      [{ to: 'yesterday', dryRun: true }, 400, 'INVALID_RESET'],
      [{ to: 'earliest', topics: [`no-such-${run}`], dryRun: false, confirm: group }, 404, 'TOPIC_NOT_FOUND'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await reset(payload);
      assert.equal(res.statusCode, status, `${JSON.stringify(payload)}: ${res.body}`);
      assert.equal(res.json<{ code: string }>().code, code);
    }
    assert.deepEqual(await committed(), [2, 4], 'nothing changed');

    const dry = (await reset({ to: 'offset', offset: 1, dryRun: true })).json<ResetOffsetsResult>();
    assert.deepEqual([dry.blockers.length, dry.partitions.map((p) => p.new)], [0, [1, 1]]);
    assert.deepEqual(await committed(), [2, 4], 'a dry run changes nothing');
    const applied = await reset({ to: 'offset', offset: 1, dryRun: false, confirm: group });
    assert.equal(applied.statusCode, 200, applied.body);
    assert.equal(applied.json<ResetOffsetsResult>().applied, true);
    assert.deepEqual(await committed(), [1, 1]);
    assert.equal((await detail()).totalLag, 8);
    assert.equal((await reset({ to: 'latest', topics: [topic], dryRun: false, confirm: group })).statusCode, 200);
    assert.deepEqual(await committed(), [5, 5]);
    const unknown = await suite.inject({ method: 'GET', url: `/api/consumer-groups/no-such-group-${run}` });
    assert.deepEqual([unknown.statusCode, unknown.json<{ code: string }>().code], [404, 'CONSUMER_GROUP_NOT_FOUND']);
  });

  test('a KIP-848 consumer group (group.protocol=consumer) is listed with its type, state and member', async () => {
    const kip848 = `panel-kip848-${run}`;
    const { kafkaJarsDir } = await prepareJars(); // already fetched: returns the harness's Kafka jars
    const child = spawn(
      'java',
      [
        '-Xmx128m',
        '-cp',
        join(kafkaJarsDir, '*'),
        'org.apache.kafka.tools.consumer.ConsoleConsumer',
        '--bootstrap-server',
        suite.env.kafka.brokers[0] as string,
        '--topic',
        topic,
        '--group',
        kip848,
        '--command-property',
        'group.protocol=consumer',
      ],
      { stdio: 'ignore' },
    );
    try {
      const read = async () => {
        const res = await suite.inject({ method: 'GET', url: `/api/consumer-groups/${kip848}` });
        return res.statusCode === 404 ? null : res.json<GroupDetail>();
      };
      const body = (await until(
        'the KIP-848 group has its member',
        read,
        (d) => d !== null && d.members.length === 1 && d.members[0]!.assignments.length > 0,
        90_000,
      )) as GroupDetail;
      assert.deepEqual([body.type, body.protocolType], ['consumer', 'consumer']);
      assert.match(body.state, /stable/i);
      assert.equal(body.members[0]?.clientId, 'console-consumer');
      assert.deepEqual(body.members[0]?.assignments, [{ topic, partitions: [0, 1] }]);
      const listed = (await suite.inject({ method: 'GET', url: '/api/consumer-groups' }))
        .json<GroupListResponse>()
        .groups.find((g) => g.groupId === kip848);
      assert.deepEqual(listed && [listed.type, listed.members], ['consumer', 1]);
      const refused = await suite.inject({
        method: 'POST',
        url: `/api/consumer-groups/${kip848}/reset-offsets`,
        payload: { to: 'earliest', topics: [topic], dryRun: false, confirm: kip848 },
      });
      assert.equal(refused.json<{ code: string }>().code, 'GROUP_HAS_MEMBERS');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
