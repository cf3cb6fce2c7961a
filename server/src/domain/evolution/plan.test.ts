import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ClickHouseColumn } from '../../contracts/contract.ts';
import { parseAvroSchema } from '../avro/model.ts';
import { defaultExpression } from './column-default.ts';
import { planEvolution, type EvolutionInput } from './plan.ts';

const fields = [
  { name: 'order_id', type: 'string' },
  { name: 'customer_id', type: 'long' },
  { name: 'quantity', type: 'int' },
  { name: 'currency', type: 'string' },
  { name: 'created_at', type: { type: 'long', logicalType: 'timestamp-millis' } },
  { name: 'note', type: ['null', 'string'], default: null },
];
const schema = (list: unknown[]) => ({ type: 'record', name: 'Order', namespace: 'pipeline.orders', fields: list });
const columns: ClickHouseColumn[] = [
  { name: 'order_id', type: 'String', defaultKind: '' },
  { name: 'customer_id', type: 'Int64', defaultKind: '' },
  { name: 'quantity', type: 'Int32', defaultKind: '' },
  { name: 'currency', type: 'LowCardinality(String)', defaultKind: '' },
  { name: 'created_at', type: "DateTime64(3, 'UTC')", defaultKind: '' },
  { name: 'note', type: 'Nullable(String)', defaultKind: '' },
];
const input = (draft: unknown[], extra: Partial<EvolutionInput> = {}): EvolutionInput => ({
  database: 'pipeline',
  table: 'orders',
  subject: 'orders-value',
  current: schema(fields),
  draft: schema(draft),
  columns,
  engine: 'MergeTree',
  cluster: null,
  sqlFiles: [{ name: '001_orders.sql', content: 'CREATE TABLE …' }],
  ...extra,
});

const coupon = { name: 'coupon', type: ['null', 'string'], default: null };
const priority = { name: 'priority', type: 'int', default: 0 };

describe('added fields become idempotent ALTERs', () => {
  test('a nullable field → Nullable(T); a field with a default → T DEFAULT <literal>; one migration file', () => {
    const plan = planEvolution(input([...fields, coupon, priority]));
    assert.deepEqual(
      plan.additions.map((a) => a.statement),
      [
        'ALTER TABLE `pipeline`.`orders` ADD COLUMN IF NOT EXISTS `coupon` Nullable(String)',
        'ALTER TABLE `pipeline`.`orders` ADD COLUMN IF NOT EXISTS `priority` Int32 DEFAULT 0',
      ],
    );
    assert.deepEqual(plan.refusals, []);
    assert.equal(plan.contract.verdict === 'error', false, plan.contract.summary);
    assert.equal(plan.migration?.file, '002_orders_add_coupon_priority.sql');
    assert.match(plan.migration!.content, /ADD COLUMN IF NOT EXISTS `coupon` Nullable\(String\);\n.*`priority` Int32 DEFAULT 0;\n$/);
  });

  test('the same migration already in sql/ is found again (applying twice writes no second file)', () => {
    const first = planEvolution(input([...fields, coupon]));
    const again = planEvolution(
      input([...fields, coupon], {
        sqlFiles: [
          { name: '001_orders.sql', content: '' },
          { name: '007_x.sql', content: first.migration!.content },
        ],
      }),
    );
    assert.equal(again.migration?.file, '007_x.sql');
  });

  test('after a partial apply (the columns exist) the plan is the same, so the ALTER step finds them done', () => {
    const first = planEvolution(input([...fields, coupon, priority]));
    const evolved = [
      ...columns,
      { name: 'coupon', type: 'Nullable(String)', defaultKind: '' as const },
      { name: 'priority', type: 'Int32', defaultKind: 'DEFAULT' as const },
    ];
    const again = planEvolution(input([...fields, coupon, priority], { columns: evolved }));
    assert.deepEqual(again.additions, first.additions);
    assert.deepEqual(again.migration, first.migration);
    assert.deepEqual(again.refusals, []);
  });

  test('nothing to add: no migration', () => {
    assert.equal(planEvolution(input(fields)).migration, null);
  });

  test('on a cluster: ON CLUSTER for a plain MergeTree, none for a Replicated table (Keeper carries the ALTER)', () => {
    const plain = planEvolution(input([...fields, coupon], { cluster: 'pipeline_cluster' }));
    assert.match(plain.additions[0]!.statement, /^ALTER TABLE `pipeline`.`orders` ON CLUSTER `pipeline_cluster` ADD COLUMN/);
    const replicated = planEvolution(input([...fields, coupon], { cluster: 'pipeline_cluster', engine: 'ReplicatedMergeTree' }));
    assert.doesNotMatch(replicated.additions[0]!.statement, /ON CLUSTER/);
  });

  test('a field the sink cannot write is refused with the reason', () => {
    const plan = planEvolution(input([...fields, { name: 'attrs', type: ['null', { type: 'map', values: 'string' }], default: null }]));
    assert.deepEqual(plan.additions, []);
    assert.equal(plan.refusals.length, 1);
    assert.match(plan.refusals[0]!.reason, /attrs.*nullable map/);
  });
});

