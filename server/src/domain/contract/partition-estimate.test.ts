import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClickHouseColumn } from '../../contracts/contract.ts';
import { parseAvroSchema, type AvroField } from '../avro/model.ts';
import { checkContract } from './check.ts';
import { estimatePartitions } from './partition-estimate.ts';

const schema = {
  type: 'record',
  name: 'Order',
  fields: [
    { name: 'order_id', type: 'string' },
    { name: 'customer_id', type: 'long' },
    { name: 'status', type: { type: 'enum', name: 'S', symbols: ['NEW', 'PAID', 'SHIPPED'] } },
    { name: 'paid', type: 'boolean' },
    { name: 'created_at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
  ],
};
const columns: ClickHouseColumn[] = [
  { name: 'order_id', type: 'String', defaultKind: '' },
  { name: 'customer_id', type: 'Int64', defaultKind: '' },
  { name: 'status', type: "Enum8('NEW' = 1, 'PAID' = 2, 'SHIPPED' = 3)", defaultKind: '' },
  { name: 'paid', type: 'Bool', defaultKind: '' },
  { name: 'created_at', type: "DateTime64(3, 'UTC')", defaultKind: '' },
  { name: 'day', type: 'Date32', defaultKind: '' },
  { name: 'ingested', type: 'DateTime', defaultKind: 'DEFAULT' },
];
const parsed = parseAvroSchema(schema);
const fields = (parsed.ok && parsed.root.kind === 'record' ? parsed.root.fields : []) as AvroField[];

const estimate = (partitionKey: string, batchRecords = 100_000, limit = 100) =>
  estimatePartitions({ partitionKey, columns, fields, batchRecords, limit });

describe('partitions one INSERT block of generated records touches', () => {
  const cases: [string, number, boolean][] = [
    ['', 1, false],
    ['tuple()', 1, false],
    ['toYYYYMM(created_at)', 2, false],
    ['toStartOfMonth(created_at)', 2, false],
    ['toYYYYMMDD(created_at)', 2, false],
    ['toDate(created_at)', 2, false],
    ['toMonday(created_at)', 2, false],
    ['toStartOfHour(created_at)', 25, false],
    ['toStartOfFifteenMinutes(created_at)', 97, false],
    ['toStartOfInterval(created_at, toIntervalMinute(5))', 289, true],
    ['toStartOfInterval(created_at, toIntervalHour(1))', 25, false],
    ['toStartOfInterval(created_at, INTERVAL 10 minute)', 145, true],
    ['toStartOfMinute(created_at)', 1441, true],
    ['day', 2, false],
    ['toYYYYMM(day)', 2, false],
    ['status', 3, false],
    ['(toYYYYMM(created_at), status)', 6, false],
    ['(toDate(created_at), paid)', 4, false],
    ['ingested', 1, false],
    ['order_id', 100_000, true],
    ['customer_id % 16', 16, false],
    ['cityHash64(order_id) % 1000', 1000, true],
    ['intDiv(customer_id, 1000000)', 100_000, true],
  ];
  for (const [key, partitions, exceeds] of cases) {
    test(`PARTITION BY ${key || '(none)'} → ${partitions}${exceeds ? ', over the limit of 100' : ''}`, () => {
      const e = estimate(key);
      assert.equal(e.partitions, partitions, e.reason);
      assert.equal(e.exceeds, exceeds, e.reason);
    });
  }

  test('the batch bounds the estimate; at the limit is allowed, above it is not', () => {
    assert.equal(estimate('order_id', 100).exceeds, false);
    assert.equal(estimate('order_id', 101).exceeds, true);
    assert.match(estimate('order_id', 200).reason, /up to 200 partitions, more than max_partitions_per_insert_block = 100.*code 252/);
  });
  test('no limit (0) or throw_on_max_partitions_per_insert_block=0 never warns', () => {
    assert.equal(estimate('order_id', 1000, 0).exceeds, false);
    assert.equal(
      estimatePartitions({ partitionKey: 'order_id', columns, fields, batchRecords: 1000, limit: 100, throwOnLimit: false }).exceeds,
      false,
    );
  });
  test('an expression the panel cannot read is not a warning and says so', () => {
    const e = estimate('f(order_id');
    assert.equal(e.exceeds, false);
    assert.match(e.reason, /cannot estimate/);
  });
});

describe('the contract check warns about the partitioning', () => {
  const check = (partitionKey: string, clickhouseSettings?: Record<string, string>) =>
    checkContract(schema, columns, {
      clickhouseSettings,
      partitioning: { partitionKey, batchRecords: 500, maxPartitionsPerInsertBlock: 100 },
    });

  test('a monthly partition of sql/001_orders.sql style passes quietly', () => {
    const report = check('toYYYYMM(created_at)');
    assert.equal(report.verdict, 'ok');
    assert.equal(report.partitions?.partitions, 2);
  });
  test('PARTITION BY order_id is a warning with the fix', () => {
    const report = check('order_id');
    assert.equal(report.verdict, 'warning');
    const entry = report.fields.find((f) => f.field === null && f.column === null);
    assert.match(entry?.reason ?? '', /PARTITION BY order_id: a batch of up to 500.*clickhouseSettings/);
  });
  test("the connector's clickhouseSettings raise the limit", () => {
    assert.equal(check('order_id', { max_partitions_per_insert_block: '1000' }).verdict, 'ok');
    assert.equal(check('order_id', { throw_on_max_partitions_per_insert_block: '0' }).verdict, 'ok');
  });
});
