/**
 * The wizard API end to end on the harness (real Kafka, Apicurio, Connect with FileStream plugins only, chdb behind
 * the ClickHouse-HTTP adapter). Connect has no ClickHouse sink plugin here, so the pipeline is applied with
 * "skip connector deployment", and the smoke test is delivered by the CI stand-in: a ClickHouse Kafka-engine table
 * plus a materialized view (smoke-support.ts createKafkaEngineDelivery).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ClickHouseClient } from '@clickhouse/client';
import type { FastifyInstance } from 'fastify';
import { Kafka, logLevel } from 'kafkajs';
import type {
  WizardConnectorGenerateResult,
  WizardConnectorValidateResult,
  WizardInferResult,
  WizardPipelineInput,
  WizardPlan,
  WizardSchemaResult,
  WizardTableGenerateResult,
  WizardTableValidateResult,
  WizardTopicResult,
} from '@pipeline-panel/server/contracts';
import type { PipelinePort } from '@pipeline-panel/server/ports';
import { validateConnectorConfig } from '@pipeline-panel/server/connect/validate-config';
import { acquireHarness, downAddress, pipelinePort, removeProject, run, type ServiceEnv } from './pipeline-support.ts';
import { clickhouseFor, createKafkaEngineDelivery, dropPipeline, stepLine, waitForRun } from './smoke-support.ts';
import { applyAndWait, copyOfRepoProject, stepsLine, wizardApp } from './wizard-support.ts';

let env: ServiceEnv;
let stopHarness = async () => {};
let projectDir: string;
let port: PipelinePort;
let app: FastifyInstance;
let ch: ClickHouseClient;

const topic = `wizard-clicks-${run}`;
const database = `wizard_it_${run}`;
const table = 'clicks';
const samples = [
  { id: 'c-1', user_id: 12, page: '/home', duration_ms: 3.5, at: '2026-01-02T03:04:05Z', referrer: null, tags: ['a'] },
  { id: 'c-2', user_id: 4_000_000_000, page: '/cart', duration_ms: 12, at: '2026-01-02T03:04:06.250+01:00', referrer: 'search', tags: [] },
];

const post = <T>(url: string, payload: unknown) =>
  app
    .inject({ method: 'POST', url, payload: payload as object })
    .then((r) => ({ status: r.statusCode, body: r.json<T & { code?: string; message?: string }>() }));

before(
  async () => {
    ({ env, stop: stopHarness } = await acquireHarness());
    projectDir = copyOfRepoProject('wizard');
    port = pipelinePort(env, projectDir);
    app = await wizardApp(port, projectDir);
    ch = clickhouseFor(env);
  },
  { timeout: 600_000 },
);

after(
  async () => {
    await app?.close();
    await port?.clickhouse.close();
    if (ch) {
      await dropPipeline(ch, { id: '', topic, database, table, dlq: '' });
      await ch.command({ query: `DROP DATABASE IF EXISTS ${database} SYNC` }).catch(() => undefined);
      await ch.close();
    }
    if (projectDir) removeProject(projectDir);
    await stopHarness();
  },
  { timeout: 120_000 },
);

/** What the client collected, step by step, for the plan and the apply. */
const collected = {} as { schema: string; sql: string; connector: string };
const pipelineInput = (extra: Partial<WizardPipelineInput> = {}): WizardPipelineInput => ({
  topic: { name: topic, partitions: 2 },
  schema: collected.schema,
  table: { database, table, sql: collected.sql },
  connector: collected.connector,
  skipConnectorDeploy: true,
  ...extra,
});

