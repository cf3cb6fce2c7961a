import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateSinkConfig, SINK_CONNECTOR_CLASS, TUNING_DEFAULTS, validateSinkConfigKeys, type SinkConfigInput } from './sink-config.ts';

const input: SinkConfigInput = {
  name: 'orders-sink',
  topic: 'shop.orders',
  table: 'orders',
  database: 'analytics',
  registryUrl: 'http://schema-registry:8081',
  clickhouse: {
    hostname: 'clickhouse',
    port: 8123,
    ssl: false,
    username: 'default',
    passwordRef: '${file:/etc/kafka/secrets/ch.properties:password}',
  },
  dlqTopic: 'shop.orders.dlq',
};

describe('generateSinkConfig', () => {
  test('produces the exact Connect REST shape', () => {
    const r = generateSinkConfig(input);
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.equal(r.value.name, 'orders-sink');
    assert.deepEqual(r.value.config, {
      'connector.class': SINK_CONNECTOR_CLASS,
      'tasks.max': '1',
      topics: 'shop.orders',
      topic2TableMap: 'shop.orders=orders',
      hostname: 'clickhouse',
      port: '8123',
      ssl: 'false',
      database: 'analytics',
      username: 'default',
      password: '${file:/etc/kafka/secrets/ch.properties:password}',
      exactlyOnce: 'false',
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter': 'io.confluent.connect.avro.AvroConverter',
      'value.converter.schema.registry.url': 'http://schema-registry:8081',
      'consumer.override.max.poll.records': '5000',
      'consumer.override.max.poll.interval.ms': '300000',
      'consumer.override.fetch.min.bytes': '1048576',
      'consumer.override.fetch.max.wait.ms': '1000',
      clickhouseClientInsertTimeoutMs: '240000',
      'errors.retry.timeout': '60000',
      'errors.tolerance': 'all',
      'errors.deadletterqueue.topic.name': 'shop.orders.dlq',
      'errors.deadletterqueue.context.headers.enable': 'true',
      'errors.deadletterqueue.topic.replication.factor': '1',
      'errors.log.enable': 'true',
    });
    for (const v of Object.values(r.value.config)) assert.equal(typeof v, 'string');
  });

  test('every batch/poll default has a one-line reason', () => {
    const r = generateSinkConfig(input);
    assert.ok(r.ok);
    if (!r.ok) return;
    for (const key of Object.keys(TUNING_DEFAULTS)) {
      const reason = r.value.reasons[key];
      assert.ok(reason && reason.length > 10 && !reason.includes('\n'), `reason for ${key}`);
    }
  });

  test('its own output passes key validation', () => {
    const r = generateSinkConfig(input);
    assert.ok(r.ok);
    if (r.ok) assert.deepEqual(validateSinkConfigKeys(r.value.config), { unknown: [], missing: [], problems: [] });
  });

  test('without a DLQ, errors stop the task', () => {
    const { dlqTopic: _drop, ...noDlq } = input;
    const r = generateSinkConfig(noDlq);
    assert.ok(r.ok);
    if (r.ok) {
      assert.equal(r.value.config['errors.tolerance'], 'none');
      assert.equal(r.value.config['errors.deadletterqueue.topic.name'], undefined);
    }
  });

  test('tuning overrides replace defaults', () => {
    const r = generateSinkConfig({ ...input, tuning: { 'consumer.override.max.poll.records': '100' } });
    assert.ok(r.ok);
    if (r.ok) {
      assert.equal(r.value.config['consumer.override.max.poll.records'], '100');
      assert.equal(r.value.reasons['consumer.override.max.poll.records'], 'set explicitly');
    }
  });

  const bad: [string, Partial<SinkConfigInput>, RegExp][] = [
    ['connector name with a slash', { name: '../x' }, /connector name/],
    ['topic with a space', { topic: 'a b' }, /topic name/],
    ['table with a backtick', { table: 'o`rders' }, /table name/],
    ['database with a semicolon', { database: 'a;b' }, /database name/],
    ['registry URL', { registryUrl: 'schema-registry:8081' }, /registryUrl/],
    ['port', { clickhouse: { ...input.clickhouse, port: 70000 } }, /port/],
    ['hostname', { clickhouse: { ...input.clickhouse, hostname: 'a b' } }, /hostname/],
    ['DLQ equals source', { dlqTopic: 'shop.orders' }, /must differ/],
    ['tasksMax', { tasksMax: 0 }, /tasksMax/],
    ['unknown tuning key', { tuning: { 'linger.ms': '5' } as never }, /tuning key "linger.ms"/],
    ['insert timeout above poll interval', { tuning: { clickhouseClientInsertTimeoutMs: '400000' } }, /must stay below/],
  ];
  for (const [name, patch, reason] of bad) {
    test(`refuses bad ${name}`, () => {
      const r = generateSinkConfig({ ...input, ...patch });
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.errors.join('\n'), reason);
    });
  }
});

describe('validateSinkConfigKeys', () => {
  test('lists unknown keys and missing required keys', () => {
    const r = validateSinkConfigKeys({
      'connector.class': SINK_CONNECTOR_CLASS,
      hostnme: 'x',
      'batch.size': '5',
      port: '8123',
      ssl: 'false',
    });
    assert.deepEqual(r.unknown, ['hostnme', 'batch.size']);
    assert.deepEqual(r.missing, ['hostname', 'topics']);
  });
  test('accepts Connect prefixes, SMTs, predicates and topics.regex', () => {
    const r = validateSinkConfigKeys({
      'connector.class': SINK_CONNECTOR_CLASS,
      hostname: 'h',
      port: '8123',
      ssl: 'false',
      'topics.regex': 'shop\\..*',
      transforms: 'flat',
      'transforms.flat.type': 'org.apache.kafka.connect.transforms.Flatten$Value',
      predicates: 'p',
      'predicates.p.type': 'x',
      'consumer.override.max.poll.records': '10',
      'value.converter.schemas.enable': 'false',
      'header.converter': 'x',
      'config.action.reload': 'none',
      'errors.log.include.messages': 'true',
      clickhouseSettings: 'a=1',
    });
    assert.deepEqual(r, { unknown: [], missing: [], problems: [] });
  });
  test('flags topics with topics.regex, wrong class, unset ssl/port, non-string values and a DLQ without tolerance', () => {
    const r = validateSinkConfigKeys({
      'connector.class': 'x.Y',
      hostname: 'h',
      topics: 'a',
      'topics.regex': 'b',
      'tasks.max': 1,
      'errors.deadletterqueue.topic.name': 'dlq',
    });
    const text = r.problems.join('\n');
    assert.match(text, /either topics or topics.regex/);
    assert.match(text, /connector.class is "x.Y"/);
    assert.match(text, /ssl is not set/);
    assert.match(text, /port is not set/);
    assert.match(text, /tasks.max must be a string/);
    assert.match(text, /errors.tolerance is not "all"/);
  });
  test('a bare prefix is not a key', () => {
    assert.deepEqual(
      validateSinkConfigKeys({
        'consumer.override.': 'x',
        hostname: 'h',
        topics: 't',
        'connector.class': SINK_CONNECTOR_CLASS,
        port: '1',
        ssl: 'false',
      }).unknown,
      ['consumer.override.'],
    );
  });
});
