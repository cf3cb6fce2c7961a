import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ComposeConfigCli } from './cli-model.ts';
import { ComposeSource } from './source.ts';

function project(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'compose-source-'));
  const file = join(dir, 'docker-compose.yml');
  writeFileSync(file, text);
  return { dir, file, [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }) };
}

const noCli: ComposeConfigCli = {
  version: async () => null,
  config: () => assert.fail('must not be asked when there is no CLI'),
};

test('without a Compose CLI the panel parser is the model, said once in the log', async () => {
  using p = project('services:\n  a:\n    image: busybox\n    ports: ["127.0.0.1:80:8080/udp"]\n');
  const warnings: string[] = [];
  const source = new ComposeSource(p.file, p.dir, { processEnv: {}, cli: noCli, log: { warn: (_o, msg) => warnings.push(msg ?? '') } });
  const model = await source.model();
  assert.equal(model.source, 'panel-parser');
  assert.deepEqual(model.services[0]!.ports, [{ target: 8080, published: '80', hostIp: '127.0.0.1', protocol: 'udp' }]);
  writeFileSync(p.file, 'services:\n  b:\n    image: busybox\n');
  await new Promise((r) => setTimeout(r, 5));
  await source.load();
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /no Compose v2 CLI/);
});

test('the CLI’s answer is the model (Compose’s $$ escapes undone); its refusal is the load error', async () => {
  using p = project('services:\n  a:\n    image: busybox\n');
  const cli: ComposeConfigCli = {
    version: async () => '2.40.3',
    config: async () => ({ name: 'demo', services: { a: { image: 'busybox', healthcheck: { test: ['CMD-SHELL', 'echo $$HOME'] } } } }),
  };
  const model = await new ComposeSource(p.file, p.dir, { processEnv: {}, cli }).model();
  assert.equal(model.source, 'compose-cli');
  assert.equal(model.name, 'demo');
  assert.deepEqual(model.services[0]!.healthcheck, ['CMD-SHELL', 'echo $HOME']);
  const refusing: ComposeConfigCli = {
    version: cli.version,
    config: async () => {
      throw Object.assign(new Error('x'), { name: 'AppError' });
    },
  };
  const load = await new ComposeSource(p.file, p.dir, { processEnv: {}, cli: refusing }).load();
  assert.equal(load.ok, false);
});

test('concurrent loads share one read', async () => {
  using p = project('services:\n  a:\n    image: busybox\n');
  let calls = 0;
  const cli: ComposeConfigCli = {
    version: async () => '2',
    config: async () => (calls++, { services: { a: { image: 'busybox' } } }),
  };
  const source = new ComposeSource(p.file, p.dir, { processEnv: {}, cli });
  await Promise.all([source.load(), source.load(), source.load()]);
  assert.equal(calls, 1);
});
