/**
 * The harness's ClickHouse adapter driven by ClickHouse's own clients, as the official sink drives a server:
 * client v1 (clickhouse-http-client 0.9.5, the sink's default client_version=V1) and client-v2 0.9.5, through the probe
 * program in harness/java (built by `harness prepare`), and @clickhouse/client for the same checks plus the binary
 * formats both ways.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { ClickHouseClient } from '@clickhouse/client';
import { prepareJars } from '../harness/prepare.ts';
import { javaBinary } from '../harness/process.ts';
import { acquireHarness, run, type ServiceEnv } from './pipeline-support.ts';
import { clickhouseFor } from './smoke-support.ts';

interface ProbeLine {
  client: 'v1' | 'v2';
  check: string;
  value?: string;
  code?: number;
  error?: string;
}

const database = `probe_${run}`;
const table = 'events';
let env: ServiceEnv;
let stop: () => Promise<void>;
let ch: ClickHouseClient;
let lines: ProbeLine[] = [];

before(
  async () => {
    ({ env, stop } = await acquireHarness());
    ch = clickhouseFor(env);
    await ch.command({ query: `CREATE DATABASE ${database}` });
    await ch.command({
      query: `CREATE TABLE ${database}.${table} (id UInt32, name String, note Nullable(String), amount Decimal(12, 2), at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY id`,
    });
    const { javaClientsClasspath } = await prepareJars();
    const out = execFileSync(
      javaBinary(),
      [
        '-Xmx256m',
        '-cp',
        javaClientsClasspath,
        'harness.ClickHouseClientsProbe',
        env.clickhouse.url,
        env.clickhouse.user,
        env.clickhouse.password,
        database,
        table,
      ],
      { encoding: 'utf8', timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
    );
    lines = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as ProbeLine);
  },
  { timeout: 600_000 },
);

after(async () => {
  await ch?.command({ query: `DROP DATABASE IF EXISTS ${database} SYNC` }).catch(() => undefined);
  await ch?.close();
  await stop?.();
});

const result = (client: 'v1' | 'v2', check: string): ProbeLine => {
  const line = lines.find((l) => l.client === client && l.check === check);
  assert.ok(line, `the probe printed no ${client} ${check}; it printed ${JSON.stringify(lines)}`);
  return line;
};
const value = (client: 'v1' | 'v2', check: string): string => {
  const line = result(client, check);
  assert.equal(line.error, undefined, `${client} ${check} failed: ${line.error}`);
  return line.value!;
};

describe("ClickHouse's Java clients against the harness adapter (what the official sink sends)", () => {
  for (const client of ['v1', 'v2'] as const) {
    test(`${client}: ping, SELECT version() (compressed${client === 'v1' ? ' and not' : ''}), a version the sink accepts (≥ 23.3)`, async () => {
      assert.equal(value(client, 'ping'), 'true');
      const version = value(client, 'version-compressed');
      const [major, minor] = version.split('.').map(Number);
      assert.ok(major! > 23 || (major === 23 && minor! >= 3), version);
      if (client === 'v1') assert.equal(value(client, 'version-plain'), version);
    });

    test(`${client}: system.columns in RowBinaryWithNamesAndTypes and DESCRIBE TABLE with describe_include_subcolumns`, () => {
      assert.equal(value(client, 'system-columns-rowbinary'), `${table}=5`);
      // Subcolumns are listed only when the setting reached the engine.
      assert.equal(value(client, 'describe'), 'id,name,note,amount,at,name.size,note.null,note.size');
    });

    test(`${client}: RowBinary inserts naming no database (X-ClickHouse-Database), plain and with decompress=1`, () => {
      assert.equal(value(client, 'insert-rowbinary'), '10');
      assert.equal(value(client, 'insert-rowbinary-compressed'), '100');
    });

    test(`${client}: a wrong password is code 516, an unknown table code 60`, () => {
      assert.equal(result(client, 'wrong-password').code, 516, result(client, 'wrong-password').error);
      assert.match(result(client, 'wrong-password').error ?? '', /AUTHENTICATION_FAILED/);
      assert.equal(result(client, 'unknown-table').code, 60, result(client, 'unknown-table').error);
    });
  }

  test('the rows the Java clients inserted decoded to the values they wrote', async () => {
    const rows = await (
      await ch.query({
        query: `SELECT min(id) AS lo, max(id) AS hi, count() AS n, toString(sum(amount)) AS total, countIf(note IS NULL) AS nulls,
                  toString(max(at)) AS last, any(name) LIKE 'row-%-é' AS utf8 FROM ${database}.${table}
                GROUP BY intDiv(id, 1000) ORDER BY lo`,
        format: 'JSONEachRow',
      })
    ).json<{ lo: number; hi: number; n: string; total: string; nulls: string; last: string; utf8: number }>();
    // v1: ids 0-9 and 1000-1099; v2: 2000-2009 and 3000-3099.
    assert.deepEqual(
      rows.map((r) => [r.lo, r.hi, Number(r.n), Number(r.nulls), r.utf8]),
      [
        [0, 9, 10, 5, 1],
        [1000, 1099, 100, 50, 1],
        [2000, 2009, 10, 5, 1],
        [3000, 3099, 100, 50, 1],
      ],
    );
    assert.equal(rows[0]!.total, String((45 * 100 + 10 * 25) / 100));
    assert.equal(rows[3]!.last, '2023-11-14 22:13:23.099');
  });

  test('@clickhouse/client: ping, version, wrong password (516), unknown table (60), RowBinary and Native both ways', async () => {
    assert.equal((await ch.ping()).success, true);
    const version = (await (await ch.query({ query: 'SELECT version() AS v', format: 'JSONEachRow' })).json<{ v: string }>())[0]!.v;
    assert.equal(version, value('v2', 'version-compressed'));
    const wrong = clickhouseFor({ ...env, clickhouse: { ...env.clickhouse, password: `${env.clickhouse.password}-wrong` } });
    await assert.rejects(wrong.query({ query: 'SELECT 1' }), (e: { code?: string }) => e.code === '516');
    await wrong.close();
    await assert.rejects(ch.query({ query: 'SELECT * FROM no_such_table_probe' }), (e: { code?: string }) => e.code === '60');

    // Native out of one table, Native into another; RowBinaryWithNamesAndTypes likewise: the engine parses both.
    const copy = `${database}.copy`;
    await ch.command({ query: `CREATE TABLE ${copy} AS ${database}.${table}` });
    for (const format of ['Native', 'RowBinaryWithNamesAndTypes'] as const) {
      const exported = await (
        await ch.exec({ query: `SELECT * FROM ${database}.${table} WHERE id < 10 FORMAT ${format}` })
      ).stream.toArray();
      await ch.exec({ query: `INSERT INTO ${copy} FORMAT ${format}`, values: Readable.from([Buffer.concat(exported as Buffer[])]) });
    }
    const copied = await (
      await ch.query({ query: `SELECT count() AS n, toString(sum(amount)) AS s FROM ${copy}`, format: 'JSONEachRow' })
    ).json<{ n: number | string; s: string }>();
    // 10 000 RowBinary rows in one body (UInt32 ids: 2570 is the bytes 0A 0A 00 00), as a sink batch would send them.
    const big = `${database}.big`;
    await ch.command({ query: `CREATE TABLE ${big} (id UInt32, s String) ENGINE = MergeTree ORDER BY id` });
    const rows = Array.from({ length: 10_000 }, (_, id) => {
      const text = Buffer.from(`row\n\n${id}`);
      const row = Buffer.alloc(5 + text.length);
      row.writeUInt32LE(id, 0);
      row[4] = text.length;
      text.copy(row, 5);
      return row;
    });
    await ch.exec({ query: `INSERT INTO ${big} FORMAT RowBinary`, values: Readable.from([Buffer.concat(rows)]) });
    const bigCount = await (
      await ch.query({ query: `SELECT count() AS n, uniqExact(id) AS u, max(s) AS m FROM ${big}`, format: 'JSONEachRow' })
    ).json<{ n: number | string; u: number | string; m: string }>();
    assert.deepEqual(
      bigCount.map((r) => [Number(r.n), Number(r.u), r.m]),
      [[10_000, 10_000, 'row\n\n9999']],
    );
    assert.deepEqual(
      copied.map((r) => [Number(r.n), r.s]),
      [[20, String((2 * (45 * 100 + 10 * 25)) / 100)]],
    );
  });
});
