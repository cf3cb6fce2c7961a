import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SqlFile, TableInfo } from '@pipeline-panel/server/contracts';
import { applyReport, describeApply, formatCell, groupByDatabase, sqlFileStatus, tableId } from './tables-view.ts';

const table = (database: string, name: string): TableInfo => ({
  database,
  name,
  engine: 'MergeTree',
  totalRows: 0,
  bytesOnDisk: 0,
  columns: [],
  sortingKey: '',
});

test('groupByDatabase sorts databases and tables and keeps empty databases', () => {
  const groups = groupByDatabase(
    [table('pipeline', 'orders'), table('default', 'b'), table('default', 'a')],
    ['empty', 'default', 'pipeline'],
  );
  assert.deepEqual(
    groups.map((g) => [g.database, g.tables.map((t) => t.name)]),
    [
      ['default', ['a', 'b']],
      ['empty', []],
      ['pipeline', ['orders']],
    ],
  );
});

test('tableId is database.table', () => assert.equal(tableId({ database: 'd', name: 't' }), 'd.t'));

describe('formatCell', () => {
  test('null is NULL', () => assert.deepEqual(formatCell(null), { text: 'NULL', full: 'NULL', isNull: true }));
  test('objects are JSON', () => assert.equal(formatCell({ a: [1] }).text, '{"a":[1]}'));
  test('numbers and strings as they are', () => {
    assert.equal(formatCell(42).text, '42');
    assert.equal(formatCell('x').text, 'x');
  });
  test('long strings are cut with the full value kept', () => {
    const long = 'y'.repeat(500);
    const cell = formatCell(long);
    assert.equal(cell.text.length, 160);
    assert.ok(cell.text.endsWith('…'));
    assert.equal(cell.full, long);
  });
});

describe('sqlFileStatus', () => {
  const file = (exists: boolean[]): SqlFile => ({
    file: 'f.sql',
    tables: exists.map((e, i) => ({ database: 'd', name: `t${i}`, exists: e })),
  });
  test('all exist', () => assert.equal(sqlFileStatus(file([true, true])).tone, 'ok'));
  test('none exist', () => assert.deepEqual(sqlFileStatus(file([false])), { tone: 'idle', label: 'not applied' }));
  test('some exist', () => assert.equal(sqlFileStatus(file([true, false])).label, '1 of 2 tables exist'));
  test('unreadable', () => assert.equal(sqlFileStatus({ file: 'f', tables: [], error: 'x' }).tone, 'bad'));
});

test('describeApply names created and existing tables', () => {
  assert.equal(
    describeApply({ file: '001.sql', statements: 2, created: ['pipeline.orders'], existing: ['pipeline.x'], report: [] }),
    'Ran 2 statements from 001.sql. Created pipeline.orders. Already there (unchanged): pipeline.x.',
  );
  assert.match(describeApply({ file: 'f', statements: 1, created: [], existing: [], report: [] }), /no tables/);
});

test('applyReport lists each statement of a failed apply with what is known of it', () => {
  const rows = applyReport({
    report: [
      { index: 1, summary: 'CREATE DATABASE IF NOT EXISTS pipeline', outcome: 'applied' },
      { index: 2, summary: 'CREATE TABLE IF NOT EXISTS pipeline.a', outcome: 'unknown', message: 'no answer' },
      { index: 3, summary: 'CREATE TABLE IF NOT EXISTS pipeline.b', outcome: 'not-attempted' },
    ],
  });
  assert.deepEqual(
    rows?.map((r) => [r.index, r.label, r.tone]),
    [
      [1, 'applied', 'ok'],
      [2, 'unknown — may still complete', 'warn'],
      [3, 'not attempted', 'idle'],
    ],
  );
  assert.equal(applyReport({ other: 1 }), null);
  assert.equal(applyReport(undefined), null);
});
