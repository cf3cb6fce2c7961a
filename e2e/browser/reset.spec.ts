import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { ResetPlan } from '@pipeline-panel/server/contracts';
import { docker, findComposeCli, fixtureComposeFile, uniqueProjectName } from '../harness/docker-fixture/index.ts';
import { freePort, startPanelServer, type PanelServer } from '../harness/panel-server.ts';
import { run } from '../lib/compose-cli.ts';
import { fixtureProject, panelUrl, skipReason } from './env.ts';
import { panelHeader } from '../lib/panel-header.ts';

test.skip(Boolean(skipReason()), skipReason() ?? '');

async function openReset(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/reset`);
  await expect(page.getByRole('heading', { name: 'Reset volumes', level: 1 })).toBeVisible();
}

test('the reset screen lists what goes away, and the confirmation refuses a wrong project name', async ({ page, request }) => {
  const project = fixtureProject();
  await openReset(page, panelUrl());
  const volumes = page.getByRole('list', { name: 'Volumes to delete' });
  await expect(volumes).toContainText(`${project}_db-data`);
  const containers = page.getByRole('list', { name: 'Containers to remove' });
  for (const service of ['db', 'api', 'worker']) await expect(containers).toContainText(`${project}-${service}-1`);

  await page.getByRole('button', { name: 'Reset volumes…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Type ${project} to confirm`);
  const confirm = dialog.getByRole('button', { name: 'Delete volumes and reset' });
  const input = dialog.getByRole('textbox');
  for (const wrong of ['', project.slice(0, -1), project.toUpperCase(), `${project} `]) {
    await input.fill(wrong);
    await expect(confirm).toBeDisabled();
  }
  await input.fill(project);
  await expect(confirm).toBeEnabled();
  // Not clicked: the other specs share this fixture project.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // The server refuses on its own too, and nothing is started.
  const res = await request.post(`${panelUrl()}/api/reset`, {
    data: { confirm: `${project}-wrong` },
    headers: { origin: panelUrl(), ...panelHeader },
  });
  expect(res.status()).toBe(400);
  expect((await res.json()).code).toBe('CONFIRMATION_MISMATCH');
  expect((await request.get(`${panelUrl()}/api/reset/latest`)).status()).toBe(404);
  const plan = (await (await request.get(`${panelUrl()}/api/reset/plan`)).json()) as ResetPlan;
  expect(plan.containers.map((c) => c.service).sort()).toEqual(['api', 'db', 'worker']);
});

test.describe('a full reset of a project of its own', () => {
  // Its own busybox project and panel, so the shared fixture project keeps its containers for the other specs.
  const project = uniqueProjectName('ppresetui');
  let dir = '';
  let panel: PanelServer | null = null;
  const compose = (...args: string[]) => [
    'docker',
    'compose',
    '--project-name',
    project,
    '--project-directory',
    dir,
    '--file',
    join(dir, 'docker-compose.yml'),
    ...args,
  ];

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    if ((await findComposeCli())?.version !== 'v2') return;
    dir = mkdtempSync(join(tmpdir(), 'pipeline-panel-reset-ui-'));
    copyFileSync(fixtureComposeFile, join(dir, 'docker-compose.yml'));
    mkdirSync(join(dir, 'sql'));
    mkdirSync(join(dir, 'connectors'));
    // ClickHouse is "down" (a closed port), so the first run stops at re-applying this file.
    writeFileSync(join(dir, 'sql', '001_events.sql'), 'CREATE TABLE IF NOT EXISTS events (id UInt64) ENGINE = MergeTree ORDER BY id;\n');
    const up = run(compose('up', '--detach', '--wait'), { timeoutMs: 240_000 });
    if (up.status !== 0) throw new Error(`compose up failed: ${up.stderr}`);
    await docker(['exec', `${project}-db-1`, 'sh', '-c', 'echo before > /data/marker']);
    panel = await startPanelServer({
      projectDir: dir,
      projectName: project,
      env: { PANEL_CLICKHOUSE_URL: `http://127.0.0.1:${await freePort()}`, PANEL_RESET_BOOTSTRAP_WAIT_MS: '1000' },
    });
  });

  test.afterAll(async () => {
    await panel?.stop();
    if (dir) {
      run(compose('down', '--volumes', '--remove-orphans', '--timeout', '2'), { timeoutMs: 120_000 });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('typing the name starts it; steps stream in with their times; a failure names the service and the fix; running again finishes', async ({
    page,
  }) => {
    test.skip(!panel, 'the Docker Compose v2 CLI (`docker compose`) is not installed');
    test.setTimeout(300_000);
    await openReset(page, panel!.url);
    await expect(page.getByRole('list', { name: 'Volumes to delete' })).toContainText(`${project}_db-data`);
    await page.getByRole('button', { name: 'Reset volumes…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox').fill(project);
    await dialog.getByRole('button', { name: 'Delete volumes and reset' }).click();
    await expect(dialog).toBeHidden();

    const steps = page.getByRole('list', { name: 'Reset steps' });
    const step = (title: string) => steps.getByRole('listitem', { name: title, exact: true });
    await expect(steps).toBeVisible();
    // The live list, not a spinner: a step shows as running or done while the rest wait.
    await expect(steps.getByText('running').or(steps.getByText('waiting')).first()).toBeVisible();

    const stopped = page.getByRole('alert').filter({ hasText: 'Reset stopped: ClickHouse failed' });
    await expect(stopped).toBeVisible({ timeout: 240_000 });
    await expect(stopped).toContainText('sql/001_events.sql');
    await expect(stopped).toContainText('PANEL_CLICKHOUSE_URL');
    await expect(stopped).toContainText('Left: Re-apply sql/ · Re-register schemas · Re-deploy connectors');
    await expect(step('Re-apply sql/')).toContainText('failed');
    for (const title of ['Inventory the project', 'Stop and remove containers', 'Remove volumes', 'Wait until healthy']) {
      await expect(step(title)).toContainText('done');
      await expect(step(title).getByLabel('duration')).toHaveText(/\d/);
    }
    await expect(step('Remove volumes')).toContainText(`${project}_db-data`);
    expect((await docker(['exec', `${project}-db-1`, 'sh', '-c', 'cat /data/marker 2>/dev/null || true'])).trim()).toBe('');
    await page.screenshot({ path: test.info().outputPath('reset-failed.png'), fullPage: true });

    // The user fixes the cause (here: drops the file that needs ClickHouse) and runs the reset again to finish.
    rmSync(join(dir, 'sql', '001_events.sql'));
    await docker(['exec', `${project}-db-1`, 'sh', '-c', 'echo after-first-run > /data/marker']);
    await stopped.getByRole('button', { name: 'Run again to finish' }).click();
    await expect(dialog).toContainText('not repeated');
    const finish = dialog.getByRole('button', { name: 'Run again to finish' });
    await dialog.getByRole('textbox').fill(`${project}x`);
    await expect(finish).toBeDisabled();
    await dialog.getByRole('textbox').fill(project);
    await finish.click();
    await expect(page.getByRole('status').filter({ hasText: 'Reset complete.' })).toBeVisible({ timeout: 240_000 });
    await expect(step('Stop and remove containers')).toContainText('done before');
    await expect(step('Remove volumes')).toContainText('done before');
    await expect(step('Re-apply sql/')).toContainText('nothing to apply');
    // Resuming removed nothing twice.
    expect((await docker(['exec', `${project}-db-1`, 'cat', '/data/marker'])).trim()).toBe('after-first-run');
    await page.screenshot({ path: test.info().outputPath('reset-done.png'), fullPage: true });
  });
});
