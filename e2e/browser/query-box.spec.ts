/**
 * The Tables screen's query box against the harness's ClickHouse: a read with column types and statistics, a result
 * cut at the row limit, refusals before anything is sent (a write, several statements), ClickHouse's own error
 * code, and recent queries kept in the browser.
 */
import { clickhouseExec, servicesSkipReason, snapBothWidths, test, expect } from './pages/services-panel.ts';
import { TablesPage } from './pages/tables-page.ts';

test.skip(Boolean(servicesSkipReason()), servicesSkipReason() ?? '');
test.describe.configure({ mode: 'serial' });

test('a read shows columns with their types and the statistics; a large result is cut and flagged', async ({ page, servicesPanel }) => {
  const db = `qbox_${servicesPanel.runId}`;
  await clickhouseExec(servicesPanel.services, `CREATE DATABASE IF NOT EXISTS ${db}`);
  await clickhouseExec(
    servicesPanel.services,
    `CREATE TABLE IF NOT EXISTS ${db}.t (id UInt32, label String) ENGINE = MergeTree ORDER BY id`,
  );
  await clickhouseExec(servicesPanel.services, `INSERT INTO ${db}.t VALUES (1, 'one'), (2, 'two')`);

  const tables = new TablesPage(page, servicesPanel.url);
  await tables.open();
  await tables.runQuery(`SELECT id, label FROM ${db}.t ORDER BY id`);
  const rows = tables.queryRows();
  await expect(rows.getByRole('columnheader')).toHaveText(['idUInt32', 'labelString']);
  await expect(rows.getByRole('row')).toHaveCount(3);
  await expect(rows.getByRole('row').nth(2)).toContainText('two');
  await expect(page.getByRole('status', { name: 'Query statistics' })).toContainText(/^2 rows · read \d+ rows/);

  await page.getByLabel('Rows', { exact: true }).selectOption('100');
  await tables.runQuery('SELECT number FROM numbers(100000)');
  await expect(page.getByRole('alert', { name: 'Result truncated' })).toContainText('showing the first 100 rows');
  await expect(tables.queryRows().getByRole('row')).toHaveCount(101);
  await snapBothWidths(page, 'tables-query');
});

test('a write or a second statement is refused before sending, and ClickHouse’s own errors show its code', async ({
  page,
  servicesPanel,
}) => {
  const db = `qbox_${servicesPanel.runId}`;
  const tables = new TablesPage(page, servicesPanel.url);
  await tables.open();
  await tables.runQuery(`DROP TABLE ${db}.t`);
  await expect(tables.queryError()).toContainText('DROP deletes an object');
  await expect(tables.queryError()).toContainText('QUERY_NOT_READ_ONLY');
  await tables.runQuery(`SELECT 1; DROP TABLE ${db}.t`);
  await expect(tables.queryError()).toContainText('QUERY_MULTI_STATEMENT');
  await tables.runQuery(`SELECT * FROM ${db}.nope`);
  await expect(tables.queryError()).toContainText('QUERY_FAILED');
  await expect(page.getByText('ClickHouse error code 60')).toBeVisible();
  // The table is still there.
  await tables.runQuery(`SELECT count() FROM ${db}.t`);
  await expect(tables.queryRows()).toContainText('2');
  await snapBothWidths(page, 'tables-query-refused');
});

test('recent queries are kept in the browser and can be run again', async ({ page, servicesPanel }) => {
  const tables = new TablesPage(page, servicesPanel.url);
  await tables.open();
  await tables.runQuery('SELECT 42 AS answer');
  await expect(tables.queryRows()).toContainText('42');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Tables' })).toBeVisible();
  const recent = page.getByLabel('Recent', { exact: true });
  await expect(recent.locator('option', { hasText: 'SELECT 42 AS answer' })).toHaveCount(1);
  await recent.selectOption({ label: 'SELECT 42 AS answer' });
  await expect(tables.querySql()).toHaveValue('SELECT 42 AS answer');
});
