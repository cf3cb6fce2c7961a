import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { connectorFileName, schemaFileName, sqlFileName, suggestedNames } from './file-names.ts';
import { parseTableSql, retargetTableSql, tableSqlFile } from './table-sql.ts';

describe('file names', () => {
  test("sql/<NNN>_<table>.sql: next number, or the table's existing file", () => {
    assert.deepEqual(sqlFileName('clicks', ['001_orders.sql', '007_x.sql', 'README.sql']), { ok: true, file: '008_clicks.sql' });
    assert.deepEqual(sqlFileName('clicks', []), { ok: true, file: '001_clicks.sql' });
    assert.deepEqual(sqlFileName('clicks', ['001_orders.sql', '002_clicks.sql', '003_y.sql']), { ok: true, file: '002_clicks.sql' });
    assert.deepEqual(sqlFileName('orders', ['001_big_orders.sql']), { ok: true, file: '002_orders.sql' });
  });

  test('names that could leave the folder or inject are refused', () => {
    for (const table of ['../x', 'a/b', 'a.b', '', '1x', 'x`y']) assert.equal(sqlFileName(table, []).ok, false, table);
    for (const name of ['../x', 'a/b', '.hidden', '', 'a b', 'x\u0000']) assert.equal(connectorFileName(name).ok, false, name);
    for (const topic of ['..', '.x', 'a/b', 'a b', '-x']) assert.equal(schemaFileName(topic).ok, false, topic);
    assert.deepEqual(schemaFileName('page.views-v2'), { ok: true, file: 'page.views-v2-value.avsc' });
    assert.deepEqual(connectorFileName('clicks-clickhouse-sink'), { ok: true, file: 'clicks-clickhouse-sink.json' });
  });

  test('suggested names from a topic', () => {
    assert.deepEqual(suggestedNames('page.views-v2'), {
      table: 'page_views_v2',
      connector: 'page.views-v2-clickhouse-sink',
      dlqTopic: 'page.views-v2-dlq',
    });
    assert.equal(suggestedNames('2024-events').table, 't_2024_events');
  });
});

describe('table SQL', () => {
  const target = { database: 'pipeline', table: 'clicks' };
  const sql = 'CREATE TABLE `pipeline`.`clicks`\n(\n    `id` String\n)\nENGINE = MergeTree\nORDER BY `id`;\n';

  test('the generated statement is retargeted to a scratch database by its head only', () => {
    const result = retargetTableSql(sql, target, 'wizard_scratch_ab12');
    assert.ok(result.ok);
    assert.equal(
      result.ok && result.statement,
      'CREATE TABLE `wizard_scratch_ab12`.`clicks`\n(\n    `id` String\n)\nENGINE = MergeTree\nORDER BY `id`',
    );
  });

  test('an unquoted head and IF NOT EXISTS are accepted', () => {
    assert.ok(parseTableSql('create table if not exists pipeline.clicks (id String) ENGINE = ReplacingMergeTree ORDER BY id', target).ok);
  });

  test('refuses another table, several statements, AS SELECT, and other engines', () => {
    const cases: [string, RegExp][] = [
      ['CREATE TABLE pipeline.other (id String) ENGINE = MergeTree ORDER BY id', /must create `pipeline`.`clicks`/],
      ['CREATE TABLE other.clicks (id String) ENGINE = MergeTree ORDER BY id', /must create/],
      ['CREATE TABLE pipeline.clicks2 (id String) ENGINE = MergeTree ORDER BY id', /must create/],
      ['CREATE TABLE clicks (id String) ENGINE = MergeTree ORDER BY id', /must create/],
      [`${sql} DROP TABLE pipeline.orders`, /2 statements/],
      ['CREATE TABLE pipeline.clicks ENGINE = MergeTree ORDER BY id AS SELECT 1 AS id', /column list/],
      ['CREATE TABLE pipeline.clicks (id String) ENGINE = MergeTree ORDER BY id AS SELECT 1', /AS SELECT/],
      ['CREATE TABLE pipeline.clicks (id String) ENGINE = Log', /MergeTree/],
      ['DROP TABLE pipeline.clicks', /start with CREATE TABLE/],
      ['', /empty/],
    ];
    for (const [text, reason] of cases) {
      const result = parseTableSql(text, target);
      assert.equal(result.ok, false, text);
      assert.match(result.ok ? '' : result.reason, reason, text);
    }
  });

  test('the sql/ file is re-runnable: CREATE DATABASE and CREATE TABLE IF NOT EXISTS', () => {
    const file = tableSqlFile(sql, target, {
      topic: 'clicks',
      sqlFile: '002_clicks.sql',
      connectorFile: 'c.json',
      schemaFile: 'clicks-value.avsc',
    });
    assert.ok(file.ok);
    const text = file.ok ? file.statement : '';
    assert.match(text, /CREATE DATABASE IF NOT EXISTS `pipeline`;/);
    assert.match(text, /CREATE TABLE IF NOT EXISTS `pipeline`.`clicks`\n\(/);
    assert.match(text, /< sql\/002_clicks\.sql/);
  });
});
