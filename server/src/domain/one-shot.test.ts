import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { awaitedToComplete, isCompletedOneShot } from './one-shot.ts';

describe('awaitedToComplete', () => {
  test('only services waited for with service_completed_successfully', () => {
    const awaited = awaitedToComplete([
      { dependsOn: [{ service: 'clickhouse-init', condition: 'service_completed_successfully' }] },
      { dependsOn: [{ service: 'kafka-1', condition: 'service_healthy' }] },
      {},
    ]);
    assert.deepEqual([...awaited], ['clickhouse-init']);
  });
});

describe('isCompletedOneShot', () => {
  const done = { state: 'exited', exitCode: 0, restartPolicy: 'no' };
  test('exit 0, no restart, awaited: done', () => {
    assert.equal(isCompletedOneShot(done, true), true);
    assert.equal(isCompletedOneShot({ ...done, restartPolicy: 'on-failure' }, true), true);
  });
  test('a failure, a running container, a restarting policy or a service nobody awaits: not done', () => {
    assert.equal(isCompletedOneShot({ ...done, exitCode: 1 }, true), false);
    assert.equal(isCompletedOneShot({ ...done, state: 'running' }, true), false);
    assert.equal(isCompletedOneShot({ ...done, restartPolicy: 'unless-stopped' }, true), false);
    assert.equal(isCompletedOneShot(done, false), false, 'a stopped long-running service that exited 0');
  });
});
