import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TopicSummary } from '@pipeline-panel/server/contracts';
import { draftToInput, EMPTY_DRAFT, formatRetention, orderTopics } from './topic-form.ts';

describe('draftToInput', () => {
  test('default retention sends no retentionMs', () => {
    assert.deepEqual(draftToInput({ ...EMPTY_DRAFT, name: ' orders ', partitions: '3' }), {
      ok: true,
      input: { name: 'orders', partitions: 3 },
    });
  });
  test('days and hours become milliseconds', () => {
    const days = draftToInput({ ...EMPTY_DRAFT, name: 't', retentionUnit: 'days', retentionAmount: '7' });
    assert.deepEqual(days, { ok: true, input: { name: 't', partitions: 1, retentionMs: 604_800_000 } });
    const hours = draftToInput({ ...EMPTY_DRAFT, name: 't', retentionUnit: 'hours', retentionAmount: '1.5' });
    assert.equal(hours.ok && hours.input.retentionMs, 5_400_000);
  });
  test('unlimited is -1', () => {
    const result = draftToInput({ ...EMPTY_DRAFT, name: 't', retentionUnit: 'unlimited' });
    assert.equal(result.ok && result.input.retentionMs, -1);
  });
  test('bad partitions and retention name the field', () => {
    assert.deepEqual(draftToInput({ ...EMPTY_DRAFT, name: 't', partitions: '0' }).ok, false);
    assert.equal((draftToInput({ ...EMPTY_DRAFT, name: 't', partitions: '2.5' }) as { field: string }).field, 'partitions');
    assert.equal(
      (draftToInput({ ...EMPTY_DRAFT, name: 't', retentionUnit: 'days', retentionAmount: '-1' }) as { field: string }).field,
      'retention',
    );
  });
  test('replication factor: empty is the broker default, a whole number is sent, anything else names the field', () => {
    const unset = draftToInput({ ...EMPTY_DRAFT, name: 't' });
    assert.equal(unset.ok && 'replicationFactor' in unset.input, false);
    const three = draftToInput({ ...EMPTY_DRAFT, name: 't', replicationFactor: '3' });
    assert.equal(three.ok && three.input.replicationFactor, 3);
    for (const bad of ['0', '1.5', 'x'])
      assert.equal((draftToInput({ ...EMPTY_DRAFT, name: 't', replicationFactor: bad }) as { field: string }).field, 'replication');
  });
  test('an empty name is caught; other name rules are left to the server', () => {
    assert.equal((draftToInput(EMPTY_DRAFT) as { field: string }).field, 'name');
    assert.equal(draftToInput({ ...EMPTY_DRAFT, name: 'bad name!' }).ok, true);
  });
});

test('formatRetention', () => {
  assert.equal(formatRetention(null), 'unlimited');
  assert.equal(formatRetention(-1), 'unlimited');
  assert.equal(formatRetention(604_800_000), '7 days');
  assert.equal(formatRetention(86_400_000), '1 day');
  assert.equal(formatRetention(129_600_000), '36 hours');
  assert.equal(formatRetention(5_400_000), '90 minutes');
  assert.equal(formatRetention(1500), '1.5 s');
});

test('orderTopics puts user topics first and can hide internal ones', () => {
  const t = (name: string, internal: boolean): TopicSummary => ({
    name,
    internal,
    partitions: 1,
    replicationFactor: 1,
    endOffset: 0,
    retentionMs: null,
  });
  const topics = [t('__consumer_offsets', true), t('orders', false), t('_schemas', true), t('clicks', false)];
  assert.deepEqual(
    orderTopics(topics, true).map((x) => x.name),
    ['clicks', 'orders', '__consumer_offsets', '_schemas'],
  );
  assert.deepEqual(
    orderTopics(topics, false).map((x) => x.name),
    ['clicks', 'orders'],
  );
});
