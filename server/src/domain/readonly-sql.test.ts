import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkReadOnly } from './readonly-sql.ts';

const refused = (sql: string) => {
  const r = checkReadOnly(sql);
  return r.ok ? 'accepted' : r.code;
};

describe('accepted: one read statement', () => {
  for (const sql of [
    'SELECT 1',
    'select 1;',
    '  SELECT 1 ;; ',
    '(SELECT 1) UNION ALL (SELECT 2)',
    'WITH x AS (SELECT 1 AS a) SELECT a FROM x',
    'SHOW TABLES FROM pipeline',
    "SHOW SETTINGS LIKE 'max_%'",
    'DESCRIBE TABLE pipeline.orders',
    'DESC pipeline.orders',
    'EXPLAIN SELECT 1',
    'EXISTS TABLE pipeline.orders',
    'SELECT \'a;b\', "we;ird", `x;y` FROM t -- ; DROP TABLE t',
    'SELECT 1 /* ; DROP TABLE t */',
    'SELECT $$ ; DROP TABLE t $$',
    "SELECT format('{}', 1), Settings['max_threads'] FROM system.query_log",
    "SELECT 'it''s', 'back\\'slash;'",
    '# comment\nSELECT 1',
  ]) {
    test(sql, () => {
      const r = checkReadOnly(sql);
      assert.equal(r.ok, true, JSON.stringify(r));
    });
  }
  test('the statement loses its trailing semicolon only', () => {
    const r = checkReadOnly('SELECT 1 -- one\n;');
    assert.deepEqual(r, { ok: true, statement: 'SELECT 1 -- one', keyword: 'SELECT' });
  });
});

describe('refused before anything is sent', () => {
  const cases: [string, string][] = [
    ['', 'QUERY_EMPTY'],
    ['  -- nothing\n', 'QUERY_EMPTY'],
    ['SELECT 1; DROP TABLE x', 'QUERY_MULTI_STATEMENT'],
    ['SELECT 1;\nSELECT 2', 'QUERY_MULTI_STATEMENT'],
    ["SELECT 'unterminated; DROP TABLE x", 'QUERY_MULTI_STATEMENT'],
    ['SELECT 1 /* unterminated', 'QUERY_MULTI_STATEMENT'],
    ['INSERT INTO t VALUES (1)', 'QUERY_NOT_READ_ONLY'],
    ["INSERT INTO FUNCTION file('out.csv') SELECT 1", 'QUERY_NOT_READ_ONLY'],
    ['DROP TABLE t', 'QUERY_NOT_READ_ONLY'],
    ['ALTER TABLE t DELETE WHERE 1', 'QUERY_NOT_READ_ONLY'],
    ['SET readonly = 0', 'QUERY_NOT_READ_ONLY'],
    ['CREATE TEMPORARY TABLE t (a Int32)', 'QUERY_NOT_READ_ONLY'],
    ['  (  INSERT INTO t VALUES (1))', 'QUERY_NOT_READ_ONLY'],
    ['/* hi */ TRUNCATE t', 'QUERY_NOT_READ_ONLY'],
    ['SYSTEM DROP DNS CACHE', 'QUERY_NOT_READ_ONLY'],
    ['SELECT 1 SETTINGS readonly = 0', 'QUERY_CLAUSE_REFUSED'],
    ['SELECT 1 settings `readonly`=DEFAULT', 'QUERY_CLAUSE_REFUSED'],
    ["SELECT 1 INTO OUTFILE 'x.csv'", 'QUERY_CLAUSE_REFUSED'],
    ['SELECT 1 FORMAT CSV', 'QUERY_CLAUSE_REFUSED'],
  ];
  for (const [sql, code] of cases) test(`${JSON.stringify(sql)} → ${code}`, () => assert.equal(refused(sql), code));

  test('a refusal says why in words', () => {
    const r = checkReadOnly('DROP TABLE t');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.reason : '', /^DROP deletes an object; the query box runs read-only statements only/);
  });
});
