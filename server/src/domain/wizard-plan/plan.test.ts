import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildPlan, columnDifferences, type PlanFacts } from './plan.ts';

const base = (): PlanFacts => ({
  pipeline: 'clicks-clickhouse-sink',
  topic: { name: 'clicks', partitions: 3, replicationFactor: null, facts: { exists: false, partitions: null } },
  schema: { subject: 'clicks-value', facts: { state: 'new', version: null, latest: null, messages: [] } },
  table: { target: 'pipeline.clicks', facts: { exists: false } },
  connector: { name: 'clicks-clickhouse-sink', skip: false, facts: { deployed: false }, plugin: { installed: true } },
  files: [
    { path: 'sql/002_clicks.sql', content: 'CREATE …', existing: null },
    { path: 'connectors/clicks-clickhouse-sink.json', content: '{}', existing: null },
    { path: 'connectors/clicks-value.avsc', content: '{"type":"record"}', existing: null },
  ],
  overwrite: [],
});

const action = (plan: ReturnType<typeof buildPlan>, kind: string) => plan.items.find((i) => i.kind === kind)?.action;

describe('buildPlan', () => {
  test('a brand-new pipeline creates everything and can be applied', () => {
    const plan = buildPlan(base());
    assert.deepEqual(
      plan.items.map((i) => i.action),
      ['create', 'register', 'create', 'create'],
    );
    assert.deepEqual(
      plan.files.map((f) => f.action),
      ['create', 'create', 'create'],
    );
    assert.equal(plan.canApply, true);
    assert.equal(plan.upToDate, false);
    const topic = (replicationFactor: number | null) =>
      buildPlan({ ...base(), topic: { ...base().topic, replicationFactor } }).items.find((i) => i.kind === 'topic')?.detail;
    assert.equal(topic(null), "Create topic clicks with 3 partition(s), the broker's default replication factor");
    assert.equal(topic(3), 'Create topic clicks with 3 partition(s), replication factor 3');
  });

  test('everything already in place: nothing changes, and the plan says so', () => {
    const facts = base();
    facts.topic.facts = { exists: true, partitions: 3 };
    facts.schema.facts = { state: 'registered', version: 1, latest: 1, messages: [] };
    facts.table.facts = { exists: true, differences: [] };
    facts.connector.facts = { deployed: true, diff: [] };
    facts.files = facts.files.map((f) => ({ ...f, existing: f.content }));
    const plan = buildPlan(facts);
    assert.deepEqual(
      plan.items.map((i) => i.action),
      ['exists', 'registered', 'same', 'unchanged'],
    );
    assert.ok(plan.files.every((f) => f.action === 'unchanged'));
    assert.equal(plan.upToDate, true);
    assert.equal(plan.canApply, true);
  });

  test('a worker without the sink plugin: the connector is not "create" — the plan names the reason and blocks', () => {
    const facts = base();
    facts.connector.plugin = {
      installed: false,
      reason: 'Plugin X is not installed on the Connect worker at http://c:8083',
      fix: 'run the repo image',
    };
    const plan = buildPlan(facts);
    assert.equal(action(plan, 'connector'), 'missing-plugin');
    assert.equal(plan.canApply, false);
    assert.match(plan.blockers[0]!, /Plugin X is not installed.*Fix: run the repo image.*skip the connector/);
    facts.connector.skip = true;
    const skipped = buildPlan(facts);
    assert.equal(action(skipped, 'connector'), 'skip');
    assert.equal(skipped.canApply, true, 'skipping the connector, explicitly, unblocks the rest');
  });

  test('a table with other columns and an incompatible schema block the apply, with reasons', () => {
    const facts = base();
    facts.schema.facts = { state: 'incompatible', version: null, latest: 2, messages: ['READER_FIELD_MISSING_DEFAULT_VALUE: qty'] };
    facts.table.facts = { exists: true, differences: ['qty is Int64, not Int32'] };
    const plan = buildPlan(facts);
    assert.equal(action(plan, 'schema'), 'incompatible');
    assert.equal(action(plan, 'table'), 'differs');
    assert.equal(plan.canApply, false);
    assert.equal(plan.blockers.length, 2);
    assert.match(plan.blockers[0]!, /qty/);
    assert.match(plan.blockers[1]!, /never alters or replaces/);
  });

  test('a differing file blocks until its path is ticked; then it is overwritten and shows the old content', () => {
    const facts = base();
    facts.files[1] = { ...facts.files[1]!, existing: '{"old":true}' };
    const blocked = buildPlan(facts);
    assert.equal(blocked.files[1]!.action, 'differs');
    assert.equal(blocked.canApply, false);
    assert.match(blocked.blockers[0]!, /overwrite connectors\/clicks-clickhouse-sink\.json/);
    const allowed = buildPlan({ ...facts, overwrite: ['connectors/clicks-clickhouse-sink.json'] });
    assert.equal(allowed.files[1]!.action, 'overwrite');
    assert.equal(allowed.files[1]!.existing, '{"old":true}');
    assert.equal(allowed.canApply, true);
  });

  test('a deployed connector with another config is an update that needs its own tick', () => {
    const facts = base();
    facts.connector.facts = { deployed: true, diff: [{ key: 'tasks.max', file: '1', deployed: '2' }] };
    const blocked = buildPlan(facts);
    const item = blocked.items[3]!;
    assert.equal(item.action, 'update');
    assert.equal(item.overwriteKey, 'connector/clicks-clickhouse-sink');
    assert.equal(blocked.canApply, false);
    assert.equal(buildPlan({ ...facts, overwrite: ['connector/clicks-clickhouse-sink'] }).canApply, true);
  });

  test('skipped deployment and unreachable services do not block', () => {
    const facts = base();
    facts.connector.skip = true;
    facts.table.facts = { unknown: 'ClickHouse at http://127.0.0.1:1 is unreachable' };
    const plan = buildPlan(facts);
    assert.equal(action(plan, 'connector'), 'skip');
    assert.equal(action(plan, 'table'), 'unknown');
    assert.match(plan.items[2]!.detail, /unreachable.*apply will try/);
    assert.equal(plan.canApply, true);
  });
});

test('columnDifferences names missing, extra and retyped columns', () => {
  assert.deepEqual(columnDifferences([{ name: 'a', type: 'String' }], [{ name: 'a', type: 'String' }]), []);
  assert.deepEqual(
    columnDifferences(
      [
        { name: 'a', type: 'String' },
        { name: 'x', type: 'Int8' },
      ],
      [
        { name: 'a', type: 'Int32' },
        { name: 'b', type: 'String' },
      ],
    ),
    ['a is String, not Int32', 'missing column b String', 'extra column x Int8'],
  );
});
