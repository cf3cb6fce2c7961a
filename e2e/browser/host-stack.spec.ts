/**
 * A panel whose compose project has no containers while the services it probes do answer — what a panel run with
 * `pnpm dev` on the host sees when the stack runs under another project name. The banner must not say "not running"
 * beside answering probes; every probe fact has a value; plugin class names wrap only at dots.
 */
import { fixtureProjectDir, uniqueProjectName } from '../harness/docker-fixture/index.ts';
import { startPanelServer, type PanelServer } from '../harness/panel-server.ts';
import { expect, panelEnv, servicesSkipReason, test } from './pages/services-panel.ts';

test.skip(Boolean(servicesSkipReason()), servicesSkipReason() ?? '');

let extra: PanelServer | null = null;
test.afterEach(async () => {
  await extra?.stop();
  extra = null;
});

test('no containers but answering services: the banner says the stack runs elsewhere, and how to point the panel at it', async ({
  page,
  servicesPanel,
}) => {
  const project = uniqueProjectName('pphost');
  extra = await startPanelServer({ projectDir: fixtureProjectDir, projectName: project, env: panelEnv(servicesPanel.services) });
  await page.setViewportSize({ width: 1024, height: 900 });
  await page.goto(`${extra.url}/#/stack`);

  const banner = page.getByRole('heading', { name: `No containers of project ${project}, but the stack answers` });
  await expect(banner).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The stack is not running' })).toHaveCount(0);
  await expect(page.getByText('COMPOSE_PROJECT_NAME', { exact: true }).first()).toBeVisible();

  // The Connect probe: the harness worker has no ClickHouse sink, and the version fact says so (never empty).
  const connect = page.locator('.probe').filter({ hasText: 'Connect probe' });
  const version = connect.locator('.facts > div').filter({ has: page.getByText('clickhouse sink version', { exact: true }) });
  await expect(version.locator('dd')).toHaveText('not installed');
  for (const dd of await connect.locator('.facts dd').all()) await expect(dd).not.toHaveText('');

  // Plugin classes, one per line; each segment between dots stays on one line (no break inside a word).
  const plugins = connect.locator('.facts-list li');
  expect(await plugins.count()).toBeGreaterThan(0);
  await expect(plugins.filter({ hasText: 'org.apache.kafka.connect.file.FileStreamSinkConnector' })).toHaveCount(1);
  const brokenWords = await connect.locator('.facts-list').evaluate((list) => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(list, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1 && !/\s/.test(node.textContent ?? '')) broken.push(node.textContent ?? '');
    }
    return broken;
  });
  expect(brokenWords).toEqual([]);
  await page.screenshot({ path: '/tmp/screens/host-stack-1024.png', fullPage: true });
});
