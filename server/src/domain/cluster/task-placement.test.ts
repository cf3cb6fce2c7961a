import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emptyPlacementMemory, trackPlacements, type ConnectorStatusFact } from './task-placement.ts';

const status = (workers: [string, string, string]): ConnectorStatusFact => ({
  name: 'sink',
  connector: { state: 'RUNNING', workerId: workers[0] },
  tasks: [
    { id: 1, state: 'RUNNING', workerId: workers[2] },
    { id: 0, state: 'RUNNING', workerId: workers[1] },
  ],
});

describe('trackPlacements', () => {
  const first = trackPlacements(emptyPlacementMemory(), [status(['w1:8083', 'w1:8083', 'w2:8083'])], 't1', 'w1:8083');

  test('first sight: where each runs, nothing moved, tasks in id order', () => {
    assert.deepEqual(
      first.placements.map((p) => [p.task, p.workerId, p.movedFrom]),
      [
        [null, 'w1:8083', null],
        [0, 'w1:8083', null],
        [1, 'w2:8083', null],
      ],
    );
    assert.deepEqual(
      first.workers.map((w) => [w.workerId, w.state, w.connectors, w.tasks, w.isPanelEndpoint]),
      [
        ['w1:8083', 'running', 1, 1, true],
        ['w2:8083', 'running', 0, 1, false],
      ],
    );
  });

  test('a worker lost: its task shows moved from it, and the worker as missing', () => {
    const second = trackPlacements(first.memory, [status(['w1:8083', 'w1:8083', 'w1:8083'])], 't2', 'w1:8083');
    const task1 = second.placements.find((p) => p.task === 1)!;
    assert.deepEqual([task1.workerId, task1.movedFrom, task1.movedAt], ['w1:8083', 'w2:8083', 't2']);
    assert.equal(second.placements.find((p) => p.task === 0)!.movedFrom, null);
    assert.deepEqual(
      second.workers.map((w) => [w.workerId, w.state, w.lastSeenAt]),
      [
        ['w1:8083', 'running', 't2'],
        ['w2:8083', 'missing', 't1'],
      ],
    );

    test('stays moved (from the first worker, at the first time) while it stays put', () => {
      const third = trackPlacements(second.memory, [status(['w1:8083', 'w1:8083', 'w1:8083'])], 't3', null);
      const again = third.placements.find((p) => p.task === 1)!;
      assert.deepEqual([again.movedFrom, again.movedAt], ['w2:8083', 't2']);
    });
  });

  test('an unassigned task keeps its last place, so its next assignment counts as a move', () => {
    const unassigned = trackPlacements(first.memory, [status(['w1:8083', 'w1:8083', ''])], 't2', null);
    assert.equal(unassigned.placements.find((p) => p.task === 1)!.movedFrom, null);
    const reassigned = trackPlacements(unassigned.memory, [status(['w1:8083', 'w1:8083', 'w1:8083'])], 't3', null);
    assert.equal(reassigned.placements.find((p) => p.task === 1)!.movedFrom, 'w2:8083');
  });

  test('does not change the memory it was given', () => {
    const before = [...first.memory.tasks.entries()].map(([k, v]) => [k, { ...v }]);
    trackPlacements(first.memory, [status(['w2:8083', 'w2:8083', 'w2:8083'])], 't9', null);
    assert.deepEqual([...first.memory.tasks.entries()], before);
  });
});
