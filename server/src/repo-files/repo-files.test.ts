import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { type AppError } from '../errors/app-error.ts';
import { createRepoFiles, fileNameProblem, fileVariantOf } from './repo-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'repo-files-'));
mkdirSync(join(dir, 'sql'));
writeFileSync(join(dir, 'sql', '001_a.sql'), 'SELECT 1');
writeFileSync(join(dir, 'sql', 'notes.txt'), 'x');
writeFileSync(join(dir, 'secret.sql'), 'outside');
symlinkSync(join(dir, 'secret.sql'), join(dir, 'sql', 'link.sql'));
after(() => rmSync(dir, { recursive: true, force: true }));

const files = createRepoFiles(dir);
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (e: AppError) => e.code,
  );

test('lists only safe names with the folder extension', async () => {
  assert.deepEqual(await files.list('sql'), ['001_a.sql', 'link.sql']);
  assert.deepEqual(await files.list('connectors'), []);
});

test('reads a file and refuses traversal, other extensions and escaping symlinks', async () => {
  assert.equal(await files.read('sql', '001_a.sql'), 'SELECT 1');
  assert.equal(await code(files.read('sql', '../secret.sql')), 'INVALID_FILE_NAME');
  assert.equal(await code(files.read('sql', 'notes.txt')), 'INVALID_FILE_NAME');
  assert.equal(await code(files.read('sql', 'link.sql')), 'INVALID_FILE_NAME');
  assert.equal(await code(files.read('sql', 'missing.sql')), 'FILE_NOT_FOUND');
  assert.match(fileNameProblem('connectors', '.sql')!, /must end with .json/);
  assert.match(fileNameProblem('sql', '.sql')!, /must end|must not start/);
});

test('docker-compose.<variant>.yml reads sql/<variant>/ and connectors/<variant>/ when the project has them', () => {
  const has = (dirs: string[]) => (path: string) => dirs.includes(path);
  assert.equal(fileVariantOf('docker-compose.cluster.yml', has(['sql/cluster'])), 'cluster');
  assert.equal(fileVariantOf('/abs/compose.cluster.yaml', has(['connectors/cluster'])), 'cluster');
  assert.equal(fileVariantOf('docker-compose.cluster.yml', has([])), null, 'no such folders: the base ones');
  assert.equal(fileVariantOf('docker-compose.yml', has(['sql/cluster'])), null);
  assert.equal(fileVariantOf('stack.yml', has(['sql/cluster'])), null);
});

test('a variant lists and reads its own subfolder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'repo-files-variant-'));
  try {
    mkdirSync(join(dir, 'sql', 'cluster'), { recursive: true });
    writeFileSync(join(dir, 'sql', '001_single.sql'), 'SELECT 1');
    writeFileSync(join(dir, 'sql', 'cluster', '001_replicated.sql'), 'SELECT 2');
    const files = createRepoFiles(dir, { variant: 'cluster' });
    assert.deepEqual(await files.list('sql'), ['001_replicated.sql']);
    assert.equal(await files.read('sql', '001_replicated.sql'), 'SELECT 2');
    await assert.rejects(files.read('sql', '001_single.sql'), (e: AppError) =>
      e.message.startsWith('sql/cluster/001_single.sql does not exist'),
    );
    assert.deepEqual(await files.list('connectors'), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
