/**
 * sql/cluster/ (the cluster profile's DDL, applied ON CLUSTER by the clickhouse-init service): every statement must
 * parse in ClickHouse's own parser (chdb's formatQuery; running it needs Keeper and the cluster, which only the stack
 * tier has), be idempotent, run ON CLUSTER the cluster that remote-servers.xml defines, and replicate with the macros
 * that macros.xml defines. Each table must equal its single-node twin in sql/ but for ON CLUSTER and the engine.
 */
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from 'chdb';
import { splitStatements } from '@pipeline-panel/server/domain/sql-statements';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const clusterSqlDir = join(repo, 'sql/cluster');
const configDir = join(repo, 'configs/clickhouse-cluster/clickhouse-server/config.d');
const files = readdirSync(clusterSqlDir)
  .filter((f) => f.endsWith('.sql'))
  .sort();
const withoutComments = (xml: string) => xml.replace(/<!--[\s\S]*?-->/g, '');
const clusterName = /<remote_servers>\s*<(\w+)>/.exec(withoutComments(readFileSync(join(configDir, 'remote-servers.xml'), 'utf8')))?.[1];
const macros = withoutComments(readFileSync(join(configDir, 'macros.xml'), 'utf8'));
const definedMacros = new Set([...(/<macros>([\s\S]*?)<\/macros>/.exec(macros)?.[1] ?? '').matchAll(/<(\w+)[\s/>]/g)].map((m) => m[1]!));

describe('sql/cluster/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-sql-test-'));
  const session = new Session(dir);
  after(() => {
    session.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });
  const literal = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  /** ClickHouse's parser and formatter: throws on a syntax error, returns the canonical text otherwise. */
  const format = (statement: string) => session.query(`SELECT formatQuery(${literal(statement)})`, 'TSVRaw').trim();

  test('has table files named like sql/ (NNN_<table>.sql), for a cluster that remote-servers.xml defines', () => {
    assert.ok(files.length > 0, 'sql/cluster holds no .sql files');
    for (const f of files) assert.match(f, /^\d{3}_[a-z0-9_]+\.sql$/);
    assert.ok(clusterName, 'remote-servers.xml defines no cluster');
    for (const m of ['shard', 'replica']) assert.ok(definedMacros.has(m), `macros.xml must define {${m}}`);
  });

  for (const file of files) {
    const statements = splitStatements(readFileSync(join(clusterSqlDir, file), 'utf8'));

    test(`${file}: every statement parses, is idempotent and runs ON CLUSTER ${clusterName}`, () => {
      assert.ok(statements.length > 0);
      for (const statement of statements) {
        const formatted = format(statement);
        assert.match(formatted, /^CREATE (DATABASE|TABLE) IF NOT EXISTS /, `${file}: every statement is a CREATE … IF NOT EXISTS`);
        assert.match(formatted.split('\n')[0]!, new RegExp(` ON CLUSTER ${clusterName}$`), `${file}: ${formatted.split('\n')[0]}`);
      }
    });

    for (const statement of statements.filter((s) => /^CREATE\s+TABLE/i.test(s))) {
      const formatted = format(statement);
      const table = /^CREATE TABLE IF NOT EXISTS (\S+) ON CLUSTER/.exec(formatted)?.[1];

      test(`${file}: ${table} replicates through Keeper with the {shard} and {replica} macros`, () => {
        const engine = /^ENGINE = (Replicated\w*MergeTree)\('([^']+)', '([^']+)'/m.exec(formatted);
        assert.ok(engine, `${table}: needs a Replicated*MergeTree engine with an explicit Keeper path and replica name`);
        const [, , path, replica] = engine;
        assert.match(path!, /^\/clickhouse\/tables\/\{shard\}\/\{database\}\/\{table\}$/, `${table}: Keeper path`);
        assert.equal(replica, '{replica}');
        for (const [, macro] of `${path}${replica}`.matchAll(/\{(\w+)\}/g)) {
          assert.ok(['database', 'table'].includes(macro!) || definedMacros.has(macro!), `{${macro}} is not defined in macros.xml`);
        }
      });

      test(`${file}: ${table} has the columns, partitioning and sorting key of its single-node twin in sql/`, () => {
        const twin = splitStatements(readFileSync(join(repo, 'sql', file), 'utf8'))
          .map(format)
          .find((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${table}\n`));
        assert.ok(twin, `sql/${file} does not create ${table}`);
        const comparable = (s: string) =>
          s
            .replace(` ON CLUSTER ${clusterName}`, '')
            .replace(/^ENGINE = .*$/m, 'ENGINE')
            .trim();
        assert.equal(comparable(formatted), comparable(twin));
      });
    }
  }
});
