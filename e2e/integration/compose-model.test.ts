/**
 * The compose model: Compose's own resolution (`docker compose config --format json`, the real CLI) and the panel's
 * fallback parser must agree on what the panel shows — services, images, the dependency graph with conditions,
 * healthchecks and published ports — for the repo's docker-compose.yml and for fixtures that use `extends`,
 * `include` and profiles. Also: a file Compose rejects is a specific error naming the file, the call is bounded by a
 * timeout, and the model is re-read only when a file it came from changed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  ComposeSource,
  dockerComposeCli,
  loadComposeProject,
  type ComposeConfigCli,
  type ComposeModel,
} from '@pipeline-panel/server/compose/index';
import { fixtureComposeFile } from '../harness/docker-fixture/index.ts';
import { findComposeCli, readDotEnv } from '../lib/compose-cli.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const fixtures = fileURLToPath(new URL('./fixtures/compose', import.meta.url));
const cli = findComposeCli();
const skip = cli ? false : 'no Compose v2 CLI (`docker compose`) on this machine';

/** The repo's file with .env.example as its environment (PWD as when Compose runs from the repository root). */
const repoEnv = { ...readDotEnv(join(repo, '.env.example')).values, PWD: repo };

const projects: { label: string; file: string; env: Record<string, string> }[] = [
  { label: "the repo's docker-compose.yml", file: join(repo, 'docker-compose.yml'), env: repoEnv },
  { label: 'the busybox Docker fixture', file: fixtureComposeFile, env: {} },
  { label: 'extends (same file and file:)', file: join(fixtures, 'extends', 'docker-compose.yml'), env: {} },
  { label: 'include (short and long form, its own env_file)', file: join(fixtures, 'include', 'docker-compose.yml'), env: {} },
  { label: 'profiles (COMPOSE_PROFILES from .env)', file: join(fixtures, 'profiles', 'docker-compose.yml'), env: {} },
];

/** What the panel shows of a model, in a stable order (Compose prints services sorted; the parser in file order). */
function shown(model: ComposeModel) {
  return model.services
    .map((s) => ({
      name: s.name,
      image: s.image,
      hasHealthcheck: s.hasHealthcheck,
      healthcheck: s.healthcheck,
      dependsOn: [...s.dependsOn].sort((a, b) => a.service.localeCompare(b.service)),
      ports: [...s.ports].sort((a, b) => a.target - b.target || String(a.published).localeCompare(String(b.published))),
      profiles: s.profiles,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const byCli = (file: string, env: Record<string, string>) =>
  new ComposeSource(file, dirname(file), { processEnv: env, cli: dockerComposeCli() }).model();

describe('compose model: docker compose config and the fallback parser agree', { skip }, () => {
  for (const { label, file, env } of projects) {
    test(label, async () => {
      const fromCli = await byCli(file, env);
      assert.equal(fromCli.source, 'compose-cli');
      const parsed = loadComposeProject(file, dirname(file), env).model;
      assert.equal(parsed.source, 'panel-parser');
      assert.ok(fromCli.services.length > 0);
      assert.deepEqual(shown(parsed), shown(fromCli));
    });
  }

  test('the fixtures resolve as Compose documents them (so agreement is not agreement on nothing)', async () => {
    const model = (name: string) => byCli(join(fixtures, name, 'docker-compose.yml'), {});
    const get = async (project: string, service: string) => (await model(project)).services.find((s) => s.name === service);
    // extends: inherited image, merged healthcheck, appended ports, merged depends_on; disable wins
    const api = await get('extends', 'api');
    assert.equal(api?.image, 'busybox:1.37');
    assert.deepEqual(api?.healthcheck, ['CMD-SHELL', 'test -f /tmp/ready']);
    assert.deepEqual(api?.ports.map((p) => `${p.hostIp ?? ''}:${p.published}:${p.target}/${p.protocol}`).sort(), [
      '127.0.0.1:18080:8080/tcp',
      ':7000:7000/udp',
    ]);
    const worker = await get('extends', 'worker');
    assert.equal(worker?.hasHealthcheck, false);
    assert.deepEqual(worker?.dependsOn.map((d) => `${d.service}:${d.condition}`).sort(), ['api:service_started', 'db:service_healthy']);
    assert.deepEqual((await get('extends', 'db'))?.healthcheck, ['CMD', 'test', '-f', '/tmp/ready']);
    // include: the included file's services, interpolated with its own env_file
    assert.equal((await get('include', 'queue'))?.image, 'busybox:1.36');
    assert.deepEqual((await get('include', 'store'))?.ports, [{ target: 5432, published: null, hostIp: null, protocol: 'tcp' }]);
    // profiles: the debug profile is on (.env), tools is not
    assert.deepEqual((await model('profiles')).services.map((s) => s.name).sort(), ['core', 'inspector']);
    // the repo: the stack's ordering as the README describes it
    const stack = await byCli(join(repo, 'docker-compose.yml'), repoEnv);
    const connect = stack.services.find((s) => s.name === 'connect')!;
    assert.deepEqual(connect.dependsOn.map((d) => `${d.service}:${d.condition}`).sort(), [
      'clickhouse:service_healthy',
      'kafka:service_healthy',
      'schema-registry:service_healthy',
    ]);
  });

  test('a file Compose rejects is a specific error naming the file and quoting Compose; the panel does not crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-model-'));
    try {
      const file = join(dir, 'docker-compose.yml');
      writeFileSync(file, 'services:\n  a:\n    image: busybox\n    depends_on: [missing]\n');
      const load = await new ComposeSource(file, dir, { processEnv: {}, cli: dockerComposeCli() }).load();
      assert.equal(load.ok, false);
      if (load.ok) return;
      assert.equal(load.error.code, 'COMPOSE_INVALID');
      assert.match(
        load.error.message,
        new RegExp(`docker compose config rejected ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: .*missing`),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the CLI call is bounded by its timeout', async () => {
    const load = await new ComposeSource(fixtureComposeFile, dirname(fixtureComposeFile), {
      processEnv: {},
      cli: { version: async () => 'test', config: dockerComposeCli(1).config },
    }).load();
    assert.equal(load.ok, false);
    if (!load.ok) assert.equal(load.error.code, 'COMPOSE_CLI_TIMEOUT');
  });

  test('the model is cached by the mtimes of every file it came from, including included ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-model-'));
    try {
      const file = join(dir, 'docker-compose.yml');
      const part = join(dir, 'part.yml');
      writeFileSync(file, 'include: [part.yml]\nservices:\n  a:\n    image: busybox\n');
      writeFileSync(part, 'services:\n  b:\n    image: busybox\n');
      const real = dockerComposeCli();
      let calls = 0;
      const counting: ComposeConfigCli = { version: real.version, config: (...args) => (calls++, real.config(...args)) };
      const source = new ComposeSource(file, dir, { processEnv: {}, cli: counting });
      const first = await source.model();
      await source.model();
      assert.equal(calls, 1);
      writeFileSync(part, 'services:\n  b:\n    image: busybox:1.36\n');
      utimesSync(part, new Date(), new Date(Date.now() + 5_000));
      const second = await source.model();
      assert.equal(calls, 2);
      assert.notDeepEqual(second, first);
      assert.equal(second.services.find((s) => s.name === 'b')?.image, 'busybox:1.36');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
