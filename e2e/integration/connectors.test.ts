import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import type {
  ConnectorActionResult,
  ConnectorDetail,
  ConnectorFileListResponse,
  ConnectorListResponse,
  DeployResult,
  Preflight,
} from '@pipeline-panel/server/contracts';
import { downAddress, pipelineApp, pipelinePort, run, useSuite } from './pipeline-support.ts';

const suite = useSuite('connectors');
const topic = `panel-connect-${run}`;
const name = `file-sink-${run}`;
const failing = `failing-sink-${run}`;
const file = 'file-sink.json';

function writeConnector(fileName: string, connector: string, config: Record<string, string>): void {
  writeFileSync(join(suite.projectDir, 'connectors', fileName), JSON.stringify({ name: connector, config }, null, 2));
}

const sinkConfig = (outFile: string, extra: Record<string, string> = {}) => ({
  'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
  'tasks.max': '1',
  topics: topic,
  file: outFile,
  'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
  ...extra,
});

/** Polls the panel until the connector matches (Connect applies state changes asynchronously). */
async function waitFor(connector: string, predicate: (c: ConnectorDetail) => boolean, what: string): Promise<ConnectorDetail> {
  const deadline = Date.now() + 60_000;
  let last = '';
  while (Date.now() < deadline) {
    // The state of now (past the panel's 2 s + 2 s read cache): records produced outside the panel announce nothing.
    const res = await suite.inject({ method: 'GET', url: `/api/connectors/${connector}`, headers: { 'cache-control': 'no-cache' } });
    last = res.body;
    if (res.statusCode === 200 && predicate(res.json<ConnectorDetail>())) return res.json<ConnectorDetail>();
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${connector} never became ${what}; last answer: ${last}`);
}

const action = async (connector: string, verb: string) => {
  const res = await suite.inject({ method: 'POST', url: `/api/connectors/${connector}/${verb}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<ConnectorActionResult>();
};

describe('connectors against the real Connect worker (FileStreamSink stands in)', { timeout: 300_000 }, () => {
  const outFile = () => join(suite.projectDir, `out-${run}.txt`);

  test('deploy from connectors/, re-deploy changes nothing, an edited file shows its diff and updates', async () => {
    writeConnector(file, name, sinkConfig(outFile()));
    const listing = await suite.inject({ method: 'GET', url: '/api/connector-files' });
    assert.equal(listing.statusCode, 200, listing.body);
    const files = listing.json<ConnectorFileListResponse>();
    const entry = files.files.find((f) => f.file === file);
    assert.equal(entry?.deployed, false);
    assert.equal(entry?.name, name);

    const preflight = (await suite.inject({ method: 'POST', url: `/api/connector-files/${file}/preflight` })).json<Preflight>();
    assert.deepEqual(
      preflight.checks.map((c) => [c.id, c.ok]),
      [['plugin-installed', true]],
    );

    const res = await suite.inject({ method: 'POST', url: `/api/connector-files/${file}/deploy` });
    assert.equal(res.statusCode, 200, res.body);
    const first = res.json<DeployResult>();
    assert.equal(first.created, true);
    assert.equal(first.changed, true);

    const same = (await suite.inject({ method: 'POST', url: `/api/connector-files/${file}/deploy` })).json<DeployResult>();
    assert.deepEqual([same.created, same.changed, same.diff], [false, false, []]);

    writeConnector(file, name, sinkConfig(outFile(), { 'errors.log.enable': 'true' }));
    const changed = (await suite.inject({ method: 'GET', url: '/api/connector-files' }))
      .json<ConnectorFileListResponse>()
      .files.find((f) => f.file === file);
    assert.deepEqual(changed?.diff, [{ key: 'errors.log.enable', file: 'true', deployed: null }]);
    const update = (await suite.inject({ method: 'POST', url: `/api/connector-files/${file}/deploy` })).json<DeployResult>();
    assert.deepEqual([update.created, update.changed], [false, true]);
    assert.deepEqual(
      update.diff.map((d) => d.key),
      ['errors.log.enable'],
    );

    const running = await waitFor(name, (c) => c.state === 'RUNNING' && c.tasks.length === 1 && c.tasks[0]!.state === 'RUNNING', 'RUNNING');
    assert.equal(running.config['errors.log.enable'], 'true');
    assert.equal(running.consumerGroup, `connect-${name}`);
  });

  test('records reach the sink and its consumer group lag is reported', async () => {
    const kafka = new Kafka({ clientId: 'panel-connect-test', brokers: suite.env.kafka.brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'one' }, { value: 'two' }] });
    await producer.disconnect();
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !(existsSync(outFile()) && readFileSync(outFile(), 'utf8').includes('two')))
      await new Promise((r) => setTimeout(r, 500));
    assert.match(readFileSync(outFile(), 'utf8'), /one\ntwo/);
    // The sink commits its offsets on Connect's schedule; once committed, nothing is behind.
    const done = await waitFor(name, (c) => c.lag !== null && c.lag.totalLag === 0 && c.lag.partitions > 0, 'caught up');
    assert.equal(done.lag?.totalLag, 0);
    const lag = await suite.inject({
      method: 'GET',
      url: `/api/consumer-groups/connect-${name}/lag`,
      headers: { 'cache-control': 'no-cache' },
    });
    assert.equal(lag.json<{ partitions: { committed: number; end: number }[] }>().partitions[0]?.committed, 2);
  });

  test('pause, resume and restart say whether they changed anything', async () => {
    assert.equal((await action(name, 'pause')).changed, true);
    await waitFor(name, (c) => c.state === 'PAUSED', 'PAUSED');
    assert.equal((await action(name, 'pause')).changed, false);
    assert.equal((await action(name, 'resume')).changed, true);
    await waitFor(name, (c) => c.state === 'RUNNING', 'RUNNING again');
    assert.equal((await action(name, 'resume')).changed, false);
    const restart = await action(name, 'restart');
    assert.equal(restart.changed, true);
    await waitFor(name, (c) => c.state === 'RUNNING' && c.tasks[0]?.state === 'RUNNING', 'RUNNING after restart');
  });

  test('a task that really fails is listed first with its trace', async () => {
    // FileStreamSinkTask opens its file in start(); a directory that does not exist makes the task FAILED.
    writeConnector('failing.json', failing, sinkConfig(join(suite.projectDir, `no-such-dir-${run}`, 'out.txt')));
    assert.equal((await suite.inject({ method: 'POST', url: '/api/connector-files/failing.json/deploy' })).statusCode, 200);
    const failed = await waitFor(failing, (c) => c.tasks.some((t) => t.state === 'FAILED'), 'FAILED');
    assert.match(failed.tasks[0]!.trace ?? '', /no-such-dir|NoSuchFile|ConnectException/);
    const list = (await suite.inject({ method: 'GET', url: '/api/connectors' })).json<ConnectorListResponse>();
    const failedIndex = list.connectors.findIndex((c) => c.name === failing);
    const healthyIndex = list.connectors.findIndex((c) => c.name === name);
    assert.ok(failedIndex >= 0 && healthyIndex > failedIndex, `failed first: ${list.connectors.map((c) => c.name).join(', ')}`);
  });

  test('a ClickHouse sink config is refused before deploy: its plugin is absent, and the check names it', async () => {
    const chFile = 'clickhouse-sink.json';
    const chName = `clickhouse-sink-${run}`;
    writeConnector(chFile, chName, {
      'connector.class': 'com.clickhouse.kafka.connect.ClickHouseSinkConnector',
      topics: topic,
      hostname: 'clickhouse',
      port: '8123',
      ssl: 'false',
      database: 'default',
      'value.converter': 'io.confluent.connect.avro.AvroConverter',
    });
    const res = await suite.inject({ method: 'POST', url: `/api/connector-files/${chFile}/deploy` });
    assert.equal(res.statusCode, 422, res.body);
    const body = res.json<{ code: string; message: string; details: Preflight }>();
    assert.equal(body.code, 'PREFLIGHT_FAILED');
    assert.match(body.message, /Plugin com\.clickhouse\.kafka\.connect\.ClickHouseSinkConnector is not installed on the Connect worker/);
    const checks = Object.fromEntries(body.details.checks.map((c) => [c.id, c]));
    assert.equal(checks['plugin-installed']?.ok, false);
    assert.equal(checks['table-exists']?.ok, false);
    assert.match(checks['table-exists']!.message, new RegExp(`default\\.${topic.replace(/-/g, '\\-')}`));
    assert.equal(checks['converter-set']?.ok, true);
    assert.equal(checks['registry-url-set']?.ok, false);
    assert.match(checks['registry-url-set']!.message, /value\.converter\.schema\.registry\.url/);
    assert.equal((await suite.inject({ method: 'GET', url: `/api/connectors/${chName}` })).statusCode, 404, 'nothing was deployed');
  });

  test('Connect rejecting a config is a 400 naming Connect; bad names and files are 4xx', async () => {
    writeConnector('rejected.json', `rejected-${run}`, sinkConfig(outFile(), { 'tasks.max': 'many' }));
    const res = await suite.inject({ method: 'POST', url: '/api/connector-files/rejected.json/deploy' });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json<{ code: string }>().code, 'CONNECT_REJECTED');
    assert.match(res.json<{ message: string }>().message, /^Kafka Connect rejected the request: .*tasks\.max/s);
    assert.equal((await suite.inject({ method: 'GET', url: `/api/connectors/rejected-${run}` })).statusCode, 404);

    writeFileSync(join(suite.projectDir, 'connectors', 'broken.json'), '{"name": "x"');
    const broken = await suite.inject({ method: 'POST', url: '/api/connector-files/broken.json/deploy' });
    assert.equal(broken.json<{ code: string }>().code, 'INVALID_CONNECTOR_FILE');
    const listed = (await suite.inject({ method: 'GET', url: '/api/connector-files' })).json<ConnectorFileListResponse>();
    assert.match(listed.files.find((f) => f.file === 'broken.json')?.error ?? '', /not valid JSON/);
    for (const fileName of ['..%2F..%2Fetc%2Fpasswd.json', 'x.sql', '%2Ftmp%2Fa.json']) {
      const r = await suite.inject({ method: 'POST', url: `/api/connector-files/${fileName}/deploy` });
      assert.equal(r.statusCode, 400, fileName);
      assert.equal(r.json<{ code: string }>().code, 'INVALID_FILE_NAME');
    }
    assert.equal((await suite.inject({ method: 'POST', url: `/api/connectors/${name}/explode` })).statusCode, 400);
    assert.equal(
      (await suite.inject({ method: 'GET', url: '/api/connectors/a%22b' })).json<{ code: string }>().code,
      'INVALID_CONNECTOR_NAME',
    );
  });

  test('a 249-character connector name is looked up (404 when absent), not refused as too long', async () => {
    const long = `c-${run}-`.padEnd(249, 'x');
    const res = await suite.inject({ method: 'GET', url: `/api/connectors/${long}` });
    assert.deepEqual([res.statusCode, res.json<{ code: string }>().code], [404, 'CONNECTOR_NOT_FOUND'], res.body);
  });

  test('delete needs the confirmation body, then removes the connector', async () => {
    const refused = await suite.inject({ method: 'DELETE', url: `/api/connectors/${failing}`, payload: { confirm: 'something-else' } });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json<{ code: string }>().code, 'CONFIRMATION_REQUIRED');
    assert.equal((await suite.inject({ method: 'GET', url: `/api/connectors/${failing}` })).statusCode, 200, 'still there');
    for (const connector of [failing, name]) {
      const res = await suite.inject({ method: 'DELETE', url: `/api/connectors/${connector}`, payload: { confirm: connector } });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { name: connector, deleted: true });
    }
    const gone = await suite.inject({ method: 'GET', url: `/api/connectors/${name}` });
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.json<{ code: string }>().code, 'CONNECTOR_NOT_FOUND');
    assert.equal((await suite.inject({ method: 'DELETE', url: `/api/connectors/${name}`, payload: { confirm: name } })).statusCode, 404);
  });

  test('Connect that is down answers 503 CONNECT_UNAVAILABLE', async () => {
    const down = await downAddress();
    const app = await pipelineApp(pipelinePort(suite.env, suite.projectDir, { connect: { ...suite.env.connect, url: `http://${down}` } }));
    try {
      const res = await app.inject({ method: 'GET', url: '/api/connectors' });
      assert.equal(res.statusCode, 503);
      assert.equal(res.json<{ code: string }>().code, 'CONNECT_UNAVAILABLE');
      assert.match(res.json<{ message: string }>().message, new RegExp(`Kafka Connect at http://${down}/connectors`));
    } finally {
      await app.close();
    }
  });
});