describe('removed fields keep their columns', () => {
  test('a nullable column stays and reads NULL', () => {
    const plan = planEvolution(input(fields.filter((f) => f.name !== 'note')));
    assert.deepEqual(plan.refusals, []);
    assert.deepEqual(
      plan.kept.map((k) => k.column),
      ['note'],
    );
    assert.match(plan.kept[0]!.note, /never drops.*NULL/);
    assert.equal(plan.additions.length, 0);
  });

  test('a column the sink could no longer fill is refused, with a DEFAULT to add as the migration', () => {
    const plan = planEvolution(input(fields.filter((f) => f.name !== 'currency')));
    assert.equal(plan.refusals.length, 1);
    assert.equal(plan.refusals[0]!.column, 'currency');
    assert.deepEqual(plan.refusals[0]!.migration.statements, [
      "ALTER TABLE `pipeline`.`orders` MODIFY COLUMN `currency` DEFAULT defaultValueOfTypeName('LowCardinality(String)')",
    ]);
  });
});

test('a type change the sink cannot write is refused, with a new column and a backfill as the migration', () => {
  const plan = planEvolution(input(fields.map((f) => (f.name === 'quantity' ? { name: 'quantity', type: 'string' } : f))));
  assert.equal(plan.refusals.length, 1);
  const [refusal] = plan.refusals;
  assert.equal(refusal!.field, 'quantity');
  assert.match(refusal!.reason, /now string, but column `quantity` is Int32/);
  assert.deepEqual(refusal!.migration.statements, [
    'ALTER TABLE `pipeline`.`orders` ADD COLUMN IF NOT EXISTS `quantity_v2` String',
    "-- backfill once (a mutation: ClickHouse rewrites the table's parts):",
    "ALTER TABLE `pipeline`.`orders` UPDATE `quantity_v2` = accurateCastOrDefault(`quantity`, 'String') WHERE 1",
  ]);
});

describe('Avro defaults as DEFAULT expressions', () => {
  const typeOf = (type: unknown) => {
    const parsed = parseAvroSchema(schema([{ name: 'x', type }]));
    assert.ok(parsed.ok && parsed.root.kind === 'record');
    return parsed.root.fields[0]!.type;
  };
  const cases: [unknown, unknown, string | null][] = [
    ['string', "it's", "'it\\'s'"],
    ['boolean', true, 'true'],
    ['double', 1.5, '1.5'],
    [{ type: 'long', logicalType: 'timestamp-millis' }, 0, 'fromUnixTimestamp64Milli(0)'],
    [{ type: 'int', logicalType: 'date' }, 3, "addDays(toDate32('1970-01-01'), 3)"],
    [{ type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 }, '\u0007\u00cf', "'19.99'"],
    [{ type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 }, '\u00ff', "'-0.01'"],
    [{ type: 'array', items: 'long' }, [1, 2], '[1, 2]'],
    [{ type: 'map', values: 'long' }, {}, 'map()'],
    [['null', 'string'], null, null],
  ];
  for (const [type, value, expected] of cases)
    test(`${JSON.stringify(type)} default ${JSON.stringify(value)} → ${expected}`, () => {
      const result = defaultExpression(typeOf(type), value);
      assert.deepEqual(result, { ok: true, sql: expected });
    });
  test('a record default has no literal', () => {
    assert.equal(defaultExpression(typeOf({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }] }), { a: 1 }).ok, false);
  });
});
