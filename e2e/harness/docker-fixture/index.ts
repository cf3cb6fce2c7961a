/**
 * The Docker fixture: a tiny image built FROM scratch with Debian's busybox-static and a three-service compose
 * project (db ← api ← worker) brought up under a unique project name. Used by the integration tests, the browser
 * tests (run the panel with PANEL_PROJECT_DIR=fixtureProjectDir and COMPOSE_PROJECT_NAME=<name>) and the bench.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const fixtureDir = dirname(fileURLToPath(import.meta.url));
/** The directory to point the panel at (PANEL_PROJECT_DIR). */
export const fixtureProjectDir = join(fixtureDir, 'project');
export const fixtureComposeFile = join(fixtureProjectDir, 'docker-compose.yml');
export const fixtureImage = 'pipeline-panel-fixture:busybox';
export const fixtureServices = ['db', 'api', 'worker'] as const;
const BUSYBOX = '/bin/busybox';

export interface ComposeCli {
  command: string;
  baseArgs: string[];
  version: 'v2' | 'v1';
  label: string;
}

async function sh(command: string, args: string[], timeoutMs = 120_000): Promise<string> {
  const { stdout } = await run(command, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** Null when the Docker Engine answers; otherwise why not (for a one-line skip). */
export async function dockerUnavailableReason(): Promise<string | null> {
  try {
    await sh('docker', ['version', '--format', '{{.Server.Version}}'], 10_000);
    return null;
  } catch (error) {
    return `Docker Engine not reachable (${((error as Error).message.split('\n').find((l) => l.trim()) ?? 'docker version failed').trim()})`;
  }
}

/** `docker compose` (v2) when installed, else the v1 `docker-compose` (which names containers with `_`). */
export async function findComposeCli(): Promise<ComposeCli | null> {
  try {
    const out = await sh('docker', ['compose', 'version', '--short'], 10_000);
    return { command: 'docker', baseArgs: ['compose'], version: 'v2', label: `docker compose ${out.trim()}` };
  } catch {
    /* fall through to v1 */
  }
  try {
    const out = await sh('docker-compose', ['version', '--short'], 10_000);
    return { command: 'docker-compose', baseArgs: [], version: 'v1', label: `docker-compose ${out.trim()} (v1)` };
  } catch {
    return null;
  }
}

/** Null when the fixture image can be built; otherwise why not. */
export function busyboxMissingReason(): string | null {
  return existsSync(BUSYBOX) ? null : `${BUSYBOX} not found (install Debian's busybox-static)`;
}

/** Builds the FROM-scratch busybox image once (kept between runs; cheap to check). */
export async function buildFixtureImage(): Promise<string> {
  try {
    await sh('docker', ['image', 'inspect', fixtureImage], 10_000);
    return fixtureImage;
  } catch {
    /* not built yet */
  }
  const context = mkdtempSync(join(tmpdir(), 'panel-fixture-image-'));
  try {
    copyFileSync(BUSYBOX, join(context, 'busybox'));
    writeFileSync(
      join(context, 'Dockerfile'),
      [
        'FROM scratch',
        'COPY busybox /bin/busybox',
        'RUN ["/bin/busybox", "sh", "-c", "/bin/busybox mkdir -p /sbin /usr/bin /usr/sbin /tmp && /bin/busybox --install -s"]',
        'CMD ["sh"]',
        '',
      ].join('\n'),
    );
    await sh('docker', ['build', '--quiet', '--tag', fixtureImage, context], 300_000);
    return fixtureImage;
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

export function uniqueProjectName(prefix = 'ppfix'): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

export function composeArgs(cli: ComposeCli, project: string, args: string[]): string[] {
  return [...cli.baseArgs, '--project-name', project, '--project-directory', fixtureProjectDir, '--file', fixtureComposeFile, ...args];
}

/** `up -d` of the fixture project (db healthy before api starts, via depends_on service_healthy). */
export async function upProject(cli: ComposeCli, project: string, services: string[] = []): Promise<void> {
  await sh(cli.command, composeArgs(cli, project, ['up', '-d', ...services]), 300_000);
}

/** Removes the project's containers, networks and volumes. */
export async function downProject(cli: ComposeCli, project: string): Promise<void> {
  await sh(cli.command, composeArgs(cli, project, ['down', '--volumes', '--remove-orphans', '--timeout', '2']), 120_000);
}

export async function docker(args: string[], timeoutMs = 60_000): Promise<string> {
  return (await sh('docker', args, timeoutMs)).trim();
}

/** Container id of one service, found by labels only (v1 and v2 name containers differently). */
export async function containerIdOf(project: string, service: string): Promise<string> {
  const id = await docker([
    'ps',
    '-aq',
    '--filter',
    `label=com.docker.compose.project=${project}`,
    '--filter',
    `label=com.docker.compose.service=${service}`,
  ]);
  if (!id) throw new Error(`no container for ${project}/${service}`);
  return id.split('\n')[0]!;
}

/** Environment that points a panel process at the fixture project. */
export function panelEnvFor(project: string): Record<string, string> {
  return { PANEL_PROJECT_DIR: fixtureProjectDir, COMPOSE_PROJECT_NAME: project };
}
