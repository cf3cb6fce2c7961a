import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { type AppError } from '../errors/app-error.ts';
import { createRepoFiles, fileNameProblem } from './repo-files.ts';

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
