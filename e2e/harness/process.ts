import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync, existsSync } from 'node:fs';

export interface ServiceProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
  stop(timeoutMs?: number): Promise<void>;
}

/** The Java the harness runs: HARNESS_JAVA, else $JAVA_HOME/bin/java, else `java` on PATH. */
export function javaBinary(): string {
  if (process.env.HARNESS_JAVA) return process.env.HARNESS_JAVA;
  if (process.env.JAVA_HOME) return `${process.env.JAVA_HOME}/bin/java`;
  return 'java';
}

/** Starts a child whose stdout/stderr go to logFile. The child dies with us on normal exit and on SIGINT/SIGTERM. */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  opts: { cwd: string; logFile: string; env?: NodeJS.ProcessEnv },
): ServiceProcess {
  const fd = openSync(opts.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command} (see ${opts.logFile})`);
  const pid = child.pid;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  trackChild(child);
  return {
    name,
    pid,
    logFile: opts.logFile,
    exited,
    async stop(timeoutMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a command to completion; rejects with the tail of its output when it fails. */
export async function runToCompletion(
  name: string,
  command: string,
  args: string[],
  opts: { cwd: string; logFile: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<void> {
  const proc = startProcess(name, command, args, opts);
  const timer = setTimeout(() => void proc.stop(1000), opts.timeoutMs);
  const code = await proc.exited;
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(`${name} failed (exit ${code}); last lines of ${opts.logFile}:\n${tail(opts.logFile, 30)}`);
  }
}

export function tail(file: string, lines: number): string {
  if (!existsSync(file)) return '(no log file)';
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(-lines - 1)
    .join('\n');
}

/**
 * Polls `check` until it returns true. Fails with a message naming the service and its log when the time is up or
 * the process exits first.
 */
export async function waitUntil(
  service: { name: string; logFile: string; exited?: Promise<number | null> },
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  let hasExited = false;
  void service.exited?.then((code) => {
    hasExited = true;
    exitCode = code;
  });
  let lastError = '';
  while (Date.now() < deadline) {
    if (hasExited) {
      throw new Error(`${service.name} exited (code ${exitCode}) before ${what}; log: ${service.logFile}\n${tail(service.logFile, 30)}`);
    }
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${service.name} not ready after ${Math.round(timeoutMs / 1000)}s (${what})${lastError ? `: ${lastError}` : ''}; ` +
      `log: ${service.logFile}\n${tail(service.logFile, 30)}`,
  );
}

const children = new Set<ChildProcess>();
let hooksInstalled = false;

function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (hooksInstalled) return;
  hooksInstalled = true;
  const killAll = () => {
    for (const c of children) c.kill('SIGKILL');
  };
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      // Someone else (e.g. the CLI's graceful shutdown) handles this signal; the 'exit' hook still cleans up after it.
      if (process.listenerCount(signal) > 0) return;
      killAll();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}
