import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectorTask } from '@pipeline-panel/server/contracts';
import { availableActions, failedFirst, isFailed, shortClass, stateTone, taskSummary, traceHeadline } from './connector-look.ts';

const task = (id: number, state: string): ConnectorTask => ({ id, state, workerId: 'w' });

test('stateTone maps Connect states', () => {
  assert.equal(stateTone('RUNNING'), 'ok');
  assert.equal(stateTone('FAILED'), 'bad');
  assert.equal(stateTone('PAUSED'), 'warn');
  assert.equal(stateTone('UNASSIGNED'), 'warn');
  assert.equal(stateTone('SOMETHING_NEW'), 'idle');
});

describe('failedFirst', () => {
  test('a connector with a failed task sorts before running ones even though it is RUNNING itself', () => {
    const list = [
      { name: 'a', state: 'RUNNING', tasks: [task(0, 'RUNNING')] },
      { name: 'b', state: 'RUNNING', tasks: [task(0, 'FAILED')] },
      { name: 'c', state: 'FAILED', tasks: [] },
      { name: '0', state: 'PAUSED', tasks: [] },
    ];
    assert.deepEqual(failedFirst(list).map((c) => c.name), ['b', 'c', '0', 'a']);
    assert.deepEqual(list.map((c) => c.name), ['a', 'b', 'c', '0']);
  });
  test('isFailed looks at tasks too', () => {
    assert.equal(isFailed({ state: 'RUNNING', tasks: [task(0, 'FAILED')] }), true);
    assert.equal(isFailed({ state: 'PAUSED', tasks: [task(0, 'PAUSED')] }), false);
  });
});

test('taskSummary counts running and failed tasks', () => {
  assert.equal(taskSummary([]), 'no tasks');
  assert.equal(taskSummary([task(0, 'RUNNING')]), '1/1 task running');
  assert.equal(taskSummary([task(0, 'RUNNING'), task(1, 'FAILED')]), '1/2 tasks running · 1 failed');
});

test('availableActions offers pause when running and resume when paused', () => {
  assert.deepEqual(availableActions('RUNNING'), { pause: true, resume: false, restart: true });
  assert.deepEqual(availableActions('PAUSED'), { pause: false, resume: true, restart: true });
});

test('shortClass and traceHeadline keep the useful part', () => {
  assert.equal(shortClass('org.apache.kafka.connect.file.FileStreamSinkConnector'), 'FileStreamSinkConnector');
  assert.equal(traceHeadline('\norg.apache.kafka.connect.errors.ConnectException: boom\n\tat x.y(Z.java:1)'), 'org.apache.kafka.connect.errors.ConnectException: boom');
});
