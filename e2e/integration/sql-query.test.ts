/**
 * The query box against ClickHouse (chdb behind the harness's HTTP adapter): reads work with types and statistics;
 * writes are refused — by the panel before sending, and by ClickHouse itself under readonly=1 when the panel's
 * check is bypassed — and change nothing; limits cut or stop a query.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { SqlQueryResult } from '@pipeline-panel/server/contracts';
import { queryBoxSettings } from '@pipeline-panel/server/services/sql-query';
import { run, useSuite } from './pipeline-support.ts';

const suite = useSuite('sql-query');
const db = `qbox_${run}`;
const query = (sql: string, extra: Record<string, unknown> = {}) =>
  suite.inject({ method: 'POST', url: '/api/clickhouse/query', payload: { sql, ...extra } });
const body = (res: { json<T>(): T }) =>
  res.json<{ code: string; message: string; details?: { clickhouseCode?: number; refusedBy?: string } }>();

/** What the table holds, read with the panel's ordinary (not read-only) client. */
const countRows = async () => Number((await suite.port.clickhouse.rows<{ n: string }>(`SELECT count() AS n FROM ${db}.t`))[0]!.n);
const fileExists = async (name: string) =>
  suite.port.clickhouse.rows(`SELECT count() FROM file('${name}', 'CSV', 'a Int32')`).then(
    () => true,
    () => false,
  );

