import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pipelinesOfConnectorFile } from './resolve.ts';

const SINK = 'com.clickhouse.kafka.connect.ClickHouseSinkConnector';

test('a ClickHouse sink file with one topic is one pipeline named like the connector', () => {
  const resolved = pipelinesOfConnectorFile(
    'orders.json',
    {
      name: 'orders-sink',
      config: {
        'connector.class': SINK,
        topics: 'orders',
        topic2TableMap: 'orders=orders_v2',
        database: 'pipeline',
        'errors.deadletterqueue.topic.name': 'orders-dlq',
      },
    },
    ['orders-value.avsc'],
  );
  assert.deepEqual(resolved, {
    pipelines: [
      {
        id: 'orders-sink',
        connectorName: 'orders-sink',
        connectorFile: 'orders.json',
        connectorClass: SINK,
        topic: 'orders',
        subject: 'orders-value',
        database: 'pipeline',
        table: 'orders_v2',
        schemaFile: 'orders-value.avsc',
        dlqTopic: 'orders-dlq',
      },
    ],
  });
});

test('several topics give one pipeline each; the table defaults to the topic, the database to "default"', () => {
  const resolved = pipelinesOfConnectorFile('multi.json', { name: 'multi', config: { 'connector.class': SINK, topics: 'a, b' } }, [
    'b-value.avsc',
  ]);
  assert.ok('pipelines' in resolved);
  assert.deepEqual(
    resolved.pipelines.map((p) => [p.id, p.database, p.table, p.schemaFile, p.dlqTopic]),
    [
      ['multi:a', 'default', 'a', null, null],
      ['multi:b', 'default', 'b', 'b-value.avsc', null],
    ],
  );
});

test('other connectors and regex-only sinks are skipped with a reason', () => {
  assert.deepEqual(
    pipelinesOfConnectorFile(
      'f.json',
      { name: 'f', config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', topics: 't' } },
      [],
    ),
    {
      skip: 'not a ClickHouse sink (connector.class is org.apache.kafka.connect.file.FileStreamSinkConnector)',
    },
  );
  assert.deepEqual(pipelinesOfConnectorFile('r.json', { name: 'r', config: { 'connector.class': SINK, 'topics.regex': 'o.*' } }, []), {
    skip: 'reads topics.regex; a pipeline needs explicit topics',
  });
});
