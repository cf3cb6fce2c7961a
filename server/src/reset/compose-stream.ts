import { spawn } from 'node:child_process';
import type { ComposeTarget } from '../compose/cli.ts';

export interface ComposeRun {
  code: number | null;
  /** Set when the CLI could not be started or was killed by the timeout. */
  error: string | null;
  lines: string[];
}

/** The argv of a project-level Compose v2 command (`docker compose -p … --project-directory … -f … <args>`). */
export function composeArgv(target: ComposeTarget, args: string[]): string[] {
  return [
    'compose',
    '--project-name',
    target.project,
    '--project-directory',
    target.projectDir,
    '--file',
    target.composePath,
    '--ansi',
    'never',
    '--progress',
    'plain',
    ...args,
  ];
}

/**
 * Runs the real `docker compose` CLI and hands every output line (stdout and stderr; Compose writes its progress to
 * stderr) to `onLine` as it arrives. PWD is the project dir so `${PWD}` in the compose file means the same as when
 * the user runs Compose from the repository root, also when the panel itself runs in a container.
 */
export function runComposeStreaming(
  target: ComposeTarget,
  args: string[],
  onLine: (line: string) => void,
  timeoutMs: number,
): Promise<ComposeRun> {
  return new Promise((resolve) => {
    const lines: string[] = [];
    const emit = (line: string) => {
      const clean = line.replace(/\r$/, '');
      if (clean.trim() === '') return;
      lines.push(clean);
      onLine(clean);
    };
    let child;
    try {
      child = spawn('docker', composeArgv(target, args), {
        env: { ...process.env, PWD: target.projectDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      resolve({ code: null, error: (error as Error).message, lines });
      return;
    }
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, timeoutMs);
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        const parts = pending.split('\n');
        pending = parts.pop()!;
        parts.forEach(emit);
      });
      stream.on('end', () => {
        if (pending) emit(pending);
        pending = '';
      });
    }
    let spawnError: string | null = null;
    child.on('error', (error) => {
      spawnError = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the docker CLI is not installed or not on PATH' : error.message;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, error: timedOut ? `timed out after ${Math.round(timeoutMs / 1000)} s` : spawnError, lines });
    });
  });
}