describe('wizard steps, validated one by one', () => {
  test('1 topic: an illegal name is refused; a new legal name is accepted with suggestions', async () => {
    const bad = await post('/api/wizard/topic/validate', { mode: 'new', name: 'clicks/../x' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'INVALID_TOPIC_NAME');
    assert.match(bad.body.message!, /contains "\/"/);
    const missing = await post('/api/wizard/topic/validate', { mode: 'existing', name: topic });
    assert.equal(missing.status, 404, JSON.stringify(missing.body));
    const ok = await post<WizardTopicResult>('/api/wizard/topic/validate', { mode: 'new', name: topic, partitions: 2 });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.exists, false);
    assert.equal(ok.body.subject, `${topic}-value`);
    assert.equal(ok.body.suggested.connector, `${topic}-clickhouse-sink`);
    assert.equal(ok.body.replicationFactor, null, "no factor asked for: the broker's default");
    const replicated = await post<WizardTopicResult>('/api/wizard/topic/validate', { mode: 'new', name: topic, replicationFactor: 1 });
    assert.equal(replicated.body.replicationFactor, 1, JSON.stringify(replicated.body));
    const partitions = await post('/api/wizard/topic/validate', { mode: 'new', name: topic, partitions: 0 });
    assert.equal(partitions.body.code, 'INVALID_PARTITIONS');
  });

  test('2 schema: inferred from pasted JSON, invalid Avro refused, the registry verdict for a new subject', async () => {
    const latest = await post<{ exists: boolean }>('/api/wizard/schema/latest', { topic });
    assert.equal(latest.body.exists, false);
    const inferred = await post<WizardInferResult>('/api/wizard/schema/infer', {
      source: 'samples',
      samples: JSON.stringify(samples),
      recordName: 'Click',
    });
    assert.equal(inferred.status, 200, JSON.stringify(inferred.body));
    const schema = JSON.parse(inferred.body.schema) as { fields: { name: string; type: unknown }[] };
    const type = (name: string) => schema.fields.find((f) => f.name === name)?.type;
    assert.equal(type('user_id'), 'long');
    assert.equal(type('duration_ms'), 'double');
    assert.deepEqual(type('at'), { type: 'long', logicalType: 'timestamp-millis' });
    assert.deepEqual(type('referrer'), ['null', 'string']);
    collected.schema = inferred.body.schema;

    const mixed = await post('/api/wizard/schema/infer', { source: 'samples', samples: '{"a":1}\n{"a":"x"}' });
    assert.equal(mixed.body.code, 'INFERENCE_REFUSED');
    const invalid = await post('/api/wizard/schema/validate', {
      topic,
      schema: '{"type":"record","name":"X","fields":[{"name":"a","type":"strnig"}]}',
    });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.code, 'INVALID_AVRO');
    assert.match(invalid.body.message!, /strnig/);

    const valid = await post<WizardSchemaResult>('/api/wizard/schema/validate', { topic, schema: collected.schema });
    assert.equal(valid.status, 200, JSON.stringify(valid.body));
    assert.equal(valid.body.compatibility.subjectExists, false);
    assert.equal(valid.body.compatibility.compatible, null);
  });

  test('2 schema from the topic: no messages yet is a specific 4xx', async () => {
    const res = await post('/api/wizard/schema/infer', { source: 'topic', topic: `wizard-none-${run}` });
    assert.equal(res.status, 404, JSON.stringify(res.body));
    assert.equal(res.body.code, 'TOPIC_NOT_FOUND');
  });

  test('3 table: generated, bad SQL refused by ClickHouse, valid SQL checked in a scratch database that is dropped', async () => {
    const generated = await post<WizardTableGenerateResult>('/api/wizard/table/generate', {
      schema: collected.schema,
      database,
      table,
      engine: 'ReplacingMergeTree',
      orderBy: ['user_id', 'id'],
      partitionBy: 'toYYYYMM(at)',
      lowCardinality: ['page'],
    });
    assert.equal(generated.status, 200, JSON.stringify(generated.body));
    assert.match(generated.body.sql, /`page` LowCardinality\(String\)/);
    assert.match(generated.body.sql, /ENGINE = ReplacingMergeTree/);
    collected.sql = generated.body.sql;

    const refused = await post('/api/wizard/table/generate', {
      schema: collected.schema,
      database,
      table,
      engine: 'MergeTree',
      orderBy: ['referrer'],
    });
    assert.equal(refused.body.code, 'DDL_REFUSED');
    assert.match(refused.body.message!, /Nullable/);

    const badType = await post('/api/wizard/table/validate', {
      schema: collected.schema,
      database,
      table,
      sql: collected.sql.replace('`page` LowCardinality(String)', '`page` Strnig'),
    });
    assert.equal(badType.status, 400, JSON.stringify(badType.body));
    assert.equal(badType.body.code, 'INVALID_TABLE_SQL');
    assert.match(badType.body.message!, /ClickHouse refused the CREATE TABLE.*Strnig/);
    const otherTable = await post('/api/wizard/table/validate', {
      schema: collected.schema,
      database,
      table,
      sql: collected.sql.replace(`\`${table}\``, '`orders`'),
    });
    assert.equal(otherTable.body.code, 'INVALID_TABLE_SQL');
    const injected = await post('/api/wizard/table/validate', {
      schema: collected.schema,
      database,
      table,
      sql: `${collected.sql}\nDROP DATABASE pipeline;`,
    });
    assert.match(injected.body.message!, /2 statements/);
    const contract = await post('/api/wizard/table/validate', {
      schema: collected.schema,
      database,
      table,
      sql: collected.sql.replace('`user_id` Int64', '`user_id` Int32'),
    });
    assert.equal(contract.body.code, 'CONTRACT_FAILED', JSON.stringify(contract.body));

    const ok = await post<WizardTableValidateResult>('/api/wizard/table/validate', {
      schema: collected.schema,
      database,
      table,
      sql: collected.sql,
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.dropped, true);
    assert.equal(ok.body.engine, 'ReplacingMergeTree');
    assert.equal(ok.body.target.exists, false);
    assert.ok(
      ok.body.columns.some((c) => c.name === 'at' && /^DateTime64\(3/.test(c.type)),
      JSON.stringify(ok.body.columns),
    );
    const left = await (
      await ch.query({
        query: `SELECT count() AS n FROM system.databases WHERE name = {db:String}`,
        query_params: { db: ok.body.scratchDatabase },
        format: 'JSONEachRow',
      })
    ).json<{ n: string }>();
    assert.equal(Number(left[0]!.n), 0, 'the scratch database is dropped');
  });

  test('4 connector: generated, invalid JSON refused, keys checked locally because the sink plugin is absent', async () => {
    const generated = await post<WizardConnectorGenerateResult>('/api/wizard/connector/generate', { topic, database, table });
    assert.equal(generated.status, 200, JSON.stringify(generated.body));
    assert.equal(generated.body.file.config['topic2TableMap'], `${topic}=${table}`);
    assert.equal(generated.body.file.config['errors.deadletterqueue.topic.name'], `${topic}-dlq`);
    assert.ok(generated.body.reasons['consumer.override.max.poll.records']);
    collected.connector = generated.body.text;

    const invalid = await post('/api/wizard/connector/validate', { topic, database, table, text: '{"name": "x", "config": {' });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.code, 'INVALID_CONNECTOR_JSON');
    const retargeted = await post('/api/wizard/connector/validate', {
      topic,
      database,
      table,
      text: collected.connector.replace(`"database": "${database}"`, '"database": "pipeline"'),
    });
    assert.equal(retargeted.body.code, 'CONNECTOR_TARGET_MISMATCH');

    const ok = await post<WizardConnectorValidateResult>('/api/wizard/connector/validate', {
      topic,
      database,
      table,
      text: collected.connector,
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.validatedBy, 'keys');
    assert.equal(ok.body.pluginInstalled, false);
    assert.match(
      ok.body.message,
      /skipped: the ClickHouse sink plugin \(com\.clickhouse\.kafka\.connect\.ClickHouseSinkConnector\) is not installed/,
    );
    assert.equal(ok.body.ok, true, JSON.stringify(ok.body.errors));
  });
});

test("Connect's config validation endpoint reports each config error (FileStream sink, the plugin this worker has)", async () => {
  const fileSink = 'org.apache.kafka.connect.file.FileStreamSinkConnector';
  const bad = await validateConnectorConfig(env.connect.url, 30_000, fileSink, {
    'connector.class': fileSink,
    name: `wizard-validate-${run}`,
    'tasks.max': 'x',
  });
  assert.ok(bad.errorCount >= 1, JSON.stringify(bad));
  assert.ok(
    bad.errors.some((e) => e.key === 'tasks.max' && e.messages.length > 0),
    JSON.stringify(bad.errors),
  );
  const good = await validateConnectorConfig(env.connect.url, 30_000, fileSink, {
    'connector.class': fileSink,
    name: `wizard-validate-${run}`,
    topics: topic,
    file: '/tmp/x',
  });
  assert.equal(good.errorCount, 0, JSON.stringify(good.errors));
});

describe('plan and apply', () => {
  test('without the sink plugin the plan blocks on the connector with the preflight reason; apply refuses and applies nothing', async () => {
    const plan = await post<WizardPlan>('/api/wizard/plan', pipelineInput({ skipConnectorDeploy: false }));
    assert.equal(plan.status, 200, JSON.stringify(plan.body));
    const connector = plan.body.items.find((i) => i.kind === 'connector')!;
    assert.equal(connector.action, 'missing-plugin');
    assert.equal(connector.blocking, true);
    assert.match(
      connector.detail,
      /Plugin com\.clickhouse\.kafka\.connect\.ClickHouseSinkConnector is not installed on the Connect worker/,
    );
    assert.match(connector.detail, /docker compose build connect/);
    assert.match(connector.detail, /skip the connector/);
    assert.equal(plan.body.canApply, false);
    const refused = await post('/api/wizard/apply', { ...pipelineInput({ skipConnectorDeploy: false }), smoke: false });
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal(refused.body.code, 'CONNECT_PLUGIN_MISSING');
    assert.match(refused.body.message!, /^Nothing was applied: Plugin com\.clickhouse/);
    assert.equal(await port.kafka.describeTopic(topic), null, 'no topic was created');
    assert.equal(await port.registry.lookup(`${topic}-value`, collected.schema).catch(() => null), null, 'no schema was registered');
    assert.equal(existsSync(join(projectDir, 'sql', `002_${table}.sql`)), false, 'no file was written');
  });

  test('the plan creates everything and nothing is applied before apply', async () => {
    const plan = await post<WizardPlan>('/api/wizard/plan', pipelineInput());
    assert.equal(plan.status, 200, JSON.stringify(plan.body));
    assert.deepEqual(
      plan.body.items.map((i) => `${i.kind}:${i.action}`),
      ['topic:create', 'schema:register', 'table:create', 'connector:skip'],
    );
    assert.deepEqual(
      plan.body.files.map((f) => `${f.path}:${f.action}`),
      [`sql/002_${table}.sql:create`, `connectors/${topic}-clickhouse-sink.json:create`, `connectors/${topic}-value.avsc:create`],
    );
    assert.equal(plan.body.canApply, true);
    assert.equal(existsSync(join(projectDir, 'sql', `002_${table}.sql`)), false);
    assert.equal(await port.kafka.describeTopic(topic), null);
  });

  test('apply creates the objects and writes the files; the connector step is skipped as asked', async () => {
    const op = await applyAndWait(app, { ...pipelineInput(), smoke: false });
    assert.equal(op.status, 'succeeded', `${op.message} — ${stepsLine(op)}`);
    assert.deepEqual(
      op.steps.map((s) => `${s.name}:${s.status}`),
      ['topic:ok', 'schema:ok', 'table:ok', 'files:ok', 'connector:skipped', 'smoke:skipped'],
    );
    assert.ok(
      op.steps.slice(0, 4).every((s) => s.changed === true),
      stepsLine(op),
    );
    assert.equal((await port.kafka.describeTopic(topic))?.partitions.length, 2);
    assert.deepEqual(await port.registry.versions(`${topic}-value`), [1]);
    const sqlFile = readFileSync(join(projectDir, 'sql', `002_${table}.sql`), 'utf8');
    assert.match(sqlFile, new RegExp(`CREATE TABLE IF NOT EXISTS \`${database}\`\\.\`${table}\``));
    const connector = JSON.parse(readFileSync(join(projectDir, 'connectors', `${topic}-clickhouse-sink.json`), 'utf8')) as { name: string };
    assert.equal(connector.name, `${topic}-clickhouse-sink`);
    assert.ok(existsSync(join(projectDir, 'connectors', `${topic}-value.avsc`)));
    const pipelines = (await app.inject({ method: 'GET', url: '/api/pipelines' })).json<{
      pipelines: { id: string; schemaFile: string | null }[];
    }>();
    assert.equal(
      pipelines.pipelines.find((p) => p.id === `${topic}-clickhouse-sink`)?.schemaFile,
      `${topic}-value.avsc`,
      'the smoke runner finds the new pipeline',
    );
  });

  test('re-applying the same plan changes nothing, and says so per item', async () => {
    const plan = (await post<WizardPlan>('/api/wizard/plan', pipelineInput())).body;
    assert.equal(plan.upToDate, true, JSON.stringify(plan));
    assert.deepEqual(
      plan.items.map((i) => i.action),
      ['exists', 'registered', 'same', 'skip'],
    );
    const op = await applyAndWait(app, { ...pipelineInput(), smoke: false });
    assert.equal(op.status, 'succeeded', stepsLine(op));
    assert.match(op.message, /Nothing changed/);
    assert.ok(
      op.steps.slice(0, 4).every((s) => s.changed === false && /unchanged/.test(s.detail)),
      stepsLine(op),
    );
  });

  test('with everything else in place, an apply that would deploy the connector is still refused while the plugin is missing', async () => {
    const refused = await post('/api/wizard/apply', { ...pipelineInput({ skipConnectorDeploy: false }), smoke: false });
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal(refused.body.code, 'CONNECT_PLUGIN_MISSING');
  });

  test('a differing existing file blocks the apply until it is ticked for overwriting', async () => {
    const path = join(projectDir, 'connectors', `${topic}-value.avsc`);
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, '{"type":"string"}\n');
    const plan = (await post<WizardPlan>('/api/wizard/plan', pipelineInput())).body;
    assert.equal(plan.canApply, false);
    assert.equal(plan.files[2]!.action, 'differs');
    assert.equal(plan.files[2]!.existing, '{"type":"string"}\n');
    const refused = await post('/api/wizard/apply', { ...pipelineInput(), smoke: false });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'PLAN_BLOCKED');
    assert.equal(readFileSync(path, 'utf8'), '{"type":"string"}\n', 'nothing was written');
    const op = await applyAndWait(app, { ...pipelineInput({ overwrite: [`connectors/${topic}-value.avsc`] }), smoke: false });
    assert.equal(op.status, 'succeeded', stepsLine(op));
    assert.equal(readFileSync(path, 'utf8'), original);
  });

  test('the smoke test of the new pipeline passes through the Kafka-engine stand-in', async () => {
    // CI stand-in for the ClickHouse sink (absent from the harness's Connect worker): Kafka engine + materialized view.
    await createKafkaEngineDelivery(ch, env, { id: `${topic}-clickhouse-sink`, topic, database, table, dlq: `${topic}-dlq` });
    const op = await applyAndWait(app, pipelineInput());
    assert.equal(op.status, 'succeeded', stepsLine(op));
    assert.ok(op.smokeRunId, 'the apply started the smoke test');
    const report = await waitForRun(app, op.smokeRunId!);
    assert.equal(report.status, 'passed', stepLine(report));
    assert.equal(report.delivery?.kind, 'kafka-engine');
    assert.match(
      report.steps.find((s) => s.name === 'schema')!.detail,
      /already registered/,
      'the smoke test finds the schema the wizard registered',
    );
    assert.deepEqual(await port.registry.versions(`${topic}-value`), [1], 'no second version from the smoke test');
  });

  test('2 schema from the topic: Confluent-framed Avro messages give the writer schema from the registry', async () => {
    const res = await post<WizardInferResult>('/api/wizard/schema/infer', { source: 'topic', topic, limit: 5 });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.origin, 'registry');
    assert.ok(res.body.sampled >= 1 && res.body.sampled <= 5);
    assert.deepEqual(JSON.parse(res.body.schema), JSON.parse(collected.schema));
  });
});

