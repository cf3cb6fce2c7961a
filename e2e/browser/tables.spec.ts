import { clickhouseExec, startDeadServicesPanel, servicesSkipReason, snapBothWidths, test, expect } from './pages/services-panel.ts';
import { TablesPage } from './pages/tables-page.ts';
import type { PanelServer } from '../harness/panel-server.ts';

test.skip(Boolean(servicesSkipReason()), servicesSkipReason() ?? '');
test.describe.configure({ mode: 'serial' });

test('create a table from a file in sql/, then see its columns and newest rows', async ({ page, servicesPanel }) => {
  const { sql, sqlDatabase, sqlTable } = servicesPanel.files;
  const id = `${sqlDatabase}.${sqlTable}`;
  const tables = new TablesPage(page, servicesPanel.url);
  await tables.open();

  const file = tables.sqlFile(sql);
  await expect(file).toContainText('not applied');
  await expect(file.getByRole('list', { name: `Tables in ${sql}` })).toContainText(`${id} missing`);
  await page.getByRole('button', { name: `Create from ${sql}` }).click();
  await expect(file.getByRole('status')).toContainText(`Created ${id}`);
  await expect(file).toContainText('all tables exist');
  await expect(tables.tablesOf(sqlDatabase)).toContainText('MergeTree');

  // Applying again is harmless and says so.
  await page.getByRole('button', { name: `Create from ${sql}` }).click();
  await expect(file.getByRole('status')).toContainText(`Already there (unchanged): ${id}`);

  await clickhouseExec(
    servicesPanel.services,
    `INSERT INTO ${id} (id, kind, note, created_at) VALUES (1, 'created', NULL, '2024-01-01 00:00:00.000'), (2, 'paid', 'first payment', '2024-01-02 00:00:00.000'), (3, 'shipped', NULL, '2024-01-03 00:00:00.000')`,
  );
  await page.getByRole('button', { name: 'Refresh' }).click();
  const row = tables
    .tablesOf(sqlDatabase)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: sqlTable }) });
  await expect(row).toContainText('3');
  await page.getByRole('button', { name: `Open ${id}` }).click();

  await expect(tables.columns(id)).toContainText("DateTime64(3, 'UTC')");
  await expect(tables.columns(id)).toContainText('LowCardinality(String)');
  const rows = tables.rows(id);
  await expect(rows.getByRole('row')).toHaveCount(4);
  // Newest first (sorting key descending): the shipped row heads the preview.
  await expect(rows.getByRole('row').nth(1)).toContainText('shipped');
  await expect(rows).toContainText('NULL');
  await snapBothWidths(page, 'tables');
});

test.describe('with ClickHouse down', () => {
  let dead: PanelServer | null = null;
  test.afterEach(async () => {
    await dead?.stop();
    dead = null;
  });

  test('the screen names ClickHouse and the command that starts it', async ({ page, servicesPanel }) => {
    dead = await startDeadServicesPanel(servicesPanel.projectDir);
    const tables = new TablesPage(page, dead.url);
    await tables.open();
    const alert = page
      .getByRole('alert')
      .filter({ has: page.getByRole('heading', { name: 'ClickHouse is not reachable' }) })
      .first();
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('docker compose up -d clickhouse');
    await snapBothWidths(page, 'tables-down');
  });
});
