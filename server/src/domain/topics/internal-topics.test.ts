import assert from 'node:assert/strict';
import { test } from 'node:test';
import { internalTopicReason } from './internal-topics.ts';

test("Kafka's, the registry's, Connect's and bookkeeping topics are internal; ordinary topics are not", () => {
  for (const name of [
    '__consumer_offsets',
    '__transaction_state',
    '_schemas',
    '_connect-configs',
    '_connect-offsets',
    '_connect-status',
    '_harness-connect-status',
    'connect-offsets',
    'my-connect-status',
    '_pipeline-panel-redrives',
  ]) {
    assert.ok(internalTopicReason(name), name);
  }
  for (const name of ['orders', 'orders-dlq', 'connect', 'connectors', 'my_topic']) assert.equal(internalTopicReason(name), null, name);
  assert.match(internalTopicReason('_schemas') ?? '', /Schema Registry/);
});
