import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LineageNode } from '@pipeline-panel/server/contracts';
import { ago, nodeColumns, nodeFigures } from './node-figures.ts';

const group: LineageNode = {
  id: 'group:g',
  kind: 'group',
  label: 'g',
  link: '#/topics/t',
  status: 'ok',
  name: 'g',
  topic: 't',
  delivery: 'connector:c',
  lag: 10,
  committed: 5,
  lagTrend: 'rising',
  stillForMs: 0,
  series: { lag: 'group-lag:g/t' },
};

test("a figure shows the newest streamed value when there is one, else the graph's", () => {
  assert.deepEqual(
    nodeFigures(group, 0, () => null),
    [
      ['lag', '10'],
      ['trend', 'rising'],
    ],
  );
  assert.deepEqual(nodeFigures(group, 0, () => 1234)[0], ['lag', '1,234']);
});

test('ago and columns', () => {
  assert.equal(ago(new Date(0).toISOString(), 65_000), '1 min ago');
  assert.equal(ago(null, 0), 'never');
  assert.deepEqual(
    nodeColumns([group]).map((c) => c.map((n) => n.id)),
    [['group:g']],
  );
});
