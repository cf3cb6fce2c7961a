/**
 * The multi-node views in Chromium on the cluster harness: the built panel (web/dist) on the cluster's services, a
 * broker stopped → the Topics screen flags the topic's partitions as under-replicated and the broker as gone; the
 * Connectors screen lists both workers. Skips in one line without Chromium or a built UI.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { repoRoot, startPanelServer, type PanelServer } from '../harness/panel-server.ts';
import { toEnvVars } from '../harness/state.ts';
import { run } from '../integration/pipeline-support.ts';
import { chromiumPath } from '../playwright.config.ts';
import { useClusterSuite } from './cluster-support.ts';
import { fileSinkConfig, putConnector } from '../lib/file-sink.ts';

const staticDir = process.env.PANEL_STATIC_DIR ?? join(repoRoot, 'web', 'dist');
const missing = !existsSync(chromiumPath)
  ? `Chromium not found at ${chromiumPath} (CHROMIUM_PATH)`
  : !existsSync(join(staticDir, 'index.html'))
    ? `no built UI in ${staticDir} (pnpm --filter @pipeline-panel/web build)`
    : null;
if (missing) console.log(`cluster browser test skipped: ${missing}`);

const suite = useClusterSuite('cluster-browser');
const topic = `panel-cluster-ui-${run}`;
const connector = `panel-cluster-ui-sink-${run}`;

describe('multi-node views in the browser', { skip: missing ?? false, timeout: 600_000 }, () => {
  let panel: PanelServer;
  let browser: Browser;
  let page: Page;

  before(
    async () => {
      panel = await startPanelServer({
        projectDir: suite.projectDir,
        projectName: `ppcluster${run}`,
        staticDir,
        env: toEnvVars({ ...suite.env, workDir: suite.workDir }),
      });
      browser = await chromium.launch({ executablePath: chromiumPath });
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    },
    { timeout: 120_000 },
  );
  after(async () => {
    await browser?.close();
    await panel?.stop();
  });

  test('a stopped broker: its partitions flagged under-replicated, the broker shown as not in the cluster', async () => {
    const created = await suite.inject({
      method: 'POST',
      url: '/api/topics',
      payload: { name: topic, partitions: 2, replicationFactor: 3 },
    });
    assert.equal(created.statusCode, 201, created.body);
    suite.removeAfter(topic);
    await page.goto(`${panel.url}/#/topics`);
    const brokers = page.getByRole('region', { name: 'Brokers' });
    await expect(brokers.getByRole('table', { name: 'Brokers' }).getByRole('row')).toHaveCount(4, { timeout: 30_000 });
    await expect(brokers.getByText('zone-c')).toBeVisible();

    await suite.control.brokerStop(3);
    try {
      // The list polls every 5 s; the broker's partitions leave the ISR at its controlled shutdown.
      // The broker leaves the member list before the controller has shrunk every ISR: each figure gets the same minute.
      const settle = { timeout: 60_000 };
      await expect(brokers.getByText('not in the cluster', { exact: true })).toBeVisible(settle);
      await expect(
        brokers.getByRole('table', { name: 'Topics with partitions out of sync' }).getByRole('row', { name: new RegExp(topic) }),
      ).toContainText('2', settle);
      const flagged = brokers.getByRole('table', { name: 'Under-replicated and offline partitions' });
      await expect(flagged.getByRole('row', { name: new RegExp(`${topic}-0`) })).toContainText('missing 3', settle);
      await expect(page.getByRole('table', { name: 'Topics', exact: true }).getByRole('row', { name: new RegExp(topic) })).toContainText(
        '2 under-replicated',
        settle,
      );
      await page.screenshot({ path: join(repoRoot, 'e2e', '.harness', 'cluster-topics-urp.png'), fullPage: true });
    } finally {
      await suite.control.brokerStart(3);
    }
    await expect(brokers.getByText('not in the cluster', { exact: true })).toHaveCount(0, { timeout: 120_000 });
  });

  test('the Connectors screen lists both workers and where each task runs', async () => {
    const [first] = suite.cluster.connect.workers;
    const put = await putConnector(
      first!.url,
      connector,
      fileSinkConfig({ topic, file: join(suite.projectDir, `out-${run}.txt`), tasks: 2 }),
    );
    assert.ok(put.ok, await put.text());
    try {
      await page.goto(`${panel.url}/#/connectors`);
      const workers = page.getByRole('table', { name: 'Connect workers' });
      for (const w of suite.cluster.connect.workers)
        await expect(workers.getByRole('row', { name: new RegExp(w.workerId) })).toContainText('running', { timeout: 90_000 });
      await expect(workers.getByText("panel's endpoint")).toHaveCount(1);
    } finally {
      await fetch(`${first!.url}/connectors/${connector}`, { method: 'DELETE' });
    }
  });
});
