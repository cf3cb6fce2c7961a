import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FullConfig } from '@playwright/test';
import type { StackSnapshot } from '@pipeline-panel/server/contracts';
import { chromiumPath } from '../playwright.config.ts';
import {
  buildFixtureImage,
  busyboxMissingReason,
  dockerUnavailableReason,
  downProject,
  findComposeCli,
  fixtureProjectDir,
  uniqueProjectName,
  upProject,
} from '../harness/docker-fixture/index.ts';
import { repoRoot, startPanelServer, type PanelServer } from '../harness/panel-server.ts';
import { PANEL_URL_ENV, PROJECT_ENV, SKIP_ENV } from './env.ts';

async function prerequisiteMissing(): Promise<string | null> {
  if (!existsSync(chromiumPath)) return `Chromium not found at ${chromiumPath} (install Debian's chromium or set CHROMIUM_PATH)`;
  return (await dockerUnavailableReason()) ?? busyboxMissingReason() ?? ((await findComposeCli()) ? null : 'no Docker Compose CLI found');
}

/** Waits until the panel itself reports every fixture service up, so each spec starts from a settled stack. */
async function waitForSettledStack(url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const snapshot = (await (await fetch(`${url}/api/stack`)).json()) as StackSnapshot;
    const settled = snapshot.services.every((s) => s.state === 'running' && (s.health === 'healthy' || s.health === 'none'));
    if (settled) return;
    last = snapshot.services.map((s) => `${s.service}=${s.state}/${s.health}`).join(' ');
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`fixture stack did not settle within ${timeoutMs} ms: ${last}`);
}

/** Builds the UI, brings up the busybox fixture project on the real Docker Engine and starts the panel on it. */
export default async function globalSetup(_config: FullConfig): Promise<(() => Promise<void>) | void> {
  const missing = await prerequisiteMissing();
  if (missing) {
    process.env[SKIP_ENV] = missing;
    console.log(`browser tier skipped: ${missing}`);
    return;
  }

  // A private build: another run (or a developer's `pnpm build`) rewriting web/dist cannot swap the UI under this one.
  const webDist = join(repoRoot, 'e2e', '.harness', `web-dist-${process.pid}`);
  execFileSync('pnpm', ['--filter', '@pipeline-panel/web', 'build', '--outDir', webDist, '--emptyOutDir'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  process.env.PANEL_STATIC_DIR = webDist; // every panel a spec starts serves this build too

  const cli = (await findComposeCli())!;
  const project = uniqueProjectName('ppbrowser');
  await buildFixtureImage();
  let panel: PanelServer | null = null;
  const teardown = async () => {
    await panel?.stop();
    await downProject(cli, project);
    rmSync(webDist, { recursive: true, force: true });
  };
  try {
    await upProject(cli, project);
    panel = await startPanelServer({ projectDir: fixtureProjectDir, projectName: project, staticDir: webDist });
    await waitForSettledStack(panel.url);
  } catch (error) {
    await teardown();
    throw error;
  }
  process.env[PANEL_URL_ENV] = panel.url;
  process.env[PROJECT_ENV] = project;
  console.log(`browser tier: panel at ${panel.url} for fixture project ${project} (${cli.label}); log ${panel.logFile}`);
  return teardown;
}
