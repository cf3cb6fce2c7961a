/**
 * Every file in sql/ runs in ClickHouse's real engine (chdb) the way the image's initdb runs it
 * (the whole file as one multi-statement script), twice in a row in one session: the second run must
 * change nothing, and every table it declares must exist afterwards as a MergeTree-family table.
 */
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from 'chdb';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const sqlDir = join(repo, 'sql');
const files = readdirSync(sqlDir)
  .filter((f) => f.endsWith('.sql'))
  .sort();

/** Tables a file declares: `CREATE TABLE [IF NOT EXISTS] db.table`. */
export function declaredTables(sql: string): Array<{ database: string; table: string }> {
  return [...sql.matchAll(/CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?`?(\w+)`?\.`?(\w+)`?/gi)].map((m) => ({
    database: m[1]!,
    table: m[2]!,
  }));
}

function rows(session: Session, sql: string): Array<Record<string, unknown>> {
  const out = session.query(sql, 'JSONEachRow');
  return out.trim() === ''
    ? []
    : out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('sql/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sql-test-'));
  const session = new Session(dir);
  after(() => {
    session.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  test('has at least one table file, numbered for a stable apply order', () => {
    assert.ok(files.length > 0, 'sql/ holds no .sql files');
    for (const f of files) assert.match(f, /^\d{3}_[a-z0-9_]+\.sql$/, `${f}: name files NNN_<table>.sql`);
  });

  for (const file of files) {
    test(`${file} applies twice (idempotent) and creates its tables`, () => {
      const sql = readFileSync(join(sqlDir, file), 'utf8');
      const tables = declaredTables(sql);
      assert.ok(tables.length > 0, `${file} declares no db-qualified CREATE TABLE`);
      assert.doesNotMatch(sql, /CREATE\s+(TABLE|DATABASE)\s+(?!IF\s+NOT\s+EXISTS)/i, `${file}: every CREATE needs IF NOT EXISTS`);

      session.query(sql);
      const schemaAfterFirst = tables.map((t) => rows(session, `SHOW CREATE TABLE ${t.database}.${t.table}`));
      session.query(sql); // a second run must neither fail nor change anything
      const schemaAfterSecond = tables.map((t) => rows(session, `SHOW CREATE TABLE ${t.database}.${t.table}`));
      assert.deepEqual(schemaAfterSecond, schemaAfterFirst);

      for (const t of tables) {
        const found = rows(
          session,
          `SELECT engine, sorting_key FROM system.tables WHERE database = '${t.database}' AND name = '${t.table}'`,
        );
        assert.equal(found.length, 1, `${t.database}.${t.table} does not exist after applying ${file}`);
        assert.match(String(found[0]!.engine), /MergeTree$/, `${t.database}.${t.table} engine`);
        assert.notEqual(found[0]!.sorting_key, '', `${t.database}.${t.table} needs an ORDER BY`);
      }
    });
  }

  test("orders keeps each row's insert block through a merge (exact newest-first preview), hidden from DESCRIBE", () => {
    session.query(readFileSync(join(sqlDir, '001_orders.sql'), 'utf8'));
    session.query('TRUNCATE TABLE pipeline.orders');
    const insert = (id: string, customer: number) =>
      session.query(
        `INSERT INTO pipeline.orders (order_id, customer_id, status, quantity, amount, currency, created_at) VALUES ('${id}', ${customer}, 'NEW', 1, 1.5, 'EUR', now64(3))`,
      );
    insert('first', 9); // sorts last by the key, inserted first
    insert('second', 1);
    session.query('OPTIMIZE TABLE pipeline.orders FINAL');
    const newest = rows(session, 'SELECT order_id FROM pipeline.orders ORDER BY _block_number DESC, _block_offset DESC');
    assert.deepEqual(
      newest.map((r) => r.order_id),
      ['second', 'first'],
    );
    const [parts] = rows(session, "SELECT count() AS n FROM system.parts WHERE database = 'pipeline' AND table = 'orders' AND active");
    assert.equal(Number(parts!.n), 1, 'the two inserts were merged into one part');
    session.query('TRUNCATE TABLE pipeline.orders');
  });

  test('orders table has the typed columns the sink maps onto', () => {
    session.query(readFileSync(join(sqlDir, '001_orders.sql'), 'utf8'));
    const columns = Object.fromEntries(rows(session, 'DESCRIBE TABLE pipeline.orders').map((c) => [c.name, c.type]));
    assert.deepEqual(columns, {
      order_id: 'String',
      customer_id: 'Int64',
      status: 'LowCardinality(String)',
      quantity: 'Int32',
      amount: 'Decimal(12, 2)',
      currency: 'LowCardinality(String)',
      created_at: "DateTime64(3, 'UTC')",
      note: 'Nullable(String)',
    });
    const [table] = rows(session, "SELECT sorting_key, partition_key FROM system.tables WHERE database = 'pipeline' AND name = 'orders'");
    assert.deepEqual(table, { sorting_key: 'customer_id, created_at, order_id', partition_key: 'toYYYYMM(created_at)' });
  });
});
