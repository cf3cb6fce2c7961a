import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type {
  ApplySqlFailureDetails,
  ApplySqlResult,
  SqlFileListResponse,
  TableListResponse,
  TablePreview,
} from '@pipeline-panel/server/contracts';
import { createClickHouseClient } from '@pipeline-panel/server/clickhouse/index';
import { downAddress, pipelineApp, pipelinePort, run, useSuite } from './pipeline-support.ts';

const suite = useSuite('clickhouse');
const db = `panel_${run}`;
const file = '001_events.sql';

const tables = async () => (await suite.inject({ method: 'GET', url: '/api/clickhouse/tables' })).json<TableListResponse>();

describe('ClickHouse tables through @clickhouse/client (chdb behind the HTTP adapter)', () => {
  test('a table is created from a file in sql/, and applying it again reports it as existing', async () => {
    writeFileSync(
      join(suite.projectDir, 'sql', file),
      `-- events; a comment with a ; inside
CREATE DATABASE IF NOT EXISTS ${db};
CREATE TABLE IF NOT EXISTS ${db}.events
(
    id     UInt64,
    at     DateTime64(3, 'UTC'),
    label  String DEFAULT 'none;really',
    note   Nullable(String)
)
ENGINE = MergeTree
ORDER BY (at, id);
`,
    );
    const listed = (await suite.inject({ method: 'GET', url: '/api/sql-files' })).json<SqlFileListResponse>();
    assert.deepEqual(listed.files.find((f) => f.file === file)?.tables, [{ database: db, name: 'events', exists: false }]);

    const res = await suite.inject({ method: 'POST', url: `/api/sql-files/${file}/apply` });
    assert.equal(res.statusCode, 200, res.body);
    const applied = res.json<ApplySqlResult>();
    assert.deepEqual(
      { ...applied, report: undefined },
      { file, statements: 2, created: [`${db}.events`], existing: [], report: undefined },
    );
    assert.deepEqual(
      applied.report.map((r) => r.outcome),
      ['applied', 'applied'],
    );

    const again = (await suite.inject({ method: 'POST', url: `/api/sql-files/${file}/apply` })).json<ApplySqlResult>();
    assert.deepEqual(again.created, []);
    assert.deepEqual(again.existing, [`${db}.events`]);
    const relisted = (await suite.inject({ method: 'GET', url: '/api/sql-files' })).json<SqlFileListResponse>();
    assert.equal(relisted.files.find((f) => f.file === file)?.tables[0]?.exists, true);
  });

  test('tables are described with engine, columns, sorting key and row counts; preview shows the newest rows', async () => {
    // Three inserts whose arrival order differs from the sorting key (at, id): the preview must follow arrival.
    for (const values of [
      `(3, '2026-01-03 00:00:00.000', 'c')`,
      `(1, '2026-01-01 00:00:00.000', NULL)`,
      `(2, '2026-01-02 00:00:00.000', 'b')`,
    ])
      await suite.port.clickhouse.command(`INSERT INTO ${db}.events (id, at, note) VALUES ${values}`);
    const list = await tables();
    assert.ok(list.databases.includes(db));
    assert.ok(!list.tables.some((t) => t.database === 'system'), 'system tables are left out');
    const events = list.tables.find((t) => t.database === db && t.name === 'events');
    assert.ok(events, JSON.stringify(list.tables.map((t) => `${t.database}.${t.name}`)));
    assert.equal(events.engine, 'MergeTree');
    assert.equal(events.totalRows, 3);
    assert.ok((events.bytesOnDisk ?? 0) > 0);
    assert.equal(events.sortingKey, 'at, id');
    assert.deepEqual(events.columns, [
      { name: 'id', type: 'UInt64', defaultKind: '' },
      { name: 'at', type: "DateTime64(3, 'UTC')", defaultKind: '' },
      { name: 'label', type: 'String', defaultKind: 'DEFAULT' },
      { name: 'note', type: 'Nullable(String)', defaultKind: '' },
    ]);

    const res = await suite.inject({ method: 'GET', url: `/api/clickhouse/tables/${db}/events/preview?limit=2` });
    assert.equal(res.statusCode, 200, res.body);
    const preview = res.json<TablePreview>();
    assert.deepEqual(preview.columns, ['id', 'at', 'label', 'note']);
    assert.equal(preview.order, 'insertion');
    assert.equal(preview.orderedBy, '_block_number DESC, _block_offset DESC');
    assert.match(preview.orderNote, /merges parts/);
    assert.deepEqual(
      preview.rows.map((r) => [String(r.id), r.note, r.label]),
      [
        ['2', 'b', 'none;really'],
        ['1', null, 'none;really'],
      ],
      'newest insert first, not the highest sorting key',
    );
  });

  test('bad input: identifiers with backticks or semicolons, bad limits and unsafe file names are 4xx and change nothing', async () => {
    const before = await tables();
    for (const url of [
      `/api/clickhouse/tables/${db}/events%60%3B%20DROP%20TABLE%20x/preview`,
      `/api/clickhouse/tables/${db}%3Bx/events/preview`,
      `/api/clickhouse/tables/${db}/ev%20ents/preview`,
    ]) {
      const res = await suite.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.equal(res.json<{ code: string }>().code, 'INVALID_IDENTIFIER');
    }
    for (const limit of ['0', '501', 'abc', '-1']) {
      const res = await suite.inject({ method: 'GET', url: `/api/clickhouse/tables/${db}/events/preview?limit=${limit}` });
      assert.equal(res.json<{ code: string }>().code, 'INVALID_LIMIT', limit);
    }
    const missing = await suite.inject({ method: 'GET', url: `/api/clickhouse/tables/${db}/nope/preview` });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json<{ code: string }>().code, 'TABLE_NOT_FOUND');
    for (const name of ['..%2Fsecret.sql', 'x.txt', '%2Fetc%2Fpasswd.sql']) {
      const res = await suite.inject({ method: 'POST', url: `/api/sql-files/${name}/apply` });
      assert.equal(res.statusCode, 400, `${name}: ${res.body}`);
      assert.equal(res.json<{ code: string }>().code, 'INVALID_FILE_NAME');
    }
    assert.equal((await suite.inject({ method: 'POST', url: '/api/sql-files/absent.sql/apply' })).statusCode, 404);
    writeFileSync(
      join(suite.projectDir, 'sql', 'broken.sql'),
      `CREATE TABLE ${db}.broken (a Int8) ENGINE = MergeTree ORDER BY a;\nCREATE TABLE ${db}.nonsense (;`,
    );
    const broken = await suite.inject({ method: 'POST', url: '/api/sql-files/broken.sql/apply' });
    assert.equal(broken.statusCode, 400, broken.body);
    const body = broken.json<{ code: string; message: string; details: ApplySqlFailureDetails }>();
    assert.equal(body.code, 'SQL_STATEMENT_FAILED');
    assert.equal(body.details.statement, 2);
    assert.deepEqual(
      body.details.report.map((r) => r.outcome),
      ['applied', 'failed'],
    );
    assert.deepEqual(body.details.created, [`${db}.broken`], 'the error says what the statements before it created');
    const after = await tables();
    assert.deepEqual(
      after.tables.map((t) => `${t.database}.${t.name}`).filter((n) => n !== `${db}.broken`),
      before.tables.map((t) => `${t.database}.${t.name}`),
    );
  });

  test('a statement that times out is reported as unknown (it may still land) and the ones after it as not attempted', async () => {
    const port = pipelinePort(suite.env, suite.projectDir, {});
    const slow = {
      ...port,
      clickhouse: createClickHouseClient({ ...suite.env.clickhouse, username: suite.env.clickhouse.user, timeoutMs: 1_000 }),
    };
    const app = await pipelineApp(slow);
    writeFileSync(
      join(suite.projectDir, 'sql', 'slow.sql'),
      `CREATE TABLE IF NOT EXISTS ${db}.before_slow (a Int8) ENGINE = MergeTree ORDER BY a;\nSELECT sleep(2);\nCREATE TABLE IF NOT EXISTS ${db}.after_slow (a Int8) ENGINE = MergeTree ORDER BY a;`,
    );
    try {
      const res = await app.inject({ method: 'POST', url: '/api/sql-files/slow.sql/apply' });
      assert.equal(res.statusCode, 503, res.body);
      const body = res.json<{ code: string; message: string; details: ApplySqlFailureDetails }>();
      assert.equal(body.code, 'CLICKHOUSE_UNAVAILABLE');
      assert.match(
        body.message,
        /statement 2 of 3: ClickHouse did not answer .*may still complete.*statement\(s\) 1 applied; the 1 after it not attempted/,
      );
      assert.deepEqual(
        body.details.report.map((r) => r.outcome),
        ['applied', 'unknown', 'not-attempted'],
      );
      assert.deepEqual(body.details.created, [`${db}.before_slow`]);
      const names = (await tables()).tables.map((t) => `${t.database}.${t.name}`);
      assert.ok(!names.includes(`${db}.after_slow`), 'the statement after the timeout never ran');
    } finally {
      await app.close();
      await slow.clickhouse.close();
      await port.clickhouse.close();
    }
  });

  test('ClickHouse that is down answers 503 CLICKHOUSE_UNAVAILABLE', async () => {
    const down = await downAddress();
    const port = pipelinePort(suite.env, suite.projectDir, { clickhouse: { ...suite.env.clickhouse, url: `http://${down}` } });
    const app = await pipelineApp(port);
    try {
      const res = await app.inject({ method: 'GET', url: '/api/clickhouse/tables' });
      assert.equal(res.statusCode, 503);
      assert.equal(res.json<{ code: string }>().code, 'CLICKHOUSE_UNAVAILABLE');
      assert.match(res.json<{ message: string }>().message, new RegExp(`ClickHouse at http://${down}`));
    } finally {
      await app.close();
      await port.clickhouse.close();
    }
  });
});
