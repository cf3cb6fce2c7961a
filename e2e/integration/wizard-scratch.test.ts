/**
 * The wizard's scratch databases on the harness ClickHouse: a CREATE DATABASE that times out in the panel (the server
 * still creates it) is dropped all the same, and leftovers are swept — exactly the scratch name pattern, only once
 * they are old enough that no validation can still be using them.
 */
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { ClickHouseClient as RawClient } from '@clickhouse/client';
import { createClickHouseClient } from '@pipeline-panel/server/clickhouse/index';
import type { ClickHouseClient } from '@pipeline-panel/server/clickhouse/client';
import { scratchName, scratchTable, SWEEP_AFTER_MS } from '@pipeline-panel/server/wizard/scratch';
import { freePort } from '../harness/ports.ts';
import { acquireHarness, run, type ServiceEnv } from './pipeline-support.ts';
import { clickhouseFor } from './smoke-support.ts';

let env: ServiceEnv;
let stopHarness = async () => {};
let ch: RawClient;
let proxy: Server;
let proxyUrl: string;
const database = `scratch_it_${run}`;
const target = { database, table: 'events' };
const sql = `CREATE TABLE ${database}.events (id Int64, at DateTime64(3)) ENGINE = MergeTree ORDER BY id`;

/**
 * An HTTP proxy to ClickHouse that forwards every request at once but holds back the answer to a CREATE DATABASE for
 * `holdMs`: to a client with a shorter timeout, that CREATE times out although ClickHouse ran it.
 */
async function slowCreateProxy(upstream: string, holdMs: number): Promise<{ server: Server; url: string }> {
  const { hostname, port } = new URL(upstream);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const slow = /CREATE\s+DATABASE/i.test(`${decodeURIComponent(req.url ?? '')} ${body.toString()}`);
      const out = httpRequest({ hostname, port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        const send = () => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        };
        if (slow) setTimeout(send, holdMs);
        else send();
      });
      out.on('error', () => res.destroy());
      out.end(body);
    });
  });
  const listenPort = await freePort();
  await new Promise<void>((r) => server.listen(listenPort, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${listenPort}` };
}

async function scratchDatabases(): Promise<string[]> {
  const rows = await (
    await ch.query({ query: "SELECT name FROM system.databases WHERE startsWith(name, 'wizard_scratch')", format: 'JSONEachRow' })
  ).json<{ name: string }>();
  return rows.map((r) => r.name).sort();
}

const panelClient = (url: string, timeoutMs: number): ClickHouseClient =>
  createClickHouseClient({ url, username: env.clickhouse.user, password: env.clickhouse.password, timeoutMs });

before(
  async () => {
    ({ env, stop: stopHarness } = await acquireHarness());
    ch = clickhouseFor(env);
    ({ server: proxy, url: proxyUrl } = await slowCreateProxy(env.clickhouse.url, 1_500));
  },
  { timeout: 600_000 },
);

after(async () => {
  for (const name of await scratchDatabases().catch(() => [])) {
    if (name.includes(run)) await ch.command({ query: `DROP DATABASE IF EXISTS \`${name}\` SYNC` });
  }
  await ch?.close();
  await new Promise((r) => proxy?.close(r));
  await stopHarness();
});

describe('wizard scratch databases', () => {
  test('a CREATE DATABASE that times out (but ran on the server) is dropped all the same', async () => {
    const before = await scratchDatabases();
    const client = panelClient(proxyUrl, 400);
    try {
      await assert.rejects(scratchTable(client, sql, target), (e: Error & { upstream?: string }) => {
        assert.equal(e.upstream, 'ClickHouse');
        assert.match(e.message, /timeout|no answer/i);
        return true;
      });
    } finally {
      await client.close();
    }
    // The held-back answer arrives after the drop; nothing new may remain once it has.
    await new Promise((r) => setTimeout(r, 2_000));
    assert.deepEqual(await scratchDatabases(), before);
  });

  test('leftovers matching the scratch pattern and older than the sweep age are dropped before a validation; nothing else', async () => {
    const now = Date.now();
    const hex = (n: number) =>
      `${run}`
        .padEnd(12, '0')
        .slice(0, 11)
        .replace(/[^0-9a-f]/g, 'a') + n.toString(16);
    const old = `wizard_scratch_${Math.floor((now - SWEEP_AFTER_MS - 60_000) / 1000)}_${hex(1)}`;
    const young = `wizard_scratch_${Math.floor(now / 1000)}_${hex(2)}`;
    const legacy = `wizard_scratch_${hex(3)}`;
    const decoys = [`wizard_scratch_keep_${run}`, `wizard_scratchpad_${run}`];
    for (const name of [old, young, legacy, ...decoys]) await ch.command({ query: `CREATE DATABASE \`${name}\`` });
    assert.match(scratchName(), /^wizard_scratch_\d{10}_[0-9a-f]{12}$/);
    const client = panelClient(env.clickhouse.url, 10_000);
    try {
      const result = await scratchTable(client, sql, target);
      assert.equal(result.dropped, true);
      assert.deepEqual(
        result.columns.map((c) => c.name),
        ['id', 'at'],
      );
    } finally {
      await client.close();
    }
    const left = await scratchDatabases();
    assert.equal(left.includes(old), false, 'an old leftover is swept');
    assert.equal(left.includes(legacy), false, 'a leftover of an earlier panel version (no time in its name) is swept');
    assert.equal(left.includes(young), true, 'a young one may still be in use: kept');
    for (const decoy of decoys) assert.equal(left.includes(decoy), true, `${decoy} does not match the pattern: kept`);
    for (const name of [young, ...decoys]) await ch.command({ query: `DROP DATABASE IF EXISTS \`${name}\` SYNC` });
  });
});
