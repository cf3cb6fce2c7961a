import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FiguresSample, GroupNode, PipelineGraph } from '../../contracts/lineage.ts';
import { keys } from '../figures/series-keys.ts';
import { assemblePipeline } from './assemble.ts';
import { CLICKHOUSE_SINK, discoverPipelines, sampleTargetsOf, type FilePipeline, type PipelineSpec } from './discover.ts';
import type { ConnectorState, LineageFacts } from './facts.ts';

const file = (over: Partial<FilePipeline> = {}): FilePipeline => ({
  id: 'orders-sink',
  connectorName: 'orders-sink',
  connectorFile: 'orders-sink.json',
  topic: 'orders',
  subject: 'orders-value',
  database: 'default',
  table: 'orders',
  dlqTopic: 'orders-dlq',
  ...over,
});

const sinkConfig = (topics: string, extra: Record<string, string> = {}) => ({ 'connector.class': CLICKHOUSE_SINK, topics, ...extra });

describe('discoverPipelines', () => {
  test('a file and the connector it deployed are one pipeline with both origins', () => {
    const specs = discoverPipelines([file()], [{ name: 'orders-sink', config: sinkConfig('orders') }], []);
    assert.equal(specs.length, 1);
    assert.deepEqual(specs[0]!.origins, ['file', 'connect']);
    assert.deepEqual(specs[0]!.deliveries, [
      { kind: 'connector', name: 'orders-sink', file: 'orders-sink.json', deployed: true, group: 'connect-orders-sink' },
    ]);
    assert.equal(specs[0]!.fileId, 'orders-sink');
  });

  test('a deployed sink with two topics and topic2TableMap gives one pipeline per topic, in its database', () => {
    const specs = discoverPipelines(
      [],
      [{ name: 'multi', config: sinkConfig('a,b', { topic2TableMap: 'a=t_a', database: 'shop', 'consumer.override.group.id': 'g1' }) }],
      [],
    );
    assert.deepEqual(
      specs.map((s) => [s.id, s.topic, `${s.database}.${s.table}`, s.deliveries[0]!.group]),
      [
        ['multi:a', 'a', 'shop.t_a', 'g1'],
        ['multi:b', 'b', 'shop.b', 'g1'],
      ],
    );
    assert.deepEqual(specs[0]!.origins, ['connect']);
  });

  test('connectors of another class are no pipeline', () => {
    assert.deepEqual(discoverPipelines([], [{ name: 'x', config: { 'connector.class': 'FileStreamSink', topics: 'a' } }], []), []);
  });

  test('a Kafka-engine flow into the same table joins the file pipeline as a second delivery', () => {
    const specs = discoverPipelines(
      [file()],
      [],
      [
        {
          kafkaTable: 'default.orders_queue',
          view: 'default.orders_mv',
          format: 'AvroConfluent',
          group: 'ch-orders',
          topics: ['orders'],
          target: { database: 'default', table: 'orders' },
        },
      ],
    );
    assert.equal(specs.length, 1);
    assert.deepEqual(specs[0]!.origins, ['file', 'kafka-engine']);
    assert.deepEqual(
      specs[0]!.deliveries.map((d) => d.kind),
      ['connector', 'kafka-engine'],
    );
    assert.deepEqual(sampleTargetsOf(specs), {
      topics: ['orders'],
      dlqTopics: ['orders-dlq'],
      groups: [
        { group: 'connect-orders-sink', topic: 'orders' },
        { group: 'ch-orders', topic: 'orders' },
      ],
      tables: [{ database: 'default', table: 'orders' }],
    });
  });
});

const T0 = 1_700_000_000_000;
const spec = (): PipelineSpec =>
  discoverPipelines(
    [file()],
    [{ name: 'orders-sink', config: sinkConfig('orders', { 'errors.deadletterqueue.topic.name': 'orders-dlq' }) }],
    [],
  )[0]!;
const running: ConnectorState = { state: 'RUNNING', trace: null, tasks: [{ id: 0, state: 'RUNNING', workerId: 'w1:8083', trace: null }] };

function facts(over: Partial<LineageFacts> = {}): LineageFacts {
  return {
    now: T0,
    offsets: {
      topics: [
        { topic: 'orders', partitions: [{ partition: 0, start: 0, end: 120 }] },
        { topic: 'orders-dlq', partitions: [{ partition: 0, start: 0, end: 2 }] },
      ],
      missingTopics: [],
      groups: [{ group: 'connect-orders-sink', offsets: [{ topic: 'orders', partition: 0, offset: 100 }] }],
      groupErrors: [],
    },
    connectors: new Map([['orders-sink', running]]),
    connectError: null,
    subjects: new Map([
      ['orders-value', { exists: true, latestVersion: 3, schemaId: 7, compatibility: 'BACKWARD', compatibilityIsGlobal: true }],
    ]),
    subjectErrors: new Map(),
    tables: [{ database: 'default', table: 'orders', engine: 'MergeTree', rows: 100, activeParts: 4, lastModifiedAt: T0 - 5000 }],
    contracts: new Map(),
    deadLetterErrors: new Map(),
    samples: [],
    intervalMs: 2000,
    windowMs: 15 * 60_000,
    commitIntervalMs: 5000,
    ...over,
  };
}

