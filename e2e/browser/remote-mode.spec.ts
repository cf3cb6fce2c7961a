/**
 * Remote mode in Chromium: the panel on the harness's authenticated endpoints (SASL_SSL Kafka, nginx with TLS and
 * basic auth before the registry and Connect, ClickHouse over HTTPS) with no compose project, as on a real cluster.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startPanelServer, type PanelServer } from '../harness/panel-server.ts';
import { securePanelEnv } from '../harness/secure-panel-env.ts';
import { liveHarnessEnv } from '../harness/state.ts';
import { servicesSkipReason } from './pages/services-panel.ts';

const secure = liveHarnessEnv()?.secure ?? null;
const skip =
  servicesSkipReason() ?? (secure ? null : 'no secure harness running (`tsx harness/cli.ts up --secure`; needs nginx and openssl)');
test.skip(Boolean(skip), skip ?? '');

let panel: PanelServer | null = null;
let projectDir = '';
test.beforeAll(async () => {
  test.setTimeout(120_000);
  projectDir = mkdtempSync(join(tmpdir(), 'pipeline-panel-remote-browser-'));
  panel = await startPanelServer({ projectDir, projectName: 'remote-browser', env: securePanelEnv(secure!), readyTimeoutMs: 90_000 });
});
test.afterAll(async () => {
  await panel?.stop();
  if (projectDir) rmSync(projectDir, { recursive: true, force: true });
});

test('the Stack screen shows each endpoint, how the panel authenticates and its probe; no container actions', async ({ page }) => {
  await page.goto(`${panel!.url}/#/stack`);
  await expect(page.getByRole('heading', { name: 'Start, stop and reset are not available' })).toBeVisible();
  await expect(page.getByText('PANEL_MODE=remote')).toBeVisible();

  const endpoints: { name: string; address: string; security: string | RegExp; probe: string }[] = [
    {
      name: 'Kafka',
      address: secure!.kafka.brokers.join(','),
      security: `SASL_SSL · SCRAM-SHA-512 · user ${secure!.kafka.username}`,
      probe: 'Kafka probe',
    },
    { name: 'Schema Registry', address: secure!.registry.url, security: /basic auth/, probe: 'Schema Registry probe' },
    { name: 'Kafka Connect', address: secure!.connect.url, security: /basic auth/, probe: 'Connect probe' },
    { name: 'ClickHouse', address: secure!.clickhouse.url, security: /user/, probe: 'ClickHouse probe' },
  ];
  for (const endpoint of endpoints) {
    const card = page.getByRole('article', { name: endpoint.name, exact: true });
    await expect(card).toContainText(endpoint.address);
    await expect(card).toContainText(endpoint.security);
    await expect(card.getByText(endpoint.probe)).toBeVisible();
    await expect(card).toContainText('answers', { timeout: 30_000 });
  }
  await expect(page.getByRole('button', { name: /^(Start|Stop|Restart) / })).toHaveCount(0);
  for (const value of [secure!.kafka.password, secure!.registry.password, secure!.connect.password, secure!.clickhouse.password]) {
    expect(await page.content()).not.toContain(value);
  }

  await page.goto(`${panel!.url}/#/reset`);
  await expect(page.getByText('Not available in remote mode.')).toBeVisible();
  await expect(page.getByRole('button', { name: /reset/i })).toHaveCount(0);
});

test('the screens read over the authenticated connections: a topic created over SASL_SSL is listed', async ({ page, request }) => {
  const topic = `remote-browser-${Date.now().toString(36)}`;
  const created = await request.post(`${panel!.url}/api/topics`, {
    headers: { 'X-Pipeline-Panel': '1', Origin: panel!.url },
    data: { name: topic, partitions: 1 },
  });
  expect(created.status(), await created.text()).toBe(201);
  try {
    await page.goto(`${panel!.url}/#/topics`);
    await expect(page.getByRole('table', { name: 'Topics', exact: true }).getByRole('row', { name: new RegExp(topic) })).toBeVisible();
  } finally {
    await request.delete(`${panel!.url}/api/topics/${topic}`, {
      headers: { 'X-Pipeline-Panel': '1', Origin: panel!.url },
      data: { confirm: topic },
    });
  }
});