describe('schema inference from JSON messages on a topic', () => {
  test('recent JSON messages are sampled and inferred', async () => {
    const jsonTopic = `wizard-json-${run}`;
    await port.kafka.createTopic({ name: jsonTopic, partitions: 2 });
    const kafka = new Kafka({ brokers: env.kafka.brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: jsonTopic, messages: samples.map((s) => ({ value: JSON.stringify(s) })) });
    await producer.disconnect();
    const res = await post<WizardInferResult>('/api/wizard/schema/infer', { source: 'topic', topic: jsonTopic, recordName: 'Click' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.origin, 'inferred');
    assert.equal(res.body.sampled, 2);
    const schema = JSON.parse(res.body.schema) as { fields: { name: string; type: unknown }[] };
    assert.equal(schema.fields.find((f) => f.name === 'user_id')?.type, 'long');
  });
});

describe('failures mid-apply', () => {
  const topic2 = `wizard-views-${run}`;
  const input2 = (): WizardPipelineInput => ({
    topic: { name: topic2, partitions: 1 },
    schema: JSON.stringify({
      type: 'record',
      name: 'View',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'n', type: 'int' },
      ],
    }),
    table: {
      database,
      table: 'views',
      sql: `CREATE TABLE \`${database}\`.\`views\` (\`id\` String, \`n\` Int32) ENGINE = MergeTree ORDER BY \`id\``,
    },
    connector: JSON.stringify({
      name: `${topic2}-clickhouse-sink`,
      config: {
        ...(JSON.parse(collected.connector) as { config: Record<string, string> }).config,
        topics: topic2,
        topic2TableMap: `${topic2}=views`,
        'errors.deadletterqueue.topic.name': `${topic2}-dlq`,
      },
    }),
    skipConnectorDeploy: true,
  });

  test('ClickHouse down at the table step: the report says what was done and what was left; a re-run completes it', async () => {
    const deadPort = pipelinePort(env, projectDir, { clickhouse: { ...env.clickhouse, url: `http://${await downAddress()}` } });
    const deadApp = await wizardApp(deadPort, projectDir);
    try {
      const plan = (await deadApp.inject({ method: 'POST', url: '/api/wizard/plan', payload: input2() as object })).json<WizardPlan>();
      assert.equal(plan.items[2]!.action, 'unknown', JSON.stringify(plan.items));
      const op = await applyAndWait(deadApp, { ...input2(), smoke: false });
      assert.equal(op.status, 'failed', stepsLine(op));
      assert.deepEqual(op.done, ['topic', 'schema']);
      assert.deepEqual(op.left, ['table', 'files', 'connector', 'smoke']);
      assert.match(op.steps[2]!.detail, /ClickHouse/);
      assert.match(op.message, /Done: topic, schema; not done: table, files, connector, smoke/);
    } finally {
      await deadApp.close();
      await deadPort.clickhouse.close();
    }
    const op = await applyAndWait(app, { ...input2(), smoke: false });
    assert.equal(op.status, 'succeeded', stepsLine(op));
    assert.deepEqual(
      op.steps.map((s) => s.changed),
      [false, false, true, true, false, false],
    );
  });

  test('a pre-existing incompatible subject blocks the plan with the registry reason; a compatible schema then applies', async () => {
    const topic3 = `wizard-inc-${run}`;
    await port.registry.register(
      `${topic3}-value`,
      JSON.stringify({ type: 'record', name: 'V', fields: [{ name: 'id', type: 'string' }] }),
    );
    await port.registry.setCompatibility(`${topic3}-value`, 'BACKWARD');
    const base = input2();
    const connector = JSON.parse(base.connector) as { name: string; config: Record<string, string> };
    const input3 = (schema: object): WizardPipelineInput => ({
      ...base,
      topic: { name: topic3, partitions: 1 },
      schema: JSON.stringify(schema),
      table: {
        database,
        table: 'inc',
        sql: `CREATE TABLE \`${database}\`.\`inc\` (\`id\` String, \`n\` Int32) ENGINE = MergeTree ORDER BY \`id\``,
      },
      connector: JSON.stringify({
        name: `${topic3}-sink`,
        config: { ...connector.config, topics: topic3, topic2TableMap: `${topic3}=inc` },
      }),
    });
    const incompatible = {
      type: 'record',
      name: 'V',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'n', type: 'int' },
      ],
    };
    const plan = (await post<WizardPlan>('/api/wizard/plan', input3(incompatible))).body;
    assert.equal(plan.items[1]!.action, 'incompatible', JSON.stringify(plan.items[1]));
    assert.equal(plan.canApply, false);
    const refused = await post('/api/wizard/apply', { ...input3(incompatible), smoke: false });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'PLAN_BLOCKED');
    assert.equal(await port.kafka.describeTopic(topic3), null, 'nothing was applied');
    const fixed = {
      ...incompatible,
      fields: [
        { name: 'id', type: 'string' },
        { name: 'n', type: 'int', default: 0 },
      ],
    };
    const op = await applyAndWait(app, { ...input3(fixed), smoke: false });
    assert.equal(op.status, 'succeeded', stepsLine(op));
    assert.match(op.steps[1]!.detail, /Registered as version 2/);
  });
});
