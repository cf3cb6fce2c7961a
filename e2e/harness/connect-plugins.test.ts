import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { extraPluginPaths, pinnedSinkSha256 } from './connect-plugins.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-plugins-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const withPlugins = <T>(value: string | undefined, fn: () => T): T => {
  const before = process.env.HARNESS_CONNECT_PLUGINS;
  if (value === undefined) delete process.env.HARNESS_CONNECT_PLUGINS;
  else process.env.HARNESS_CONNECT_PLUGINS = value;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.HARNESS_CONNECT_PLUGINS;
    else process.env.HARNESS_CONNECT_PLUGINS = before;
  }
};

test('the sink pin is read from .env.example (empty or 64 hex digits)', () => {
  assert.match(pinnedSinkSha256(), /^([0-9a-f]{64})?$/);
});

test('HARNESS_CONNECT_PLUGINS: a release zip is unpacked into the work dir, a directory is used as it is', () => {
  const zip = join(dir, 'clickhouse-kafka-connect-v1.5.0.zip');
  writeFileSync(
    zip,
    zipSync({
      'clickhouse-kafka-connect-v1.5.0/': {},
      'clickhouse-kafka-connect-v1.5.0/manifest.json': strToU8('{}'),
      'clickhouse-kafka-connect-v1.5.0/lib/sink.jar': strToU8('jar bytes'),
    }),
  );
  const work = join(dir, 'work');
  const [path] = withPlugins(zip, () => extraPluginPaths(work));
  assert.equal(path, join(work, 'connect', 'extra-plugins'));
  assert.equal(readFileSync(join(path!, 'clickhouse-kafka-connect-v1.5.0', 'lib', 'sink.jar'), 'utf8'), 'jar bytes');

  const plugins = join(dir, 'plugins');
  mkdirSync(plugins);
  assert.deepEqual(
    withPlugins(plugins, () => extraPluginPaths(work)),
    [plugins],
  );
  assert.throws(() => withPlugins(join(dir, 'missing.zip'), () => extraPluginPaths(work)), /no such file or directory/);
});

test('a zip entry pointing outside the plugin directory is refused', () => {
  const zip = join(dir, 'evil.zip');
  writeFileSync(zip, zipSync({ '../escape.txt': strToU8('x') }));
  assert.throws(() => withPlugins(zip, () => extraPluginPaths(join(dir, 'work2'))), /outside the plugin directory/);
  assert.equal(existsSync(join(dir, 'work2', 'connect', 'escape.txt')), false);
});
