import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCompose } from '../compose/parse.ts';
import { buildOrderingGraph, type GraphInputService } from './ordering-graph.ts';

const svc = (
  name: string,
  deps: [string, GraphInputService['dependsOn'][number]['condition']][] = [],
  hasHealthcheck = true,
): GraphInputService => ({
  name,
  hasHealthcheck,
  dependsOn: deps.map(([service, condition]) => ({ service, condition })),
});

describe('buildOrderingGraph', () => {
  test('waves are topological levels in declaration order', () => {
    const graph = buildOrderingGraph([
      svc('panel', [
        ['connect', 'service_healthy'],
        ['kafka', 'service_started'],
      ]),
      svc('kafka'),
      svc('clickhouse'),
      svc('registry', [['kafka', 'service_healthy']]),
      svc('connect', [
        ['kafka', 'service_healthy'],
        ['registry', 'service_healthy'],
        ['clickhouse', 'service_healthy'],
      ]),
    ]);
    assert.deepEqual(graph.waves, [['kafka', 'clickhouse'], ['registry'], ['connect'], ['panel']]);
    assert.deepEqual(graph.problems, []);
    assert.equal(graph.edges.length, 6);
    assert.deepEqual(graph.edges[0], { from: 'panel', to: 'connect', condition: 'service_healthy' });
  });

  test('a cycle lists its services and leaves no waves', () => {
    const graph = buildOrderingGraph([
      svc('a', [['b', 'service_started']]),
      svc('b', [['c', 'service_started']]),
      svc('c', [['a', 'service_started']]),
      svc('d', [['a', 'service_started']]),
    ]);
    assert.deepEqual(graph.problems, [{ kind: 'cycle', services: ['a', 'b', 'c'] }]);
    assert.deepEqual(graph.waves, []);
  });

  test('a service depending on itself is a cycle', () => {
    const graph = buildOrderingGraph([svc('a', [['a', 'service_started']])]);
    assert.deepEqual(graph.problems, [{ kind: 'cycle', services: ['a'] }]);
  });

  test('two separate cycles are both reported', () => {
    const graph = buildOrderingGraph([
      svc('a', [['b', 'service_started']]),
      svc('b', [['a', 'service_started']]),
      svc('c', [['d', 'service_started']]),
      svc('d', [['c', 'service_started']]),
    ]);
    assert.equal(graph.problems.filter((p) => p.kind === 'cycle').length, 2);
  });

  test('an unknown dependency is reported and ignored for the waves', () => {
    const graph = buildOrderingGraph([svc('api', [['db', 'service_started']])]);
    assert.deepEqual(graph.problems, [{ kind: 'unknown-dependency', service: 'api', dependsOn: 'db' }]);
    assert.deepEqual(graph.waves, [['api']]);
    assert.deepEqual(graph.edges, []);
  });

  test('service_healthy on a service without healthcheck is reported; service_started is fine', () => {
    const graph = buildOrderingGraph([
      svc('worker', [], false),
      svc('api', [['worker', 'service_healthy']]),
      svc('cron', [['worker', 'service_started']]),
    ]);
    assert.deepEqual(graph.problems, [{ kind: 'healthy-condition-without-healthcheck', service: 'api', dependsOn: 'worker' }]);
    assert.deepEqual(graph.waves, [['worker'], ['api', 'cron']]);
  });

  test('from a compose file', () => {
    const model = parseCompose(
      'services:\n  db:\n    image: x\n  api:\n    image: x\n    depends_on:\n      db:\n        condition: service_healthy\n  web:\n    image: x\n    depends_on: [api, cache]\n',
      {},
    );
    const graph = buildOrderingGraph(model.services);
    assert.deepEqual(graph.waves, [['db'], ['api'], ['web']]);
    assert.deepEqual(graph.problems, [
      { kind: 'healthy-condition-without-healthcheck', service: 'api', dependsOn: 'db' },
      { kind: 'unknown-dependency', service: 'web', dependsOn: 'cache' },
    ]);
  });
});
