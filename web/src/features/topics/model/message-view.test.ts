import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MessagePart, TopicMessage } from '@pipeline-panel/server/contracts';
import {
  browseQuery,
  describeMs,
  EMPTY_BROWSE,
  fullText,
  messageAsJson,
  preview,
  produceInput,
  type ProduceDraft,
} from './message-view.ts';

const part = (p: Partial<MessagePart>): MessagePart => ({
  format: 'text',
  text: '',
  base64: null,
  bytes: 0,
  truncated: false,
  schemaId: null,
  subject: null,
  version: null,
  note: null,
  ...p,
});

test('the browse query carries only what the chosen start uses', () => {
  assert.equal(browseQuery(EMPTY_BROWSE, null), 'from=newest&limit=50');
  assert.equal(
    browseQuery({ ...EMPTY_BROWSE, from: 'offset', partition: '2', offset: '10', timestamp: '2026-01-01T00:00' }, 'abc'),
    'from=offset&partition=2&offset=10&limit=50&cursor=abc',
  );
  assert.match(
    browseQuery({ ...EMPTY_BROWSE, from: 'timestamp', timestamp: '2026-01-01T00:00', filter: 'x y' }, null),
    /from=timestamp&timestamp=\d+&limit=50&filter=x\+y/,
  );
});

test('previews shorten, full text pretty-prints JSON, and a copied message keeps JSON as JSON', () => {
  assert.equal(preview(part({ text: 'x'.repeat(200) }), 10), `${'x'.repeat(9)}…`);
  assert.equal(preview(part({ format: 'null', text: null })), 'null');
  assert.equal(fullText(part({ format: 'avro', text: '{"a":1}' })), '{\n  "a": 1\n}');
  const message: TopicMessage = {
    partition: 0,
    offset: 5,
    timestamp: 0,
    timestampType: 'CreateTime',
    key: part({ text: 'k' }),
    value: part({ format: 'avro', text: '{"a":1}', schemaId: 3, subject: 's', version: 1 }),
    headers: [{ key: 'h', value: 'v', encoding: 'text' }],
  };
  assert.deepEqual(JSON.parse(messageAsJson('t', message)), {
    topic: 't',
    partition: 0,
    offset: 5,
    timestamp: '1970-01-01T00:00:00.000Z',
    key: 'k',
    value: { a: 1 },
    headers: { h: 'v' },
    schema: { id: 3, subject: 's', version: 1 },
  });
});

test('the produce form becomes a request or names the field to fix', () => {
  const draft: ProduceDraft = {
    key: 'k',
    headers: 'a: 1\n\nb: two',
    partition: '',
    format: 'avro',
    subject: 'orders-value',
    version: '2',
    value: '{"id":1}',
  };
  assert.deepEqual(produceInput(draft), {
    ok: true,
    input: {
      key: 'k',
      headers: [
        { key: 'a', value: '1' },
        { key: 'b', value: 'two' },
      ],
      value: { format: 'avro', json: { id: 1 }, subject: 'orders-value', version: 2 },
    },
  });
  assert.deepEqual(produceInput({ ...draft, headers: 'nocolon' }), {
    ok: false,
    field: 'headers',
    message: 'Header line 1 needs "name: value"',
  });
  assert.equal(produceInput({ ...draft, value: '{' }).ok, false);
  assert.equal(produceInput({ ...draft, version: '' }).ok, false);
  assert.deepEqual(produceInput({ ...draft, format: 'text', value: 'hi', key: '', headers: '' }), {
    ok: true,
    input: { value: { format: 'text', text: 'hi' } },
  });
});

test('durations in words', () => {
  assert.equal(describeMs('604800000'), '7 days');
  assert.equal(describeMs('-1'), 'unlimited');
  assert.equal(describeMs('90000'), '90 seconds');
  assert.equal(describeMs(null), '—');
});
