import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { fixtureProjectDir, uniqueProjectName } from '../harness/docker-fixture/index.ts';
import { startPanelServer, type PanelServer } from '../harness/panel-server.ts';
import { fixtureProject, skipReason } from './env.ts';

// Each test runs its own panel process next to the shared one, configured into the state under test.
test.skip(Boolean(skipReason()), skipReason() ?? '');

let extra: PanelServer | null = null;
test.afterEach(async () => {
  await extra?.stop();
  extra = null;
});

test('a project that was never started says to run pnpm start', async ({ page }) => {
  extra = await startPanelServer({ projectDir: fixtureProjectDir, projectName: uniqueProjectName('ppnotstarted') });
  await page.goto(extra.url);

  const notice = page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'The stack is not running' }) });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('pnpm start');
  await expect(notice).toContainText('docker compose up -d --wait');
  const db = page.getByRole('article', { name: 'db', exact: true });
  await expect(db.getByText('not created', { exact: true })).toBeVisible();
  await expect(db.getByRole('button', { name: 'Start db', exact: true })).toBeDisabled();
  await expect(db.getByRole('button', { name: 'Logs of db', exact: true })).toBeDisabled();
});

test('an unreachable Docker Engine says to start Docker, then pnpm start', async ({ page }) => {
  extra = await startPanelServer({
    projectDir: fixtureProjectDir,
    projectName: fixtureProject(),
    env: { DOCKER_HOST: `unix://${join(tmpdir(), 'no-docker-here', 'docker.sock')}` },
  });
  await page.goto(extra.url);

  const alert = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Docker is not reachable' }) });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Start Docker, then pnpm start');
  // The declared ordering still comes from the compose file.
  await expect(page.getByRole('list', { name: 'Start-up order' })).toContainText('db');
});

test('when the panel goes away the page says so, and catches up by itself when it is back', async ({ page }) => {
  extra = await startPanelServer({ projectDir: fixtureProjectDir, projectName: fixtureProject() });
  const port = extra.port;
  // A running stack lands on Pipelines; this test is about the Stack screen's live state.
  await page.goto(`${extra.url}/#/stack`);
  await expect(page.getByText('Live', { exact: true })).toBeVisible();

  await extra.stop();
  await expect(page.getByText('Reconnecting…', { exact: true })).toBeVisible();

  extra = await startPanelServer({ projectDir: fixtureProjectDir, projectName: fixtureProject(), port });
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
  await expect(page.getByRole('article', { name: 'db', exact: true })).toBeVisible();
});

test('with a token configured, a change asks for it once, refuses a wrong one and remembers the right one', async ({ page }) => {
  const token = 'browser-tier-token';
  extra = await startPanelServer({ projectDir: fixtureProjectDir, projectName: fixtureProject(), env: { PANEL_TOKEN: token } });
  await page.goto(`${extra.url}/#/stack`);
  const worker = page.getByRole('article', { name: 'worker', exact: true });
  await expect(worker.getByText('running', { exact: true })).toBeVisible();

  const prompt = page.getByRole('dialog', { name: 'Panel token' });
  await page.getByRole('button', { name: 'Restart worker' }).click();
  await expect(prompt).toBeVisible();
  await prompt.getByRole('button', { name: 'Cancel' }).click();
  await expect(prompt).toBeHidden();
  await expect(worker.getByRole('status')).toContainText('Cancelled');

  await page.getByRole('button', { name: 'Restart worker' }).click();
  await expect(prompt).toBeVisible();
  await prompt.getByLabel('Token').fill('not-the-token');
  await prompt.getByRole('button', { name: 'Save token' }).click();

  await expect(prompt).toContainText('did not accept');
  await prompt.getByLabel('Token').fill(token);
  await prompt.getByRole('button', { name: 'Save token' }).click();
  await expect(prompt).toBeHidden();
  await expect(worker.getByRole('status')).toContainText('worker');
  await expect(worker.getByText('running', { exact: true })).toBeVisible();

  // Remembered for the tab: the second change goes straight to the server.
  const restarted = page.waitForResponse((r) => r.url().endsWith('/api/services/worker/restart') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Restart worker' }).click();
  expect((await restarted).status()).toBe(200);
  await expect(prompt).toBeHidden();
});
