/**
 * The topic→table wizard in Chromium against the harness services. Connect in the harness has no ClickHouse sink
 * plugin, so the pipeline is applied with "skip connector deployment" and the smoke test is delivered by the CI
 * stand-in for the sink: a ClickHouse Kafka-engine table reading the topic (AvroConfluent, the harness registry) and
 * a materialized view into the new table, created by this test after the apply. The official sink's path is the sink and stack tiers'.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, startPanelServer, type PanelServer } from '../harness/panel-server.ts';
import { clickhouseExec, expect, panelEnv, servicesSkipReason, snapBothWidths, test } from './pages/services-panel.ts';
import { WizardPage } from './pages/wizard-page.ts';

test.skip(Boolean(servicesSkipReason()), servicesSkipReason() ?? '');
test.describe.configure({ mode: 'serial' });

let panel: PanelServer | null = null;
let projectDir = '';
const run = `${Date.now().toString(36)}`;

test.beforeAll(async ({ servicesPanel }) => {
  // A copy of the repo's sql/ and connectors/: the wizard writes files, never into the real repo.
  projectDir = mkdtempSync(join(tmpdir(), 'pp-wizard-'));
  cpSync(join(repoRoot, 'sql'), join(projectDir, 'sql'), { recursive: true });
  cpSync(join(repoRoot, 'connectors'), join(projectDir, 'connectors'), { recursive: true });
  panel = await startPanelServer({ projectDir, projectName: 'ppwizard', env: panelEnv(servicesPanel.services) });
});

test.afterAll(async () => {
  await panel?.stop();
  if (projectDir) rmSync(projectDir, { recursive: true, force: true });
});

const samples = [
  { id: 'v-1', user_id: 7, page: '/home', at: '2026-03-01T10:00:00Z', referrer: null },
  { id: 'v-2', user_id: 8, page: '/cart', at: '2026-03-01T10:00:05.500Z', referrer: 'ad' },
];

test('the whole wizard: a new topic to a green smoke test', async ({ page, servicesPanel }) => {
  test.setTimeout(240_000);
  const topic = `wizard-views-${run}`;
  const database = `wizard_br_${run}`;
  const wizard = new WizardPage(page, panel!.url);
  await wizard.open();

  // 1. Topic: a replication factor above the live broker count is refused, naming the count
  await page.getByLabel(/Replication factor/).fill('2');
  await wizard.validateTopic(topic);
  await expect(page.getByLabel('Topic validation error')).toContainText('use a replication factor of at most 1');
  await page.getByLabel(/Replication factor/).fill('1');
  await wizard.validateTopic(topic);
  // 2. Schema, inferred from pasted JSON samples
  await expect(wizard.step('Schema')).toBeVisible();
  await page.getByLabel(/JSON samples/).fill(samples.map((s) => JSON.stringify(s)).join('\n'));
  await wizard.button('Infer from samples').click();
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText('timestamp-millis');
  await expect(wizard.schemaText()).toHaveValue(/"name": "referrer"/);
  await wizard.button('Validate schema').click();
  // 3. Table
  await expect(wizard.step('Table')).toBeVisible();
  await page.getByLabel('Database').fill(database);
  await expect(page.getByLabel('Table', { exact: true })).toHaveValue(topic.replace(/-/g, '_'));
  await page.getByLabel('Table', { exact: true }).fill('views');
  await page
    .getByRole('group', { name: /ORDER BY/ })
    .getByLabel('id', { exact: true })
    .check();
  await page.getByLabel('PARTITION BY').selectOption('toYYYYMM(at)');
  await page
    .getByRole('group', { name: /LowCardinality/ })
    .getByLabel('page', { exact: true })
    .check();
  await wizard.button('Generate SQL').click();
  await expect(wizard.sqlText()).toHaveValue(/CREATE TABLE `wizard_br_\w+`\.`views`/);
  await wizard.button('Validate table').click();
  // 4. Connector (the harness worker lacks the sink plugin: validation falls back to the local key check)
  await expect(wizard.step('Connector')).toBeVisible();
  await wizard.button('Generate config').click();
  await expect(wizard.connectorText()).toHaveValue(/"topic2TableMap": "wizard-views-\w+=views"/);
  await wizard.button('Validate connector').click();
  // 5. Review: the worker lacks the sink plugin, so the connector is not "create": the reason shows and Apply is
  // refused until the connector is explicitly skipped.
  await expect(wizard.step('Review')).toBeVisible();
  const plan = page.getByRole('table', { name: 'Plan' });
  const connectorRow = plan.locator('tr[data-kind="connector"]');
  await expect(connectorRow).toContainText('missing-plugin');
  await expect(connectorRow).toContainText('ClickHouseSinkConnector is not installed on the Connect worker');
  await expect(page.getByRole('alert', { name: 'Plan blockers' })).toContainText('cannot be deployed');
  await expect(wizard.button('Apply')).toBeDisabled();
  await connectorRow.getByLabel(/Skip the connector/).check();
  await expect(plan).toContainText(`Create topic ${topic} with 1 partition(s), replication factor 1`);
  await expect(plan).toContainText(`Create table ${database}.views`);
  await expect(plan.locator('tr[data-kind="connector"]')).toContainText('skip');
  const files = page.getByRole('list', { name: 'Files' });
  await expect(files).toContainText('sql/002_views.sql');
  await expect(files).toContainText(`connectors/${topic}-clickhouse-sink.json`);
  await expect(files).toContainText(`connectors/${topic}-value.avsc`);
  await snapBothWidths(page, 'wizard-review');
  // The stand-in delivery must exist before the smoke test runs, and it needs the table: start the smoke test by hand.
  await page.getByLabel('Run the smoke test after a successful apply').uncheck();
  await wizard.button('Apply').click();
  // 6. Apply, streamed
  await expect(wizard.step('Apply')).toBeVisible();
  await expect(page.getByLabel('Apply status')).toHaveText('succeeded', { timeout: 60_000 });
  await expect(page.locator('[data-step="connector"]')).toContainText('skipped');
  await expect(page.locator('[data-step="table"]')).toContainText(`Created table ${database}.views`);
  expect(readFileSync(join(projectDir, 'sql', '002_views.sql'), 'utf8')).toContain(`CREATE TABLE IF NOT EXISTS \`${database}\`.\`views\``);

  // CI stand-in for the ClickHouse sink: Kafka engine + materialized view into the new table.
  const { services } = servicesPanel;
  await clickhouseExec(
    services,
    `CREATE TABLE ${database}.views_queue AS ${database}.views ENGINE = Kafka SETTINGS kafka_broker_list = '${services.kafkaBrokers}', ` +
      `kafka_topic_list = '${topic}', kafka_group_name = 'clickhouse-${topic}', kafka_format = 'AvroConfluent', format_avro_schema_registry_url = '${services.registryUrl}'`,
  );
  await clickhouseExec(
    services,
    `CREATE MATERIALIZED VIEW ${database}.views_mv TO ${database}.views AS SELECT * FROM ${database}.views_queue`,
  );
  try {
    await wizard.button('Run the smoke test').click();
    await expect(page.getByLabel('Smoke test status')).toHaveText('passed', { timeout: 180_000 });
    await snapBothWidths(page, 'wizard-applied');
  } finally {
    await clickhouseExec(services, `DROP DATABASE IF EXISTS ${database} SYNC`);
  }
});

test('each step refuses bad input with a specific message', async ({ page }) => {
  const wizard = new WizardPage(page, panel!.url);
  await wizard.open();

  await wizard.validateTopic('bad topic!');
  await expect(wizard.error()).toContainText('contains " "');
  await expect(wizard.error()).toContainText('INVALID_TOPIC_NAME');
  await wizard.validateTopic(`wizard-errors-${run}`);

  await expect(wizard.step('Schema')).toBeVisible();
  await wizard.schemaText().fill('{"type":"record","name":"E","fields":[{"name":"id","type":"strnig"}]}');
  await wizard.button('Validate schema').click();
  await expect(wizard.error()).toContainText('INVALID_AVRO');
  await expect(wizard.error()).toContainText('strnig');
  await wizard.schemaText().fill('{"type":"record","name":"E","fields":[{"name":"id","type":"string"}]}');
  await wizard.button('Validate schema').click();

  await expect(wizard.step('Table')).toBeVisible();
  await page.getByLabel('Database').fill(`wizard_err_${run}`);
  await wizard.button('Generate SQL').click();
  await expect(wizard.sqlText()).toHaveValue(/ENGINE = MergeTree/);
  await wizard.sqlText().fill((await wizard.sqlText().inputValue()).replace('`id` String', '`id` Strnig'));
  await wizard.button('Validate table').click();
  await expect(wizard.error()).toContainText('INVALID_TABLE_SQL');
  await expect(wizard.error()).toContainText('Strnig');
  await snapBothWidths(page, 'wizard-table-error');
  await wizard.button('Generate SQL').click();
  await wizard.button('Validate table').click();

  await expect(wizard.step('Connector')).toBeVisible();
  await wizard.connectorText().fill('{"name": "x", "config": {');
  await wizard.button('Validate connector').click();
  await expect(wizard.error()).toContainText('INVALID_CONNECTOR_JSON');
  await expect(wizard.error()).toContainText('not valid JSON');

  // Back keeps what was entered.
  await wizard.button('Back').click();
  await expect(wizard.sqlText()).toHaveValue(/`id` String/);
  await wizard.button('Next').click();
  await expect(wizard.connectorText()).toHaveValue('{"name": "x", "config": {');
});
