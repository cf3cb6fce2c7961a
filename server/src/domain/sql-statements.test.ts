import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createdObject, splitStatements } from './sql-statements.ts';

test('splits on semicolons outside quotes and comments', () => {
  const sql = `-- a comment; not a statement
CREATE DATABASE IF NOT EXISTS pipeline;
/* block; comment */
CREATE TABLE pipeline.t (s String DEFAULT 'a;b', \`odd;name\` Int32) ENGINE = MergeTree ORDER BY s;
SELECT 1`;
  const statements = splitStatements(sql);
  assert.equal(statements.length, 3);
  assert.equal(statements[0], 'CREATE DATABASE IF NOT EXISTS pipeline');
  assert.match(statements[1]!, /DEFAULT 'a;b', `odd;name` Int32\) ENGINE/);
  assert.equal(statements[2], 'SELECT 1');
});

test('handles escaped quotes and empty statements', () => {
  assert.deepEqual(splitStatements(`SELECT 'it\\'s;' ;; SELECT 'a''b;'`), [`SELECT 'it\\'s;'`, `SELECT 'a''b;'`]);
  assert.deepEqual(splitStatements('  -- only a comment\n'), []);
});

test('names what a CREATE statement creates', () => {
  assert.deepEqual(createdObject('CREATE TABLE IF NOT EXISTS pipeline.orders (a Int8) ENGINE = Log'), {
    kind: 'table',
    database: 'pipeline',
    name: 'orders',
  });
  assert.deepEqual(createdObject('create table `my db`.`t-1` (a Int8) ENGINE = Log'), { kind: 'table', database: 'my db', name: 't-1' });
  assert.deepEqual(createdObject('CREATE TABLE events (a Int8) ENGINE = Log'), { kind: 'table', database: null, name: 'events' });
  assert.deepEqual(createdObject('CREATE MATERIALIZED VIEW IF NOT EXISTS db.mv TO db.t AS SELECT 1'), {
    kind: 'table',
    database: 'db',
    name: 'mv',
  });
  assert.deepEqual(createdObject('CREATE DATABASE IF NOT EXISTS pipeline'), { kind: 'database', database: null, name: 'pipeline' });
  assert.equal(createdObject('INSERT INTO t VALUES (1)'), null);
});
