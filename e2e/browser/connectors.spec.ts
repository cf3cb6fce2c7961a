import { startDeadServicesPanel, servicesSkipReason, snapBothWidths, test, expect } from './pages/services-panel.ts';
import { ConnectorsPage } from './pages/connectors-page.ts';
import type { PanelServer } from '../harness/panel-server.ts';

test.skip(Boolean(servicesSkipReason()), servicesSkipReason() ?? '');
test.describe.configure({ mode: 'serial' });

test('a file not yet deployed shows what deploying would create, key by key', async ({ page, servicesPanel }) => {
  const { fileSink, fileSinkName } = servicesPanel.files;
  const connectors = new ConnectorsPage(page, servicesPanel.url);
  await connectors.open();
  const card = connectors.file(fileSink);
  await expect(card).toContainText('not deployed');
  await card.locator('summary', { hasText: `What deploying creates: ${fileSinkName} does not exist on the worker` }).click();
  await expect(card.getByRole('table', { name: `What deploying creates: ${fileSinkName} does not exist on the worker` })).toBeVisible();
  const classRow = card.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /connector\.class/ }) });
  await expect(classRow).toContainText('org.apache.kafka.connect.file.FileStreamSinkConnector');
  await expect(classRow).toContainText('(absent)');
});

test('preflight of the ClickHouse sink file names the missing plugin', async ({ page, servicesPanel }) => {
  const connectors = new ConnectorsPage(page, servicesPanel.url);
  await connectors.open();
  await page.getByRole('button', { name: `Preflight ${servicesPanel.files.clickhouseSink}` }).click();
  const checks = connectors.file(servicesPanel.files.clickhouseSink).getByRole('status', { name: 'Preflight checks' });
  await expect(checks).toContainText('Preflight failed');
  const plugin = checks.getByRole('listitem').filter({ hasText: 'Plugin installed' });
  await expect(plugin).toContainText('com.clickhouse.kafka.connect.ClickHouseSinkConnector');
  await expect(plugin.getByLabel('failed')).toBeVisible();
});

test('deploy a FileStreamSink from its file, pause and resume it, and deploying again changes nothing', async ({ page, servicesPanel }) => {
  const { fileSink, fileSinkName } = servicesPanel.files;
  const connectors = new ConnectorsPage(page, servicesPanel.url);
  await connectors.open();

  await page.getByRole('button', { name: `Deploy ${fileSink}` }).click();
  await expect(connectors.file(fileSink).getByRole('status').filter({ hasText: 'Created' })).toContainText(`Created ${fileSinkName}`);
  await expect(connectors.state(fileSinkName, 'RUNNING')).toBeVisible();
  await expect(connectors.connector(fileSinkName)).toContainText('1/1 task running');
  await expect(connectors.file(fileSink)).toContainText('deployed · in sync');

  await connectors.action(fileSinkName, 'Pause').click();
  await expect(connectors.state(fileSinkName, 'PAUSED')).toBeVisible();
  await expect(connectors.action(fileSinkName, 'Resume')).toBeEnabled();
  await connectors.action(fileSinkName, 'Resume').click();
  await expect(connectors.state(fileSinkName, 'RUNNING')).toBeVisible();
  await connectors.action(fileSinkName, 'Restart').click();
  await expect(connectors.connector(fileSinkName).getByRole('status')).toContainText(/restart/i);

  await page.getByRole('button', { name: `Redeploy ${fileSink}` }).click();
  await expect(connectors.file(fileSink).getByRole('status').filter({ hasText: 'Unchanged' })).toContainText('already matches the file');
});

test('a failed task sorts first and its Java trace can be read', async ({ page, servicesPanel }) => {
  const { brokenSink, brokenSinkName, fileSinkName } = servicesPanel.files;
  const connectors = new ConnectorsPage(page, servicesPanel.url);
  await connectors.open();
  await page.getByRole('button', { name: `Deploy ${brokenSink}` }).click();

  const card = connectors.connector(brokenSinkName);
  await expect(card.getByRole('list', { name: `Tasks of ${brokenSinkName}` })).toContainText('FAILED');
  await expect(card).toContainText('1 failed');
  // Failed first, even though its name sorts after the running one.
  const names = await page.locator('.connector-list article h3').allTextContents();
  expect(names.indexOf(brokenSinkName)).toBeLessThan(names.indexOf(fileSinkName));

  await card.getByText('Trace of task 0').click();
  const trace = card.getByLabel('Trace of task 0', { exact: true });
  await expect(trace).toBeVisible();
  await expect(trace).toContainText('ConnectException');
  await expect(trace).toContainText('no-such-dir');
  await snapBothWidths(page, 'connectors');
});

test('delete needs the connector name typed exactly; a wrong name keeps the button disabled', async ({ page, servicesPanel }) => {
  const { fileSink, fileSinkName, brokenSinkName } = servicesPanel.files;
  const connectors = new ConnectorsPage(page, servicesPanel.url);
  await connectors.open();

  await connectors.action(fileSinkName, 'Delete').click();
  const dialog = connectors.dialog();
  await expect(dialog.getByRole('heading', { name: `Delete ${fileSinkName}?` })).toBeVisible();
  const confirm = dialog.getByRole('button', { name: 'Delete connector' });
  const input = dialog.getByLabel(/Type .* to confirm/);
  await expect(confirm).toBeDisabled();
  await input.fill(`${fileSinkName}x`);
  await expect(confirm).toBeDisabled();
  await input.fill(fileSinkName.toUpperCase());
  await expect(confirm).toBeDisabled();
  await page.screenshot({ path: '/tmp/screens/connectors-delete-dialog.png' });

  await input.fill(fileSinkName);
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Deleted ${fileSinkName}` })).toBeVisible();
  await expect(connectors.connector(fileSinkName)).toHaveCount(0);
  await expect(connectors.file(fileSink)).toContainText('not deployed');

  // Clean up the failed one too, through the same dialog.
  await connectors.action(brokenSinkName, 'Delete').click();
  await dialog.getByLabel(/Type .* to confirm/).fill(brokenSinkName);
  await dialog.getByRole('button', { name: 'Delete connector' }).click();
  await expect(connectors.connector(brokenSinkName)).toHaveCount(0);
});

test.describe('with Kafka Connect down', () => {
  let dead: PanelServer | null = null;
  test.afterEach(async () => {
    await dead?.stop();
    dead = null;
  });

  test('the screen names Kafka Connect and the command that starts it', async ({ page, servicesPanel }) => {
    dead = await startDeadServicesPanel(servicesPanel.projectDir);
    const connectors = new ConnectorsPage(page, dead.url);
    await connectors.open();
    const alert = page
      .getByRole('alert')
      .filter({ has: page.getByRole('heading', { name: 'Kafka Connect is not reachable' }) })
      .first();
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('docker compose up -d connect');
    await expect(alert).toContainText('docker compose logs connect');
    await snapBothWidths(page, 'connectors-down');
  });
});
