import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConnectWorkersResponse, TaskPlacement } from '@pipeline-panel/server/contracts';
import { movedOf, movedPlacements, placementName, workersSummary } from './workers-view.ts';

const placement = (task: number | null, movedFrom: string | null): TaskPlacement => ({
  connector: 'sink',
  task,
  state: 'RUNNING',
  workerId: 'w1:8083',
  movedFrom,
  movedAt: movedFrom ? '2026-01-01T00:00:00.000Z' : null,
});

const body: ConnectWorkersResponse = {
  workers: [
    { workerId: 'w1:8083', state: 'running', connectors: 1, tasks: 2, isPanelEndpoint: true, lastSeenAt: 't' },
    { workerId: 'w2:8083', state: 'missing', connectors: 0, tasks: 0, isPanelEndpoint: false, lastSeenAt: 't' },
  ],
  placements: [placement(null, null), placement(0, null), placement(1, 'w2:8083')],
  watchingSince: 't',
  fetchedAt: 't',
};

describe('workers view', () => {
  test('moved placements are found by connector and task', () => {
    const moved = movedPlacements(body);
    assert.equal(movedOf(moved, 'sink', 1)?.movedFrom, 'w2:8083');
    assert.equal(movedOf(moved, 'sink', 0), undefined);
    assert.equal(movedOf(moved, 'sink', null), undefined);
    assert.equal(movedPlacements(undefined).size, 0);
  });
  test('names and summary', () => {
    assert.equal(placementName({ connector: 'sink', task: 1 }), 'task 1 of sink');
    assert.equal(placementName({ connector: 'sink', task: null }), 'connector sink');
    assert.equal(workersSummary(body), '2 workers seen · 1 running nothing now · 1 moved');
  });
});