/** A sample every 2 s over `seconds`, values from `at(i)`. */
function samples(seconds: number, at: (i: number) => Record<string, number | null>): FiguresSample[] {
  const n = seconds / 2;
  return Array.from({ length: n + 1 }, (_, i) => ({ at: T0 - (n - i) * 2000, values: at(i) }));
}

const node = <K extends PipelineGraph['nodes'][number]['kind']>(g: PipelineGraph, kind: K) =>
  g.nodes.find((n): n is Extract<PipelineGraph['nodes'][number], { kind: K }> => n.kind === kind)!;
const rules = (g: PipelineGraph) => g.problems.map((p) => p.rule).sort();

describe('assemblePipeline', () => {
  test('a healthy pipeline: every node with its figures and link, edges topic → … → table and to the DLQ, no problems', () => {
    const g = assemblePipeline(spec(), facts());
    assert.deepEqual(
      g.nodes.map((n) => n.kind),
      ['topic', 'subject', 'connector', 'group', 'table', 'dlq'],
    );
    assert.equal(node(g, 'topic').endOffset, 120);
    assert.equal(node(g, 'subject').latestVersion, 3);
    assert.equal(node(g, 'group').lag, 20);
    assert.equal(node(g, 'group').committed, 100);
    assert.equal(node(g, 'table').activeParts, 4);
    assert.equal(node(g, 'table').lastInsertAt, new Date(T0 - 5000).toISOString());
    assert.equal(node(g, 'dlq').messages, 2);
    assert.equal(node(g, 'connector').link, '#/connectors/orders-sink');
    assert.deepEqual(g.edges, [
      { from: 'topic', to: 'subject' },
      { from: 'subject', to: 'connector:orders-sink' },
      { from: 'connector:orders-sink', to: 'group:connect-orders-sink' },
      { from: 'group:connect-orders-sink', to: 'table' },
      { from: 'connector:orders-sink', to: 'dlq' },
    ]);
    assert.deepEqual(g.problems, []);
    assert.equal(g.status, 'ok');
  });

  test('the lag stays visible while Connect is down, and the connector says Connect did not answer', () => {
    const g = assemblePipeline(spec(), facts({ connectors: null, connectError: 'ECONNREFUSED' }));
    assert.equal(node(g, 'group').lag, 20);
    assert.equal(node(g, 'connector').deployed, null);
    assert.deepEqual(rules(g), ['connect-unreachable']);
  });

  test('failed connector and task, paused, not deployed', () => {
    const failed: ConnectorState = {
      state: 'FAILED',
      trace: 'org.apache.kafka.connect.errors.ConnectException: boom\n\tat …',
      tasks: [{ id: 0, state: 'FAILED', workerId: 'w1', trace: 'java.lang.RuntimeException: table\n …' }],
    };
    const g = assemblePipeline(spec(), facts({ connectors: new Map([['orders-sink', failed]]) }));
    assert.deepEqual(rules(g), ['connector-failed', 'task-failed']);
    assert.match(g.problems[0]!.message, /boom$/);
    assert.equal(node(g, 'connector').status, 'error');
    assert.equal(g.status, 'error');

    const paused = assemblePipeline(spec(), facts({ connectors: new Map([['orders-sink', { ...running, state: 'PAUSED' }]]) }));
    assert.deepEqual(rules(paused), ['connector-paused']);

    const absent = assemblePipeline(spec(), facts({ connectors: new Map() }));
    assert.deepEqual(rules(absent), ['not-deployed']);
    assert.match(absent.problems[0]!.fix, /Deploy/);
  });

  test('table missing and topic missing; no contract error on top of a missing table', () => {
    const g = assemblePipeline(
      spec(),
      facts({
        tables: [],
        offsets: { ...facts().offsets!, topics: [] },
        contracts: new Map([['orders-sink', { verdict: 'error', summary: 'ERROR: no table' }]]),
      }),
    );
    assert.deepEqual(rules(g), ['table-missing', 'topic-missing']);
    assert.equal(node(g, 'table').exists, false);
  });

  test('contract error is flagged on the table', () => {
    const g = assemblePipeline(
      spec(),
      facts({ contracts: new Map([['orders-sink', { verdict: 'error', summary: 'ERROR: price is String' }]]) }),
    );
    assert.deepEqual(rules(g), ['contract-error']);
    assert.equal(g.problems[0]!.node, 'table');
    assert.equal(node(g, 'table').status, 'error');
  });

  const lagKey = keys.groupLag('connect-orders-sink', 'orders');
  const committedKey = keys.groupCommitted('connect-orders-sink', 'orders');

  test('a lag whose floor climbs is rising; a saw-tooth of commits is not', () => {
    const rising = assemblePipeline(
      spec(),
      facts({ samples: samples(120, (i) => ({ [lagKey]: i * 10 + (i % 3) * 5, [committedKey]: i * 3 })) }),
    );
    assert.equal(node(rising, 'group').lagTrend, 'rising');
    assert.deepEqual(rules(rising), ['lag-rising']);

    const sawTooth = assemblePipeline(
      spec(),
      facts({ samples: samples(120, (i) => ({ [lagKey]: (i % 5) * 20, [committedKey]: Math.floor(i / 5) * 100 })) }),
    );
    assert.notEqual(node(sawTooth, 'group').lagTrend, 'rising');
    assert.deepEqual(rules(sawTooth), []);
  });

  test('RUNNING while the group has committed nothing for two commit intervals (≥ 30 s) and records wait', () => {
    const still = (seconds: number) => samples(seconds, () => ({ [lagKey]: 20, [committedKey]: 100 }));
    const g = assemblePipeline(spec(), facts({ samples: still(40) }));
    assert.equal(node(g, 'group').stillForMs, 40_000);
    assert.deepEqual(rules(g), ['running-not-moving']);
    assert.match(g.problems[0]!.message, /RUNNING.*40 s.*20 records/);

    assert.deepEqual(rules(assemblePipeline(spec(), facts({ samples: still(20) }))), [], 'within the limit');
    const caughtUp = facts({
      samples: still(40),
      offsets: {
        ...facts().offsets!,
        groups: [{ group: 'connect-orders-sink', offsets: [{ topic: 'orders', partition: 0, offset: 120 }] }],
      },
    });
    assert.deepEqual(rules(assemblePipeline(spec(), caughtUp)), [], 'nothing waits: nothing to move');
    const failedTask = new Map([['orders-sink', { ...running, tasks: [{ id: 0, state: 'FAILED', workerId: 'w', trace: null }] }]]);
    assert.deepEqual(rules(assemblePipeline(spec(), facts({ samples: still(40), connectors: failedTask }))), ['task-failed']);
  });

  test('a paused gap ends the stillness count', () => {
    const gap: FiguresSample[] = [
      { at: T0 - 60_000, values: { [committedKey]: 100 } },
      { at: T0 - 4000, values: { [committedKey]: 100 } },
      { at: T0 - 2000, values: { [committedKey]: 100 } },
      { at: T0, values: { [committedKey]: 100 } },
    ];
    assert.equal((node(assemblePipeline(spec(), facts({ samples: gap })), 'group') as GroupNode).stillForMs, 4000);
  });

  test('dead letters arriving within the window: dlq-growing with the newest error', () => {
    const dlqKey = keys.dlqMessages('orders-dlq');
    const g = assemblePipeline(
      spec(),
      facts({
        samples: samples(20, (i) => ({ [dlqKey]: i < 5 ? 0 : 2 })),
        deadLetterErrors: new Map([['orders-dlq', { message: 'Column price: cannot parse', at: null }]]),
      }),
    );
    assert.deepEqual(rules(g), ['dlq-growing']);
    assert.match(g.problems[0]!.message, /^2 record\(s\).*cannot parse/);
    assert.deepEqual(
      rules(assemblePipeline(spec(), facts({ samples: samples(20, () => ({ [dlqKey]: 2 })) }))),
      [],
      'old dead letters only',
    );
  });

  test('a Kafka-engine delivery: its own node and group, no Connect rules', () => {
    const [s] = discoverPipelines(
      [],
      [],
      [
        {
          kafkaTable: 'default.q',
          view: 'default.mv',
          format: 'AvroConfluent',
          group: 'ch',
          topics: ['orders'],
          target: { database: 'default', table: 'orders' },
        },
      ],
    );
    const g = assemblePipeline(s!, facts({ connectors: null, offsets: { ...facts().offsets!, groups: [{ group: 'ch', offsets: [] }] } }));
    assert.deepEqual(
      g.nodes.map((n) => n.id),
      ['topic', 'subject', 'kafka-engine:default.q', 'group:ch', 'table'],
    );
    assert.equal(node(g, 'group').lag, 120, 'no commit yet: counted from the log start');
    assert.deepEqual(g.problems, []);
  });
});
