/**
 * scripts/sync-env.sh (run by `pnpm start`): a fresh clone gets .env from .env.example; an .env written before
 * .env.example gained a setting gets that setting appended with its default, and nothing it already has changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../scripts/sync-env.sh', import.meta.url));
const example = readFileSync(fileURLToPath(new URL('../../.env.example', import.meta.url)), 'utf8');
const exampleNames = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);

function inTempDir(files: Record<string, string>, run: (dir: string, output: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'sync-env-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    run(dir, execFileSync('bash', [script], { cwd: dir, encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('without .env, it is a copy of .env.example', () => {
  inTempDir({ '.env.example': example }, (dir, output) => {
    assert.equal(readFileSync(join(dir, '.env'), 'utf8'), example);
    assert.match(output, /Created \.env/);
  });
});

test('an older .env gains the missing settings with their defaults; its own values stay, and a second run adds nothing', () => {
  assert.ok(exampleNames.length > 10, 'the real .env.example is read');
  const [kept, dropped1, dropped2] = ['COMPOSE_PROJECT_NAME', 'CONNECT_OFFSET_FLUSH_INTERVAL_MS', 'PANEL_MEM_LIMIT'];
  const older = example
    .split('\n')
    .filter((line) => !line.startsWith(`${dropped1}=`) && !line.startsWith(`${dropped2}=`))
    .map((line) => (line.startsWith(`${kept}=`) ? `${kept}=mine` : line))
    .join('\n')
    .trimEnd(); // no final newline: the appended lines must still start on their own line
  inTempDir({ '.env.example': example, '.env': older }, (dir, output) => {
    assert.match(output, new RegExp(`${dropped1} ${dropped2}`));
    const env = readFileSync(join(dir, '.env'), 'utf8');
    assert.ok(env.startsWith(older + '\n'), 'what was there is unchanged');
    const defaultOf = (name: string) => example.match(new RegExp(`^${name}=.*$`, 'm'))?.[0];
    assert.match(env, new RegExp(`^${defaultOf(dropped1)}$`, 'm'));
    assert.match(env, new RegExp(`^${defaultOf(dropped2)}$`, 'm'));
    assert.match(env, new RegExp(`^${kept}=mine$`, 'm'));
    assert.equal(env.match(new RegExp(`^${kept}=`, 'gm'))?.length, 1);
    const second = execFileSync('bash', [script], { cwd: dir, encoding: 'utf8' });
    assert.equal(second, '');
    assert.equal(readFileSync(join(dir, '.env'), 'utf8'), env);
  });
});
