import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupByError, groupKey, normaliseErrorMessage } from './grouping.ts';

test('variable parts of an error message are replaced, the rest kept', () => {
  assert.equal(
    normaliseErrorMessage(
      'Converting byte[] to Kafka Connect data failed due to serialization error of topic orders: Unknown magic byte at offset 17',
    ),
    'Converting byte[] to Kafka Connect data failed due to serialization error of topic orders: Unknown magic byte at offset <n>',
  );
  assert.equal(normaliseErrorMessage('Error retrieving Avro schema for id 42'), 'Error retrieving Avro schema for id <n>');
  assert.equal(
    normaliseErrorMessage('record 1b4e28ba-2fa1-11d2-883f-0016d3cca427 has "bad value" and deadbeef42'),
    'record <uuid> has "…" and <hex>',
  );
  assert.equal(normaliseErrorMessage(null), '(no message)');
});

test('two messages differing only in numbers share a group; another stage does not', () => {
  const items = [
    { stage: 'VALUE_CONVERTER', m: 'Unknown magic byte at offset 1' },
    { stage: 'VALUE_CONVERTER', m: 'Unknown magic byte at offset 99' },
    { stage: 'TASK_PUT', m: 'Unknown magic byte at offset 1' },
  ];
  const groups = groupByError(items, (i) => ({ stage: i.stage, className: 'c', exceptionClass: 'e', pattern: normaliseErrorMessage(i.m) }));
  assert.deepEqual(
    groups.map((g) => g.items.length),
    [2, 1],
  );
  assert.match(groups[0]!.key, /^[0-9a-f]{16}$/);
  assert.equal(groupKey(groups[0]!.identity), groups[0]!.key, 'the key is stable');
});
