/**
 * Schema evolution on the harness: a pipeline made of the repo's orders files (renamed), its table in ClickHouse
 * (chdb), its subject in the registry (Apicurio). The plan, bad input refused with nothing changed, an apply cut
 * mid-way (the registry's connection is cut when the new version is registered, after the ALTER), the same plan
 * applied again to finish, a third time changing nothing, the files it wrote, a run with the smoke test
 * (delivered by ClickHouse's Kafka engine, the harness's stand-in for the sink), and a next version whose apply
 * meets the Connect worker killed (harness control) at the restart step, finished once the worker is back.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ClickHouseClient } from '@clickhouse/client';
import type { FastifyInstance } from 'fastify';
import type { EvolutionOperation, EvolutionPlan } from '@pipeline-panel/server/contracts';
import type { PipelinePort } from '@pipeline-panel/server/ports';
import type { HarnessControl } from '../harness/index.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';
import { acquireHarness, pollJson, pipelinePort, removeProject, run, tempProject, type ServiceEnv } from './pipeline-support.ts';
import {
  clickhouseFor,
  createKafkaEngineDelivery,
  createOrdersTable,
  dropPipeline,
  ORDERS_SCHEMA,
  ORDERS_SQL,
  writePipelineFiles,
} from './smoke-support.ts';
import { wizardApp } from './wizard-support.ts';

const names = { id: `evo-${run}`, topic: `evo-${run}`, database: `evo_${run}`, table: 'orders', dlq: `evo-${run}-dlq` };
const subject = `${names.topic}-value`;
const original = JSON.parse(readFileSync(ORDERS_SCHEMA, 'utf8')) as { fields: { name: string; type: unknown }[] };
const draft = {
  ...original,
  fields: [...original.fields, { name: 'coupon', type: ['null', 'string'], default: null }, { name: 'priority', type: 'int', default: 0 }],
};
const migration = '002_orders_add_coupon_priority.sql';

let env: ServiceEnv;
let stopHarness = async () => {};
let projectDir: string;
let port: PipelinePort;
let app: FastifyInstance;
let ch: ClickHouseClient;
let proxy: FaultProxy;
let control: HarnessControl;

const post = (target: FastifyInstance, url: string, payload: unknown) => target.inject({ method: 'POST', url, payload: payload as object });
const columnsNow = async () =>
  (
    await (
      await ch.query({
        query: `SELECT name FROM system.columns WHERE database = '${names.database}' AND table = 'orders' ORDER BY position`,
        format: 'JSONEachRow',
      })
    ).json<{ name: string }>()
  ).map((c) => c.name);
const versionsNow = () => port.registry.versions(subject);

/** The table's columns spelled out without their DEFAULTs (a Kafka-engine table takes none). */
async function explicitColumns(): Promise<string> {
  const rows = await (
    await ch.query({
      query: `SELECT name, type FROM system.columns WHERE database = '${names.database}' AND table = 'orders' ORDER BY position`,
      format: 'JSONEachRow',
    })
  ).json<{ name: string; type: string }>();
  return rows.map((c) => `\`${c.name}\` ${c.type}`).join(', ');
}

async function applyAndWait(target: FastifyInstance, input: object): Promise<EvolutionOperation> {
  const res = await post(target, '/api/evolution/apply', input);
  assert.equal(res.statusCode, 202, res.body);
  const id = res.json<{ operationId: string }>().operationId;
  return pollJson<EvolutionOperation>(
    target,
    `/api/evolution/operations/${id}`,
    (op) => op.status !== 'running',
    (op) => `still running: ${JSON.stringify(op.steps)}`,
    300_000,
    200,
  );
}
const stepOf = (op: EvolutionOperation, name: string) => op.steps.find((s) => s.name === name)!;
const line = (op: EvolutionOperation) => op.steps.map((s) => `${s.name}=${s.status}${s.changed ? '*' : ''}: ${s.detail}`).join('\n');

