import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { containerIdOf, docker, fixtureComposeFile } from '../harness/docker-fixture/index.ts';
import { fixtureProject, panelUrl, skipReason } from './env.ts';
import { readSnapshot, settleStack, StackPage } from './stack-page.ts';
import { panelHeader } from '../lib/panel-header.ts';

const SCREENSHOT_DIR = '/tmp/web';

test.skip(Boolean(skipReason()), skipReason() ?? '');

/** The fixture's declared services and what each waits for, read from its compose file (not from the panel). */
function declaredDependencies(): Map<string, string[]> {
  const compose = parse(readFileSync(fixtureComposeFile, 'utf8')) as {
    services: Record<string, { depends_on?: string[] | Record<string, unknown> }>;
  };
  return new Map(
    Object.entries(compose.services).map(([name, spec]) => {
      const deps = spec.depends_on;
      return [name, Array.isArray(deps) ? deps : Object.keys(deps ?? {})];
    }),
  );
}

test.beforeEach(async ({ request }) => {
  await settleStack(request);
});

test('lists every declared service and orders them in start-up waves', async ({ page }) => {
  const stack = new StackPage(page);
  await stack.open();
  const declared = declaredDependencies();

  for (const service of declared.keys()) {
    await expect(stack.card(service)).toBeVisible();
  }

  const waves = stack.waves();
  await expect(waves.first()).toBeVisible();
  const waveOf = new Map<string, number>();
  const count = await waves.count();
  for (let i = 0; i < count; i++) {
    await expect(waves.nth(i).getByRole('heading')).toHaveText(`Wave ${i + 1}`);
    for (const service of declared.keys()) {
      if ((await waves.nth(i).getByText(service, { exact: true }).count()) > 0) waveOf.set(service, i);
    }
  }
  expect([...waveOf.keys()].sort()).toEqual([...declared.keys()].sort());
  for (const [service, dependencies] of declared) {
    for (const dependency of dependencies) {
      expect(waveOf.get(service)!, `${service} starts after ${dependency}`).toBeGreaterThan(waveOf.get(dependency)!);
    }
  }

  await expect(page.getByText('Live', { exact: true })).toBeVisible();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/stack.png`, fullPage: true });
});

test('a service stopped outside the panel turns stopped without a reload, and Restart brings it back healthy', async ({ page }) => {
  const stack = new StackPage(page);
  await stack.open();
  await expect(stack.status('api', 'healthy')).toBeVisible();
  await page.evaluate(() => ((window as unknown as { noReloadMarker: boolean }).noReloadMarker = true));

  await docker(['stop', '--time', '1', await containerIdOf(fixtureProject(), 'api')]);
  await expect(stack.status('api', 'stopped')).toBeVisible();

  await stack.button('Restart api').click();
  await expect(stack.status('api', 'healthy')).toBeVisible();
  await expect(stack.card('api').getByRole('status')).not.toBeEmpty();
  expect(await page.evaluate(() => (window as unknown as { noReloadMarker?: boolean }).noReloadMarker)).toBe(true);
});

test('Stop asks for confirmation: Cancel changes nothing, confirming stops the service', async ({ page, request }) => {
  const stack = new StackPage(page);
  await stack.open();
  const before = (await readSnapshot(request)).services.find((s) => s.service === 'worker')!;

  await stack.button('Stop worker').click();
  const dialog = page.getByRole('dialog', { name: 'Stop worker?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  const afterCancel = (await readSnapshot(request)).services.find((s) => s.service === 'worker')!;
  expect(afterCancel.state).toBe('running');
  expect(afterCancel.startedAt).toBe(before.startedAt);
  await expect(stack.status('worker', 'running')).toBeVisible();

  await stack.button('Stop worker').click();
  await page.getByRole('dialog', { name: 'Stop worker?' }).getByRole('button', { name: 'Stop worker' }).click();
  await expect(stack.status('worker', 'stopped')).toBeVisible();

  await stack.button('Start worker').click();
  await expect(stack.status('worker', 'running')).toBeVisible();
});

test('a cross-origin POST is refused with ORIGIN_REJECTED and changes nothing', async ({ page, request }) => {
  const before = (await readSnapshot(request)).services.find((s) => s.service === 'db')!;

  const direct = await request.post(`${panelUrl()}/api/services/db/restart`, {
    headers: { origin: 'http://evil.example', ...panelHeader },
    data: {},
  });
  expect(direct.status()).toBe(403);
  expect(await direct.json()).toMatchObject({ statusCode: 403, code: 'ORIGIN_REJECTED' });
  // Neither Origin nor Referer, no panel header (what a stripped cross-site request looks like): refused too.
  const bare = await request.post(`${panelUrl()}/api/services/db/restart`, { data: {} });
  expect(await bare.json()).toMatchObject({ statusCode: 403, code: 'PANEL_HEADER_REQUIRED' });

  // A page on another origin tries the classic CSRF: a "simple" no-cors POST the browser sends without preflight.
  const evil: Server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>elsewhere</title>'),
  );
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  try {
    const port = (evil.address() as { port: number }).port;
    await page.goto(`http://127.0.0.1:${port}/`);
    const refused = page.waitForResponse((r) => r.url() === `${panelUrl()}/api/services/db/restart`);
    await page.evaluate(async (url) => {
      await fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{}' }).catch(() => undefined);
    }, `${panelUrl()}/api/services/db/restart`);
    // The body of an opaque (no-cors) response is hidden from the page and from the tooling; the status is not.
    expect((await refused).status()).toBe(403);
  } finally {
    evil.close();
  }

  const after = (await readSnapshot(request)).services.find((s) => s.service === 'db')!;
  expect(after.startedAt).toBe(before.startedAt);
  expect(after.state).toBe('running');
});

test('the logs drawer streams a service’s lines and marks stderr', async ({ page }) => {
  const stack = new StackPage(page);
  await stack.open();
  await stack.button('Logs of db').click();

  const drawer = page.getByRole('dialog', { name: 'Logs · db' });
  await expect(drawer).toBeVisible();
  const lines = drawer.getByRole('log', { name: 'Log lines of db' }).getByRole('listitem');
  await expect(lines.filter({ hasText: /db out \d+/ }).first()).toBeVisible();
  await expect(lines.filter({ hasText: /db err \d+/ }).first()).toContainText('(stderr)');
  const seen = await lines.count();
  await expect.poll(() => lines.count(), { message: 'new lines keep arriving while following' }).toBeGreaterThan(seen);

  await drawer.getByRole('button', { name: 'Close logs' }).click();
  await expect(drawer).toBeHidden();
});

test('renders on a 390 px wide window without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const stack = new StackPage(page);
  await stack.open();
  await expect(stack.card('worker')).toBeVisible();
  await expect(stack.waves().first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/stack-narrow.png`, fullPage: true });

  await stack.button('Logs of api').click();
  await expect(page.getByRole('dialog', { name: 'Logs · api' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
});
