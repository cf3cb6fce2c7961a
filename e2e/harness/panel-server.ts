import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const serverDir = join(repoRoot, 'server');

export interface PanelServer {
  url: string;
  port: number;
  logFile: string;
  stop(): Promise<void>;
}

export interface PanelServerOptions {
  /** Directory holding the docker-compose.yml the panel reads. */
  projectDir: string;
  /** COMPOSE_PROJECT_NAME the panel is scoped to. */
  projectName: string;
  /** The built web UI; defaults to $PANEL_STATIC_DIR (the browser tier's private build), else web/dist. */
  staticDir?: string;
  /** Extra environment, e.g. PANEL_TOKEN. */
  env?: Record<string, string>;
  logFile?: string;
  readyTimeoutMs?: number;
  /** A fixed port, e.g. to bring a stopped panel back where a page still points; free by default. */
  port?: number;
}

/** Asks the OS for a port nobody listens on (there is a small window before the panel binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitForHealth(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`panel server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`panel server did not answer ${url}/api/health within ${timeoutMs} ms:\n${tail(logFile)}`);
}

/** Starts the panel exactly as on a host (`node --import tsx server/src/server.ts`) on a free loopback port. */
export async function startPanelServer(options: PanelServerOptions): Promise<PanelServer> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const logFile = options.logFile ?? join(repoRoot, 'e2e', '.harness', `panel-server-${port}.log`);
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);

  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      PANEL_HOST: '127.0.0.1',
      PANEL_PORT: String(port),
      PANEL_PROJECT_DIR: options.projectDir,
      COMPOSE_PROJECT_NAME: options.projectName,
      PANEL_STATIC_DIR: options.staticDir ?? process.env.PANEL_STATIC_DIR ?? join(repoRoot, 'web', 'dist'),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    log.end();
  };

  try {
    await waitForHealth(url, child, logFile, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, logFile, stop };
}