describe('the query box', () => {
  before(async () => {
    await suite.port.clickhouse.command(`CREATE DATABASE IF NOT EXISTS ${db}`);
    await suite.port.clickhouse.command(
      `CREATE TABLE ${db}.t (id UInt64, label String, at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY id`,
    );
    await suite.port.clickhouse.command(
      `INSERT INTO ${db}.t VALUES (1, 'a', '2026-01-01 00:00:00.000'), (2, 'b', '2026-01-02 00:00:00.000'), (3, 'c', now64(3))`,
    );
  });

  describe('reading', () => {
    test('a SELECT returns columns with their types, rows and statistics', async () => {
      const res = await query(`SELECT id, label, at, toDecimal64(1.5, 2) AS d FROM ${db}.t ORDER BY id`);
      assert.equal(res.statusCode, 200, res.body);
      const result = res.json<SqlQueryResult>();
      assert.deepEqual(result.columns, [
        { name: 'id', type: 'UInt64' },
        { name: 'label', type: 'String' },
        { name: 'at', type: "DateTime64(3, 'UTC')" },
        { name: 'd', type: 'Decimal(18, 2)' },
      ]);
      assert.equal(result.rows.length, 3);
      assert.deepEqual(result.rows[0]!.slice(0, 2), ['1', 'a'], '64-bit integers come quoted, as ClickHouse writes them');
      assert.equal(result.truncated, false);
      assert.ok(result.statistics.rowsRead >= 3, JSON.stringify(result.statistics));
      assert.ok(result.statistics.bytesRead > 0);
      assert.ok(result.statistics.elapsedMs >= 0);
      assert.equal(result.settings.readonly, 1);
    });

    test('SHOW, DESCRIBE and EXPLAIN are reads too', async () => {
      for (const sql of [`SHOW TABLES FROM ${db}`, `DESCRIBE TABLE ${db}.t`, 'EXPLAIN SELECT 1', `EXISTS TABLE ${db}.t`]) {
        const res = await query(sql);
        assert.equal(res.statusCode, 200, `${sql}: ${res.body}`);
      }
    });

    test('a huge result is cut at maxRows and flagged', async () => {
      const res = await query('SELECT number, toString(number) AS s FROM numbers(1000000)', { maxRows: 50 });
      assert.equal(res.statusCode, 200, res.body);
      const result = res.json<SqlQueryResult>();
      assert.equal(result.rows.length, 50);
      assert.equal(result.truncated, true);
      assert.equal(result.truncatedBy, 'rows');
      const exact = (await query('SELECT number FROM numbers(50)', { maxRows: 50 })).json<SqlQueryResult>();
      assert.equal(exact.truncated, false, 'exactly maxRows rows is not truncated');
    });

    test('a slow query is stopped by the time limit, with ClickHouse’s code', async () => {
      const res = await query('SELECT sleep(3)', { timeoutSeconds: 1 });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(body(res).code, 'QUERY_TIMEOUT');
      assert.equal(body(res).details?.clickhouseCode, 159);
    });

    test('a ClickHouse error is a 400 with its code and message', async () => {
      const res = await query(`SELECT * FROM ${db}.no_such_table`);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(body(res).code, 'QUERY_FAILED');
      assert.equal(body(res).details?.clickhouseCode, 60);
      assert.match(body(res).message, /no_such_table/);
    });
  });

  describe('writing is refused and changes nothing', () => {
    const refusals: [string, string][] = [
      [`INSERT INTO ${db}.t VALUES (9, 'x', now64(3))`, 'QUERY_NOT_READ_ONLY'],
      [`DROP TABLE ${db}.t`, 'QUERY_NOT_READ_ONLY'],
      [`ALTER TABLE ${db}.t DELETE WHERE 1`, 'QUERY_NOT_READ_ONLY'],
      ['SET readonly = 0', 'QUERY_NOT_READ_ONLY'],
      [`SELECT 1; DROP TABLE ${db}.t`, 'QUERY_MULTI_STATEMENT'],
      ['CREATE TEMPORARY TABLE tmp (a Int32)', 'QUERY_NOT_READ_ONLY'],
      [`SELECT count() FROM ${db}.t SETTINGS readonly = 0`, 'QUERY_CLAUSE_REFUSED'],
      [`SELECT count() FROM ${db}.t SETTINGS readonly = DEFAULT`, 'QUERY_CLAUSE_REFUSED'],
      [`INSERT INTO FUNCTION file('${db}_out.csv', 'CSV', 'a Int32') SELECT 1`, 'QUERY_NOT_READ_ONLY'],
      [`SELECT 1 INTO OUTFILE '${db}_out2.csv'`, 'QUERY_CLAUSE_REFUSED'],
      ['', 'VALIDATION_FAILED'],
    ];
    for (const [sql, code] of refusals) {
      test(`${JSON.stringify(sql.slice(0, 60))} → 400 ${code}`, async () => {
        const res = await query(sql);
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(body(res).code, code);
        assert.equal(await countRows(), 3, 'the table is still there with its rows');
      });
    }

    test('nothing was written to a file', async () => {
      assert.equal(await fileExists(`${db}_out.csv`), false);
      assert.equal(await fileExists(`${db}_out2.csv`), false);
    });

    test('ClickHouse itself refuses writes under the box’s settings (readonly=1), the panel’s check bypassed', async () => {
      const settings = queryBoxSettings(10, 10);
      const options = { maxResponseBytes: 1024 * 1024, timeoutMs: 30_000 };
      for (const sql of [
        `INSERT INTO ${db}.t VALUES (9, 'x', now64(3))`,
        `INSERT INTO ${db}.t SELECT 10, 'y', now64(3)`,
        `DROP TABLE ${db}.t`,
        `ALTER TABLE ${db}.t DELETE WHERE 1`,
        `TRUNCATE TABLE ${db}.t`,
        'CREATE TEMPORARY TABLE tmp (a Int32)',
        `INSERT INTO FUNCTION file('${db}_direct.csv', 'CSV', 'a Int32') SELECT 1`,
        `SELECT count() FROM ${db}.t SETTINGS readonly = 0`,
        'SELECT 1 SETTINGS max_threads = 1',
      ]) {
        await assert.rejects(
          suite.port.clickhouse.readOnlyQuery(sql, settings, options),
          (error: { details?: { clickhouseCode?: number } }) => error.details?.clickhouseCode === 164,
          sql,
        );
      }
      // A second statement is refused as clickhouse-server refuses it (SYNTAX_ERROR, multi-statements are not allowed).
      await assert.rejects(
        suite.port.clickhouse.readOnlyQuery(`SELECT 1; DROP TABLE ${db}.t`, settings, options),
        (error: { details?: { clickhouseCode?: number } }) => error.details?.clickhouseCode === 62,
      );
      // INSERT … FORMAT with data after it (the adapter's raw-insert path).
      await assert.rejects(
        suite.port.clickhouse.readOnlyQuery(`INSERT INTO ${db}.t FORMAT CSV\n11,z,2026-01-01 00:00:00.000\n`, settings, options),
        (error: { details?: { clickhouseCode?: number } }) => error.details?.clickhouseCode === 164,
      );
      assert.equal(await countRows(), 3);
      assert.equal(await fileExists(`${db}_direct.csv`), false);
    });

    test('out-of-range limits are specific 400s', async () => {
      const res = await query('SELECT 1', { maxRows: 0 });
      assert.equal(res.statusCode, 400);
      assert.equal(body(res).code, 'INVALID_LIMIT');
      const slow = await query('SELECT 1', { timeoutSeconds: 3600 });
      assert.equal(body(slow).code, 'INVALID_LIMIT');
    });
  });
});
