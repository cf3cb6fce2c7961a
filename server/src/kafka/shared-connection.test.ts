import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../errors/app-error.ts';
import { replaceAfter, SharedConnection, type Connectable } from './shared-connection.ts';

/** A fake kafkajs client: counts connects and disconnects; `failConnects` makes the next connects fail. */
function fakeClients() {
  const made: (Connectable & { id: number; disconnected: boolean })[] = [];
  const state = { failConnects: 0 };
  const create = () => {
    const client = {
      id: made.length + 1,
      disconnected: false,
      async connect() {
        if (state.failConnects > 0) {
          state.failConnects -= 1;
          throw Object.assign(new Error('Connection error: connect ECONNREFUSED'), { name: 'KafkaJSConnectionError' });
        }
      },
      async disconnect() {
        client.disconnected = true;
      },
    };
    made.push(client);
    return client;
  };
  return { made, state, create };
}

const shared = (create: () => Connectable, operationTimeoutMs = 1000) =>
  new SharedConnection({ create: create as () => Connectable & { id: number }, target: 'broker:9092', operationTimeoutMs });
const protocolError = (type: string) => Object.assign(new Error(type), { type });
const connectionError = () => Object.assign(new Error('Closed connection'), { name: 'KafkaJSConnectionError' });

describe('SharedConnection', () => {
  test('one client, connected once, for every operation, concurrent ones included', async () => {
    const { made, create } = fakeClients();
    const connection = shared(create);
    const ids = await Promise.all(Array.from({ length: 20 }, () => connection.run(async (c) => (c as { id: number }).id, { retry: true })));
    assert.deepEqual(new Set(ids), new Set([1]));
    assert.equal(made.length, 1);
  });

  test('after a failure without an answer the client is replaced and a read is sent once more', async () => {
    const { made, create } = fakeClients();
    const connection = shared(create);
    let attempts = 0;
    const answer = await connection.run(
      async (c) => {
        attempts += 1;
        if ((c as { id: number }).id === 1) throw connectionError();
        return 'ok';
      },
      { retry: true },
    );
    assert.equal(answer, 'ok');
    assert.equal(attempts, 2);
    assert.equal(made.length, 2);
    assert.equal(made[0]!.disconnected, true, 'the broken client is disconnected');
  });

  test('a failure does not disconnect the client under the operations still running on it', async () => {
    const { made, create } = fakeClients();
    const connection = shared(create);
    let release!: () => void;
    const slow = connection.run(
      async (c) => {
        await new Promise<void>((resolve) => (release = resolve));
        assert.equal((c as unknown as { disconnected: boolean }).disconnected, false, 'still connected while this operation runs');
        return (c as { id: number }).id;
      },
      { retry: true },
    );
    await new Promise((r) => setImmediate(r));
    await assert.rejects(
      connection.run(
        async () => {
          throw connectionError();
        },
        { retry: false },
      ),
      /Closed connection/,
    );
    assert.equal(made.length, 1);
    assert.equal(made[0]!.disconnected, false, 'the broken client waits for the running operation');
    assert.equal(await connection.run(async (c) => (c as { id: number }).id, { retry: true }), 2, 'new operations get a new client');
    release();
    assert.equal(await slow, 1);
    await new Promise((r) => setImmediate(r));
    assert.equal(made[0]!.disconnected, true, 'disconnected once its last operation is done');
  });

  test('a read meeting a moving cluster (leaders after a broker left) is asked again after pauses, a write is not', async () => {
    const { made, create } = fakeClients();
    const connection = shared(create, 5000);
    let attempts = 0;
    const started = Date.now();
    const answer = await connection.run(
      async () => {
        attempts += 1;
        if (attempts <= 3) throw protocolError('NOT_LEADER_FOR_PARTITION');
        return 'ok';
      },
      { retry: true },
    );
    assert.equal(answer, 'ok');
    assert.equal(attempts, 4);
    assert.equal(made.length, 4, 'a fresh client (fresh metadata) each time');
    assert.ok(Date.now() - started >= 250 + 500 + 750 - 50, 'paused between attempts');
    let writes = 0;
    await assert.rejects(
      connection.run(
        async () => {
          writes += 1;
          throw protocolError('NOT_LEADER_FOR_PARTITION');
        },
        { retry: false },
      ),
      /NOT_LEADER_FOR_PARTITION/,
    );
    assert.equal(writes, 1);
  });

  test('a write is sent once: its failure is the answer (and the next operation gets a new client)', async () => {
    const { made, create } = fakeClients();
    const connection = shared(create);
    let attempts = 0;
    await assert.rejects(
      connection.run(
        async () => {
          attempts += 1;
          throw connectionError();
        },
        { retry: false },
      ),
      /Closed connection/,
    );
    assert.equal(attempts, 1);
    await connection.run(async () => 'ok', { retry: false });
    assert.equal(made.length, 2);
  });

  test('a protocol answer from the broker keeps the client and is not retried', async () => {
    const { made, create } = fakeClients();
    const connection = shared(create);
    let attempts = 0;
    await assert.rejects(
      connection.run(
        async () => {
          attempts += 1;
          throw protocolError('TOPIC_ALREADY_EXISTS');
        },
        { retry: true },
      ),
      /TOPIC_ALREADY_EXISTS/,
    );
    assert.equal(attempts, 1);
    await connection.run(async () => 'ok', { retry: true });
    assert.equal(made.length, 1);
  });

  test("a stale view of the cluster (a deleted topic in kafkajs' metadata) replaces the client", () => {
    assert.equal(replaceAfter(protocolError('UNKNOWN_TOPIC_OR_PARTITION')), true);
    assert.equal(replaceAfter(protocolError('NOT_CONTROLLER')), true);
    assert.equal(replaceAfter(protocolError('INVALID_REPLICATION_FACTOR')), false);
    assert.equal(replaceAfter(new TypeError("Cannot destructure property 'topicMetadata' of null")), true);
    assert.equal(replaceAfter(new AppError(404, 'CONSUMER_GROUP_NOT_FOUND', 'no group')), false, "the panel's own verdict");
  });

  test('a failed connect is not kept: the next operation connects again', async () => {
    const { made, state, create } = fakeClients();
    const connection = shared(create);
    state.failConnects = 2; // the first attempt and its retry
    await assert.rejects(
      connection.run(async () => 'ok', { retry: true }),
      /ECONNREFUSED/,
    );
    assert.equal(await connection.run(async () => 'ok', { retry: true }), 'ok');
    assert.equal(made.length, 3);
  });

  test('an operation that never answers is bounded, and its client dropped', async () => {
    const { made, create } = fakeClients();
    const connection = shared(create, 50);
    await assert.rejects(
      connection.run(() => new Promise(() => {}), { retry: true }),
      (error: unknown) => error instanceof AppError && error.code === 'KAFKA_UNAVAILABLE' && /no answer within 50 ms/.test(error.message),
    );
    assert.equal(made[0]!.disconnected, true);
    assert.equal(connection.open, false);
  });

  test('close disconnects; later operations fail naming the shutdown', async () => {
    const { made, create } = fakeClients();
    const connection = shared(create);
    await connection.run(async () => 'ok', { retry: true });
    await connection.close();
    assert.equal(made[0]!.disconnected, true);
    await assert.rejects(
      connection.run(async () => 'ok', { retry: true }),
      /shutting down/,
    );
  });
});
