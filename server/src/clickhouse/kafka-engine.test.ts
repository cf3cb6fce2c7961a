import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { materializedViewTarget, parseEngineSettings, topicList } from './kafka-engine.ts';

describe('parseEngineSettings', () => {
  test('reads quoted and bare settings of a Kafka engine_full', () => {
    const s = parseEngineSettings(
      "Kafka SETTINGS kafka_broker_list = 'kafka:9092', kafka_topic_list = 'orders, refunds', kafka_group_name = 'it\\'s', kafka_format = 'AvroConfluent', kafka_num_consumers = 2",
    );
    assert.equal(s.kafka_broker_list, 'kafka:9092');
    assert.deepEqual(topicList(s), ['orders', 'refunds']);
    assert.equal(s.kafka_group_name, "it's");
    assert.equal(s.kafka_format, 'AvroConfluent');
    assert.equal(s.kafka_num_consumers, '2');
  });
  test('an engine without SETTINGS has none', () => {
    assert.deepEqual(parseEngineSettings("Kafka('kafka:9092', 'orders', 'g', 'JSONEachRow')"), {});
  });
});

describe('materializedViewTarget', () => {
  test('TO db.table', () => {
    assert.deepEqual(materializedViewTarget('CREATE MATERIALIZED VIEW p.mv TO p.orders (`a` String) AS SELECT a FROM p.q', 'x'), {
      database: 'p',
      table: 'orders',
    });
  });
  test('quoted names and a target without database', () => {
    assert.deepEqual(materializedViewTarget('CREATE MATERIALIZED VIEW `my db`.`m v` TO `or.ders` AS SELECT 1', 'my db'), {
      database: 'my db',
      table: 'or.ders',
    });
  });
  test('a view with inner storage has no target', () => {
    assert.equal(materializedViewTarget('CREATE MATERIALIZED VIEW p.mv ENGINE = MergeTree ORDER BY a AS SELECT a FROM p.q', 'p'), null);
  });
});
