import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../errors/app-error.ts';
import { pipelineInput } from './inputs.ts';
import { newApplyOperation } from './operation.ts';

const valid = {
  topic: { name: 'clicks', partitions: 2 },
  schema: '{}',
  table: { database: 'pipeline', table: 'clicks', sql: 'CREATE TABLE …' },
  connector: '{}',
};

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? `${error.statusCode} ${error.code}` : String(error);
  }
  return 'no error';
};

test('the plan/apply body: defaults, and a specific 400 for each bad part', () => {
  assert.deepEqual(pipelineInput(valid), {
    ...valid,
    topic: { name: 'clicks', partitions: 2, retentionMs: null },
    skipConnectorDeploy: false,
    overwrite: [],
  });
  assert.equal(
    code(() => pipelineInput(null)),
    '400 BAD_REQUEST',
  );
  assert.equal(
    code(() => pipelineInput({ ...valid, topic: { name: 'x', partitions: 0 } })),
    '400 INVALID_PARTITIONS',
  );
  assert.equal(
    code(() => pipelineInput({ ...valid, topic: { name: 'x', retentionMs: 5 } })),
    '400 INVALID_RETENTION',
  );
  assert.equal(
    code(() => pipelineInput({ ...valid, schema: '' })),
    '400 VALIDATION_FAILED',
  );
  assert.equal(
    code(() => pipelineInput({ ...valid, overwrite: [1] })),
    '400 VALIDATION_FAILED',
  );
  assert.equal(
    code(() => pipelineInput({ ...valid, skipConnectorDeploy: 'yes' })),
    '400 VALIDATION_FAILED',
  );
});

test('an operation reports done and left as its steps change', () => {
  const op = newApplyOperation('clicks-sink');
  const events: string[] = [];
  op.subscribe((e) => events.push(e.type === 'step' ? `${e.step.name}:${e.step.status}` : `done:${e.report.status}`));
  op.update('topic', { status: 'ok', changed: true });
  op.update('schema', { status: 'failed' });
  op.finish({ status: 'failed', message: 'schema failed' });
  assert.deepEqual(op.report.done, ['topic']);
  assert.deepEqual(op.report.left, ['schema', 'table', 'files', 'connector', 'smoke']);
  assert.deepEqual(events, ['topic:ok', 'schema:failed', 'done:failed']);
  assert.equal(op.done, true);
});
