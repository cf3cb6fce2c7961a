/**
 * Finds and runs a Docker Compose CLI for tests, and reads .env-style files.
 * The product uses `docker compose` (v2+) only; v1 (`docker-compose` 1.29) is a fallback for repo checks on
 * machines where v2 is not installed. Callers say which one ran.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ComposeCli {
  kind: 'v2' | 'v1';
  /** argv prefix, e.g. ['docker', 'compose'] */
  command: string[];
  version: string;
  label: string;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Set when the process could not start or was killed by the timeout. */
  error?: string;
}

export function run(
  command: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {},
): RunResult {
  const [bin, ...args] = command;
  if (!bin) throw new Error('run: empty command');
  const result = spawnSync(bin, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    timeout: options.timeoutMs ?? 120_000,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: result.status,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    error: result.error ? result.error.message : result.signal ? `killed by ${result.signal}` : undefined,
  };
}

/** Like run(), but keeps the event loop free (needed when this process also serves what the command fetches). */
export function runAsync(
  command: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunResult> {
  const [bin, ...args] = command;
  if (!bin) throw new Error('runAsync: empty command');
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs ?? 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => resolve({ status: null, stdout, stderr, error: error.message }));
    child.on('close', (status, signal) => resolve({ status, stdout, stderr, error: signal ? `killed by ${signal}` : undefined }));
  });
}

/** Prefers `docker compose` (v2+); falls back to `docker-compose` only when it reports v1. */
export function findComposeCli(options: { allowV1?: boolean } = {}): ComposeCli | null {
  // Only Compose v2+ is a Docker CLI plugin, so any answer to `docker compose version` is v2+
  // (a build from source reports its version as "dev").
  const v2 = run(['docker', 'compose', 'version', '--short'], { timeoutMs: 20_000 });
  if (v2.status === 0 && v2.stdout.trim() !== '') {
    const version = v2.stdout.trim();
    return { kind: 'v2', command: ['docker', 'compose'], version, label: `docker compose ${version}` };
  }
  if (!options.allowV1) return null;
  const v1 = run(['docker-compose', 'version', '--short'], { timeoutMs: 20_000 });
  if (v1.status === 0 && /^\d/.test(v1.stdout.trim())) {
    const version = v1.stdout.trim();
    const kind = version.startsWith('1.') ? 'v1' : 'v2';
    return { kind, command: ['docker-compose'], version, label: `docker-compose ${version}` };
  }
  return null;
}

/**
 * Parses a .env file the way Compose does for the simple forms we use: KEY=value, optional surrounding
 * quotes, `#` comment lines. Returns values plus, per key, the comment lines directly above it.
 */
export function readDotEnv(path: string): { values: Record<string, string>; docs: Record<string, string[]> } {
  const values: Record<string, string> = {};
  const docs: Record<string, string[]> = {};
  let pendingComments: string[] = [];
  for (const rawLine of readFileSync(path, 'utf8').split('\n')) {
    const line = rawLine.trim();
    if (line === '') {
      pendingComments = [];
      continue;
    }
    if (line.startsWith('#')) {
      pendingComments.push(line.replace(/^#\s?/, ''));
      continue;
    }
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) throw new Error(`${path}: cannot parse line: ${rawLine}`);
    const [, key, rawValue] = match as unknown as [string, string, string];
    values[key] = rawValue.replace(/^(['"])(.*)\1$/, '$2');
    docs[key] = pendingComments;
    pendingComments = [];
  }
  return { values, docs };
}

/** A minimal environment for Compose so the caller's shell variables cannot change interpolation. */
export function cleanComposeEnv(projectDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', PWD: projectDir, ...extra };
  for (const key of ['HOME', 'DOCKER_HOST', 'DOCKER_CONFIG', 'DOCKER_CONTEXT', 'DOCKER_CERT_PATH', 'DOCKER_TLS_VERIFY']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}
