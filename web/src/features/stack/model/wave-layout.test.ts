import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { OrderingGraph } from '@pipeline-panel/server/contracts';
import { connectorPath, describeProblem, waveLayout } from './wave-layout.ts';

const pipeline: OrderingGraph = {
  services: ['kafka', 'clickhouse', 'schema-registry', 'connect', 'panel'],
  edges: [
    { from: 'schema-registry', to: 'kafka', condition: 'service_healthy' },
    { from: 'connect', to: 'kafka', condition: 'service_healthy' },
    { from: 'connect', to: 'schema-registry', condition: 'service_healthy' },
    { from: 'connect', to: 'clickhouse', condition: 'service_started' },
  ],
  waves: [['kafka', 'clickhouse'], ['schema-registry'], ['connect']],
  problems: [],
};

describe('waveLayout', () => {
  test('one column per wave, and services outside every wave in a trailing column', () => {
    const layout = waveLayout(pipeline);
    assert.deepEqual(
      layout.columns.map((c) => [c.label, c.services]),
      [
        ['Wave 1', ['kafka', 'clickhouse']],
        ['Wave 2', ['schema-registry']],
        ['Wave 3', ['connect']],
        ['Unordered', ['panel']],
      ],
    );
    assert.equal(layout.ordered, false);
  });

  test('links point from the dependency to the dependent, the direction start-up flows', () => {
    const layout = waveLayout({ ...pipeline, services: pipeline.services.slice(0, 4) });
    assert.equal(layout.ordered, true);
    assert.deepEqual(layout.links[0], { from: 'kafka', to: 'schema-registry', condition: 'service_healthy' });
    assert.equal(layout.links.length, 4);
  });

  test('a cycle leaves no waves: all services land in one unordered column', () => {
    const layout = waveLayout({
      services: ['a', 'b'],
      edges: [
        { from: 'a', to: 'b', condition: 'service_started' },
        { from: 'b', to: 'a', condition: 'service_started' },
      ],
      waves: [],
      problems: [{ kind: 'cycle', services: ['a', 'b'] }],
    });
    assert.deepEqual(layout.columns, [{ key: 'unordered', label: 'Unordered (cycle)', services: ['a', 'b'] }]);
    assert.equal(layout.ordered, false);
  });

  test('an edge to an undeclared service is not drawn (the problem list reports it)', () => {
    const layout = waveLayout({
      services: ['app'],
      edges: [{ from: 'app', to: 'ghost', condition: 'service_started' }],
      waves: [['app']],
      problems: [{ kind: 'unknown-dependency', service: 'app', dependsOn: 'ghost' }],
    });
    assert.deepEqual(layout.links, []);
  });
});

describe('connectorPath', () => {
  const box = (left: number, top: number, width = 100, height = 40) => ({ left, top, right: left + width, bottom: top + height });

  test('side-by-side boxes get a horizontal curve from right edge to left edge', () => {
    assert.equal(connectorPath(box(0, 0), box(200, 60)), 'M 100 20 C 150 20, 150 80, 200 80');
  });

  test('stacked boxes (narrow layout) get a vertical curve from bottom to top', () => {
    assert.equal(connectorPath(box(0, 0), box(0, 100)), 'M 50 40 C 50 70, 50 70, 50 100');
  });

  test('an edge that skips a column detours below the nodes in between instead of crossing them', () => {
    const inTheWay = box(200, 0, 100, 60);
    const path = connectorPath(box(0, 0), box(400, 0), [inTheWay, box(600, 0)]);
    assert.equal(path, 'M 100 20 C 124 20, 124 72, 148 72 H 352 C 376 72, 376 20, 400 20');
  });

  test('nodes in between that are out of the way do not bend the edge', () => {
    const farBelow = box(200, 300);
    assert.equal(connectorPath(box(0, 0), box(400, 0), [farBelow]), 'M 100 20 C 250 20, 250 20, 400 20');
  });

  test('in the stacked layout a skipping edge detours left of the rows in between', () => {
    const path = connectorPath(box(0, 0), box(0, 200), [box(0, 100)]);
    assert.equal(path, 'M 50 40 C 50 54, -12 54, -12 68 V 172 C -12 186, 50 186, 50 200');
  });

  test('overlapping boxes get no connector', () => {
    assert.equal(connectorPath(box(0, 0), box(50, 10)), null);
  });
});

test('describeProblem names the services involved', () => {
  assert.match(describeProblem({ kind: 'cycle', services: ['a', 'b'] }), /a → b → a/);
  assert.match(describeProblem({ kind: 'unknown-dependency', service: 'app', dependsOn: 'ghost' }), /app depends on ghost/);
  assert.match(
    describeProblem({ kind: 'healthy-condition-without-healthcheck', service: 'app', dependsOn: 'db' }),
    /db has no healthcheck/,
  );
});
