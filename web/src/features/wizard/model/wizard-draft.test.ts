import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { WizardTopicResult } from '@pipeline-panel/server/contracts';
import { canOpen, edit, EMPTY_DRAFT, lineDiff, pipelineInput, topicRequest, type WizardDraft } from './wizard-draft.ts';

const topicResult = { name: 'clicks', exists: false, partitions: 2, retentionMs: null } as WizardTopicResult;

describe('wizard draft', () => {
  test('editing a step keeps later values but clears their validation, so they must be validated again', () => {
    const draft: WizardDraft = {
      ...EMPTY_DRAFT,
      table: { ...EMPTY_DRAFT.table, sql: 'CREATE TABLE …' },
      validated: { topic: topicResult, schema: {} as never, table: {} as never, connector: { ok: true } as never },
    };
    assert.equal(canOpen(draft, 'review'), true);
    const edited = edit(draft, 'schema', { text: '{}' });
    assert.equal(edited.schema.text, '{}');
    assert.equal(edited.table.sql, 'CREATE TABLE …', 'later values stay');
    assert.ok(edited.validated.topic);
    assert.equal(edited.validated.schema, undefined);
    assert.equal(edited.validated.connector, undefined);
    assert.equal(canOpen(edited, 'schema'), true);
    assert.equal(canOpen(edited, 'table'), false);
  });

  test('a connector that failed validation does not open the review', () => {
    const draft: WizardDraft = {
      ...EMPTY_DRAFT,
      validated: { topic: topicResult, schema: {} as never, table: {} as never, connector: { ok: false } as never },
    };
    assert.equal(canOpen(draft, 'connector'), true);
    assert.equal(canOpen(draft, 'review'), false);
  });

  test('topic request: partitions, replication factor and retention days', () => {
    const topic = (patch: Partial<WizardDraft['topic']>) => ({ ...EMPTY_DRAFT, topic: { ...EMPTY_DRAFT.topic, ...patch } });
    assert.deepEqual(topicRequest(topic({ name: ' clicks ', partitions: '3', retentionDays: '7' })), {
      ok: true,
      body: { mode: 'new', name: 'clicks', partitions: 3, retentionMs: 604_800_000 },
    });
    assert.deepEqual(topicRequest(topic({ name: 'clicks', partitions: '3', replicationFactor: '3' })), {
      ok: true,
      body: { mode: 'new', name: 'clicks', partitions: 3, replicationFactor: 3 },
    });
    assert.equal(topicRequest(topic({ name: 'x', partitions: '0' })).ok, false);
    assert.equal(topicRequest(topic({ name: 'x', replicationFactor: '1.5' })).ok, false);
    assert.deepEqual(topicRequest(topic({ mode: 'existing', name: 'x', partitions: '0', replicationFactor: '9' })), {
      ok: true,
      body: { mode: 'existing', name: 'x' },
    });
  });

  test('the plan body carries the validated topic and the overwrite ticks', () => {
    const input = pipelineInput({ ...EMPTY_DRAFT, overwrite: ['sql/002_clicks.sql'], validated: { topic: topicResult } });
    assert.deepEqual(input.topic, { name: 'clicks', partitions: 2, retentionMs: null, replicationFactor: null });
    const replicated = pipelineInput({ ...EMPTY_DRAFT, validated: { topic: { ...topicResult, replicationFactor: 3 } } });
    assert.equal(replicated.topic.replicationFactor, 3);
    assert.deepEqual(input.overwrite, ['sql/002_clicks.sql']);
  });

  test('lineDiff marks removed and added lines', () => {
    assert.deepEqual(lineDiff('a\nb\nc', 'a\nx\nc'), [
      { sign: ' ', text: 'a' },
      { sign: '+', text: 'x' },
      { sign: '-', text: 'b' },
      { sign: ' ', text: 'c' },
    ]);
  });
});
