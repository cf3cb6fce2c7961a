import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPlan, subjectForSchemaFile, type PlanInput } from './plan.ts';

const P = 'com.docker.compose.project';
const S = 'com.docker.compose.service';
const id = (c: string) => c.repeat(64);
const container = (c: string, project: string, service: string) => ({
  id: id(c),
  name: `${project}-${service}-1`,
  labels: { [P]: project, [S]: service },
  state: 'running',
  image: 'img',
});

function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    project: 'demo',
    composeFile: '/repo/docker-compose.yml',
    declaredServices: ['db', 'api', 'panel'],
    selfService: 'panel',
    selfIds: [],
    containers: [container('a', 'demo', 'db'), container('b', 'demo', 'api'), container('c', 'demo', 'panel')],
    volumes: [
      { name: 'demo_db-data', driver: 'local', labels: { [P]: 'demo' }, usedBy: [{ id: id('a'), name: 'demo-db-1' }] },
      { name: 'demo_panel-cache', driver: 'local', labels: { [P]: 'demo' }, usedBy: [{ id: id('c'), name: 'demo-panel-1' }] },
    ],
    bootstrap: { sql: [], schemas: [], connectors: [] },
    ...overrides,
  };
}

test('removes the declared services except the panel, and volumes only the removed containers mount', () => {
  const plan = buildPlan(input());
  assert.deepEqual(
    plan.containers.map((c) => c.service),
    ['api', 'db'],
  );
  assert.deepEqual(
    plan.volumes.map((v) => v.name),
    ['demo_db-data'],
  );
  assert.deepEqual(plan.services, ['db', 'api']);
  assert.deepEqual(
    plan.excluded.map((e) => [e.kind, e.name]),
    [
      ['container', 'demo-panel-1'],
      ['volume', 'demo_panel-cache'],
      ['service', 'panel'],
    ],
  );
  assert.match(plan.excluded[1]!.reason, /in use by the panel/);
  assert.equal(plan.panel.insideProject, true);
});

test('the panel found by its own container id is kept whatever its service is called', () => {
  const plan = buildPlan(input({ selfService: 'panel', selfIds: ['b'.repeat(12)] }));
  assert.deepEqual(
    plan.containers.map((c) => c.service),
    ['db'],
  );
  assert.equal(plan.panel.containerId, id('b'));
  assert.deepEqual(plan.services, ['db']);
  assert.match(plan.excluded.find((e) => e.name === 'demo-api-1')!.reason, /the panel itself/);
});

test('never takes anything without the exact project label, nor containers of undeclared services', () => {
  const plan = buildPlan(
    input({
      containers: [container('a', 'demo', 'db'), container('d', 'demo2', 'db'), container('e', 'demo', 'stray')],
      volumes: [
        { name: 'demo_db-data', driver: 'local', labels: { [P]: 'demo' }, usedBy: [] },
        { name: 'demo_db-data-decoy', driver: 'local', labels: {}, usedBy: [] },
        { name: 'demo_other', driver: 'local', labels: { [P]: 'demo2' }, usedBy: [] },
      ],
    }),
  );
  assert.deepEqual(
    plan.containers.map((c) => c.name),
    ['demo-db-1'],
  );
  assert.deepEqual(
    plan.volumes.map((v) => v.name),
    ['demo_db-data'],
  );
  assert.match(plan.excluded.find((e) => e.name === 'demo-stray-1')!.reason, /not declared/);
  assert.equal(plan.panel.insideProject, false);
});

test('a project volume mounted by a container outside the reset is kept and says by whom', () => {
  const plan = buildPlan(
    input({
      volumes: [{ name: 'demo_db-data', driver: 'local', labels: { [P]: 'demo' }, usedBy: [{ id: id('f'), name: 'someone-else' }] }],
    }),
  );
  assert.deepEqual(plan.volumes, []);
  assert.match(plan.excluded.find((e) => e.kind === 'volume')!.reason, /does not remove \(someone-else\)/);
});

test('schema files map to <topic>-value subjects', () => {
  assert.equal(subjectForSchemaFile('orders-value.avsc'), 'orders-value');
  assert.equal(subjectForSchemaFile('orders.avsc'), 'orders-value');
  assert.equal(subjectForSchemaFile('orders-key.avsc'), 'orders-key');
});