before(
  async () => {
    ({ env, stop: stopHarness, control } = await acquireHarness());
    projectDir = tempProject('evolution');
    copyFileSync(ORDERS_SQL, join(projectDir, 'sql', '001_orders.sql'));
    writePipelineFiles(projectDir, names);
    port = pipelinePort(env, projectDir);
    app = await wizardApp(port, projectDir);
    ch = clickhouseFor(env);
    await createOrdersTable(ch, names.database, names.table);
    await port.registry.register(subject, JSON.stringify(original));
    await port.registry.setCompatibility(subject, 'BACKWARD');
    proxy = await startFaultProxy(env.registry.url);
  },
  { timeout: 600_000 },
);

after(
  async () => {
    await app?.close();
    await proxy?.close();
    await port?.clickhouse.close();
    if (ch) {
      await dropPipeline(ch, { ...names, id: names.id });
      await ch.command({ query: `DROP DATABASE IF EXISTS ${names.database} SYNC` }).catch(() => undefined);
      await ch.close();
    }
    if (projectDir) removeProject(projectDir);
    await stopHarness();
  },
  { timeout: 120_000 },
);

describe('schema evolution as a plan', () => {
  test('the plan lists the ALTERs, the files and every step, and changes nothing', async () => {
    const res = await post(app, '/api/evolution/plan', { pipeline: names.id, draft });
    assert.equal(res.statusCode, 200, res.body);
    const plan = res.json<EvolutionPlan>();
    assert.equal(plan.canApply, true, plan.blockers.join('; '));
    assert.deepEqual(
      plan.additions.map((a) => a.statement),
      [
        `ALTER TABLE \`${names.database}\`.\`orders\` ADD COLUMN IF NOT EXISTS \`coupon\` Nullable(String)`,
        `ALTER TABLE \`${names.database}\`.\`orders\` ADD COLUMN IF NOT EXISTS \`priority\` Int32 DEFAULT 0`,
      ],
    );
    assert.deepEqual(
      plan.steps.map((s) => s.name),
      ['alter', 'columns', 'compatibility', 'register', 'files', 'restart', 'contract', 'smoke'],
    );
    assert.deepEqual(
      plan.files.map((f) => [f.path, f.action]),
      [
        [`connectors/${subject}.avsc`, 'update'],
        [`sql/${migration}`, 'create'],
      ],
    );
    assert.equal(plan.compatibility.compatible, true);
    assert.equal(plan.current.version, 1);
    assert.deepEqual(
      plan.changes.map((c) => [c.kind, c.path, c.breaking]),
      [
        ['field-added', 'coupon', false],
        ['field-added', 'priority', false],
      ],
    );
    assert.match(plan.steps.find((s) => s.name === 'restart')!.detail, /not deployed on Connect/);
    assert.equal((await columnsNow()).includes('coupon'), false, 'planning changes nothing');
  });

  test('removed fields keep their columns; one the sink could not fill is refused with a migration', async () => {
    const withoutNote = { ...original, fields: original.fields.filter((f) => f.name !== 'note') };
    const kept = (await post(app, '/api/evolution/plan', { pipeline: names.id, draft: withoutNote })).json<EvolutionPlan>();
    assert.deepEqual(
      kept.kept.map((k) => k.column),
      ['note'],
    );
    assert.equal(kept.canApply, true, kept.blockers.join('; '));
    const withoutCurrency = { ...original, fields: original.fields.filter((f) => f.name !== 'currency') };
    const refused = (await post(app, '/api/evolution/plan', { pipeline: names.id, draft: withoutCurrency })).json<EvolutionPlan>();
    assert.equal(refused.canApply, false);
    assert.match(refused.refusals[0]!.migration.statements[0]!, /MODIFY COLUMN `currency` DEFAULT/);
  });

  test('bad input gets a specific 4xx and changes nothing', async () => {
    const before = { columns: await columnsNow(), versions: await versionsNow() };
    const invalid = await post(app, '/api/evolution/plan', {
      pipeline: names.id,
      draft: '{"type":"record","name":"X","fields":[{"name":"a","type":"nope"}]}',
    });
    assert.equal(invalid.statusCode, 400, invalid.body);
    assert.equal(invalid.json<{ code: string }>().code, 'INVALID_AVRO');
    const notRecord = await post(app, '/api/evolution/plan', { pipeline: names.id, draft: '"string"' });
    assert.equal(notRecord.json<{ code: string }>().code, 'SCHEMA_NOT_RECORD');
    const unknown = await post(app, '/api/evolution/plan', { pipeline: `nope-${run}`, draft });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json<{ code: string }>().code, 'PIPELINE_NOT_FOUND');

    const typeChange = { ...draft, fields: draft.fields.map((f) => (f.name === 'quantity' ? { name: 'quantity', type: 'string' } : f)) };
    const plan = (await post(app, '/api/evolution/plan', { pipeline: names.id, draft: typeChange })).json<EvolutionPlan>();
    assert.equal(plan.canApply, false);
    const refusal = plan.refusals.find((r) => r.field === 'quantity')!;
    assert.match(refusal.reason, /now string, but column `quantity` is Int32/);
    assert.match(
      refusal.migration.statements.join('\n'),
      /ADD COLUMN IF NOT EXISTS `quantity_v2` String[\s\S]*UPDATE `quantity_v2` = accurateCastOrDefault/,
    );
    const applied = await post(app, '/api/evolution/apply', { pipeline: names.id, draft: typeChange });
    assert.equal(applied.statusCode, 409, applied.body);
    assert.equal(applied.json<{ code: string }>().code, 'EVOLUTION_BLOCKED');
    assert.deepEqual({ columns: await columnsNow(), versions: await versionsNow() }, before);
    assert.equal(existsSync(join(projectDir, 'sql', migration)), false);
  });

  test('an apply cut mid-way (the registry gone when registering, after the ALTER) says what is done and left', async () => {
    const faulty = await wizardApp(pipelinePort(env, projectDir, { registry: { url: proxy.url } }), projectDir);
    try {
      proxy.refuse(
        (req) => req.method === 'POST' && /\/subjects\/[^/]+\/versions$/.test(req.url ?? '') && !req.url!.includes('/compatibility/'),
      );
      const op = await applyAndWait(faulty, { pipeline: names.id, draft });
      assert.equal(op.status, 'failed', line(op));
      assert.ok(proxy.refused > 0);
      assert.deepEqual(
        op.steps.map((s) => s.status),
        ['ok', 'ok', 'ok', 'failed', 'pending', 'pending', 'pending', 'pending'],
        line(op),
      );
      assert.equal(stepOf(op, 'alter').changed, true);
      assert.match(stepOf(op, 'register').detail, /Schema Registry/);
      assert.deepEqual(op.done, ['alter', 'columns', 'compatibility']);
      assert.match(op.message, /run the plan again/);
    } finally {
      proxy.refuse(null);
      await faulty.close();
      await faulty.inject; // nothing pending
    }
    const columns = await columnsNow();
    assert.ok(columns.includes('coupon') && columns.includes('priority'), columns.join(','));
    assert.deepEqual(await versionsNow(), [1], 'nothing was registered');
    assert.equal(existsSync(join(projectDir, 'sql', migration)), false, 'no file was written');
  });

  test('applying the same plan again finishes it: done steps say so, the rest run', async () => {
    const op = await applyAndWait(app, { pipeline: names.id, draft });
    assert.equal(op.status, 'succeeded', line(op));
    assert.equal(stepOf(op, 'alter').changed, false);
    assert.match(stepOf(op, 'alter').detail, /^Already done, nothing changed/);
    assert.equal(stepOf(op, 'register').changed, true);
    assert.match(stepOf(op, 'register').detail, /Registered version 2/);
    assert.equal(stepOf(op, 'files').changed, true);
    assert.equal(stepOf(op, 'restart').status, 'skipped');
    assert.equal(stepOf(op, 'contract').status, 'ok');
    assert.equal(stepOf(op, 'smoke').status, 'skipped');
    assert.deepEqual(await versionsNow(), [1, 2]);

    const events = await app.inject({ method: 'GET', url: `/api/evolution/operations/${op.operationId}/events` });
    assert.match(events.body, /event: step/);
    assert.match(events.body, /event: done/);
  });

  test('the files are written as planned, and the migration is idempotent', async () => {
    const plan = (await post(app, '/api/evolution/plan', { pipeline: names.id, draft })).json<EvolutionPlan>();
    assert.deepEqual(
      plan.files.map((f) => f.action),
      ['unchanged', 'unchanged'],
    );
    assert.deepEqual(JSON.parse(readFileSync(join(projectDir, 'connectors', `${subject}.avsc`), 'utf8')), draft);
    const sql = readFileSync(join(projectDir, 'sql', migration), 'utf8');
    assert.equal(sql, plan.files[1]!.content);
    for (let i = 0; i < 2; i++) {
      const res = await app.inject({ method: 'POST', url: `/api/sql-files/${migration}/apply` });
      assert.equal(res.statusCode, 200, res.body);
    }
    assert.equal(plan.draftRegistered, 2);
  });

  test('a second apply of a finished plan changes nothing', async () => {
    const op = await applyAndWait(app, { pipeline: names.id, draft });
    assert.equal(op.status, 'succeeded', line(op));
    assert.deepEqual(
      op.steps.filter((s) => s.changed).map((s) => s.name),
      [],
      line(op),
    );
    assert.match(op.message, /^Nothing changed/);
    assert.deepEqual(await versionsNow(), [1, 2]);
  });

  test('with the smoke test on, records in the new schema arrive in the evolved table', async () => {
    await port.kafka.createTopic({ name: names.topic, partitions: 1 });
    await createKafkaEngineDelivery(ch, env, { ...names }, '1', await explicitColumns());
    const op = await applyAndWait(app, { pipeline: names.id, draft, smoke: true });
    assert.equal(op.status, 'succeeded', line(op));
    assert.equal(stepOf(op, 'smoke').status, 'ok', line(op));
    assert.ok(op.smokeRunId);
  });

  test('the Connect worker killed mid-way (harness control): the apply stops at the restart, and finishes once it is back', async () => {
    const next = { ...draft, fields: [...draft.fields, { name: 'channel', type: ['null', 'string'], default: null }] };
    await control.connectKill();
    let op: EvolutionOperation;
    try {
      op = await applyAndWait(app, { pipeline: names.id, draft: next });
    } finally {
      await control.connectStart();
    }
    assert.equal(op.status, 'failed', line(op));
    assert.deepEqual(
      op.steps.map((s) => s.status),
      ['ok', 'ok', 'ok', 'ok', 'ok', 'failed', 'pending', 'pending'],
      line(op),
    );
    assert.match(stepOf(op, 'restart').detail, /Kafka Connect/);
    assert.deepEqual(
      op.steps.filter((s) => s.changed).map((s) => s.name),
      ['alter', 'register', 'files'],
      line(op),
    );
    assert.deepEqual(op.left, ['restart', 'contract', 'smoke']);
    assert.deepEqual(await versionsNow(), [1, 2, 3]);
    assert.ok((await columnsNow()).includes('channel'));

    const again = await applyAndWait(app, { pipeline: names.id, draft: next });
    assert.equal(again.status, 'succeeded', line(again));
    assert.deepEqual(
      again.steps.filter((s) => s.changed).map((s) => s.name),
      [],
      line(again),
    );
    assert.equal(stepOf(again, 'restart').status, 'skipped', line(again));
    assert.equal(stepOf(again, 'contract').status, 'ok', line(again));
    assert.deepEqual(await versionsNow(), [1, 2, 3], 'nothing registered twice');
  });
});
