/**
 * The smoke test screen against the harness services. Delivery into the table is the harness stand-in (ClickHouse
 * Kafka engine + materialized view, see integration/smoke-support.ts): the ClickHouse sink cannot run here.
 * Also the two actions after a run: registering the schema file on the user's word, and removing the run's rows.
 */
import { readFileSync } from 'node:fs';
import type { ClickHouseClient } from '@clickhouse/client';
import { SmokePage } from './pages/smoke-page.ts';
import { servicesSkipReason, snapBothWidths, test, expect, type ServicesPanel } from './pages/services-panel.ts';
import {
  clickhouseFor,
  createKafkaEngineDelivery,
  createOrdersTable,
  dropPipeline,
  ORDERS_SCHEMA,
  pipelineNames,
  writePipelineFiles,
  type PipelineNames,
} from '../integration/smoke-support.ts';
import type { ServiceEnv } from '../integration/pipeline-support.ts';

test.skip(Boolean(servicesSkipReason()), servicesSkipReason() ?? '');
test.describe.configure({ mode: 'serial' });

const STEPS = ['delivery', 'contract', 'schema', 'produce', 'arrive', 'compare', 'report'] as const;

function envOf(panel: ServicesPanel): ServiceEnv {
  const s = panel.services;
  return {
    kafka: { brokers: s.kafkaBrokers.split(',') },
    registry: { url: s.registryUrl },
    connect: { url: s.connectUrl, pluginDir: '', groupId: '' },
    clickhouse: { url: s.clickhouseUrl, user: s.clickhouseUser, password: s.clickhousePassword },
  };
}

let ch: ClickHouseClient | null = null;
const created: PipelineNames[] = [];

test.afterAll(async () => {
  for (const names of created) await dropPipeline(ch!, names);
  await ch?.close();
});

/** A pipeline in the panel's connectors/, its table in chdb, and (unless `delivery` is false) the delivery stand-in. */
async function pipeline(panel: ServicesPanel, label: string, delivery: boolean, editSql?: (sql: string) => string): Promise<PipelineNames> {
  const env = envOf(panel);
  ch ??= clickhouseFor(env);
  const database = `smoke_browser_${panel.runId}`;
  const names = pipelineNames(panel.runId, label, database);
  created.push(names);
  await ch.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  writePipelineFiles(panel.projectDir, names);
  await createOrdersTable(ch, database, names.table, editSql);
  if (delivery) await createKafkaEngineDelivery(ch, env, names);
  return names;
}

test('a smoke run is shown step by step, each step with its status and timing, ending green', async ({ page, servicesPanel }) => {
  test.setTimeout(240_000);
  const names = await pipeline(servicesPanel, 'browser', true);
  const smoke = new SmokePage(page, servicesPanel.url);
  await smoke.open();
  await smoke.pick(names.id);
  await expect(page.getByText(`${names.topic} → ${names.database}.${names.table}`)).toBeVisible();
  const contract = smoke.contract(names.id);
  await expect(contract.locator('[data-field="amount"]')).toContainText('Decimal(12, 2)');
  await expect(contract.locator('tbody tr[data-verdict="ok"]')).toHaveCount(8);

  await smoke.run(20, 180);
  await expect(smoke.steps()).toBeVisible();
  await expect(smoke.runStatus()).toHaveText('Running');
  // The wait for rows is seconds long (the Kafka engine flushes every 7.5 s): it is seen running, with progress.
  await expect(smoke.step('arrive')).toHaveAttribute('data-status', 'running', { timeout: 120_000 });
  await expect(smoke.step('arrive')).toContainText('rows arrived');
  for (const name of STEPS) {
    await expect(smoke.step(name)).toHaveAttribute('data-status', 'ok', { timeout: 180_000 });
    await expect(smoke.step(name)).toContainText(/\d+(\.\d)? (ms|s)/);
  }
  await expect(smoke.runStatus()).toHaveText('Passed');
  await expect(smoke.step('compare')).toContainText('20 / 20 rows equal their records in all 8 columns');
  await expect(page.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);
  await expect(smoke.history().getByRole('row').filter({ hasText: names.id }).first()).toContainText('Passed');
  await snapBothWidths(page, 'smoke-passed');
});

test('a failing run names the step, the service and the fix', async ({ page, servicesPanel }) => {
  const names = await pipeline(servicesPanel, 'browsernodelivery', false);
  const smoke = new SmokePage(page, servicesPanel.url);
  await smoke.open();
  await smoke.pick(names.id);
  await smoke.run(5, 5);
  await expect(smoke.runStatus()).toHaveText('Failed', { timeout: 60_000 });
  const delivery = smoke.step('delivery');
  await expect(delivery).toHaveAttribute('data-status', 'failed');
  await expect(delivery.getByRole('alert')).toContainText('Kafka Connect:');
  // The harness worker lacks the sink plugin: the fix names that blocker before the deploy.
  await expect(delivery.getByRole('alert')).toContainText('Fix: install the ClickHouse sink plugin first');
  await expect(delivery.getByRole('alert')).toContainText(`then deploy connectors/${names.id}.json`);
  for (const name of STEPS.slice(1)) await expect(smoke.step(name)).toHaveAttribute('data-status', 'skipped');
  await expect(smoke.history().getByRole('row').filter({ hasText: names.id }).first()).toContainText('Failed at delivery');
  await snapBothWidths(page, 'smoke-failed');
});

/** Registers `schema` under `subject` in the harness registry (its Confluent-compatible API): the latest version then differs. */
async function registerInRegistry(panel: ServicesPanel, subject: string, schema: object): Promise<number> {
  const response = await fetch(`${panel.services.registryUrl}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(schema) }),
  });
  if (!response.ok) throw new Error(`registry refused ${subject}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: number }).id;
}

async function subjectVersions(panel: ServicesPanel, subject: string): Promise<number[]> {
  const response = await fetch(`${panel.services.registryUrl}/subjects/${encodeURIComponent(subject)}/versions`);
  return (await response.json()) as number[];
}

async function runRows(names: PipelineNames, runId: string): Promise<number> {
  const result = await ch!.query({
    query: `SELECT count() AS n FROM ${names.database}.${names.table} WHERE startsWith(order_id, {p:String})`,
    query_params: { p: `${runId}-` },
    format: 'JSONEachRow',
  });
  return Number((await result.json<{ n: string | number }>())[0]?.n ?? 0);
}

test("a subject whose latest version is not the schema file: the run stops, explains, and registers only on the user's click", async ({
  page,
  servicesPanel,
}) => {
  test.setTimeout(300_000);
  const names = await pipeline(servicesPanel, 'browserregister', true);
  const subject = `${names.topic}-value`;
  const file = JSON.parse(readFileSync(ORDERS_SCHEMA, 'utf8')) as { fields: object[] };
  const latestId = await registerInRegistry(servicesPanel, subject, {
    ...file,
    fields: [...file.fields, { name: 'channel', type: ['null', 'string'], default: null }],
  });
  const smoke = new SmokePage(page, servicesPanel.url);
  await smoke.open();
  await smoke.pick(names.id);
  await page.getByText('Advanced').click();
  await expect(smoke.registerCheckbox()).not.toBeChecked();

  await smoke.run(10, 180);
  await expect(smoke.runStatus()).toHaveText('Failed', { timeout: 120_000 });
  const refusedRun = await smoke.shownRunId();
  await expect(smoke.step('schema')).toHaveAttribute('data-status', 'failed');
  await expect(smoke.step('produce')).toHaveAttribute('data-status', 'skipped');
  const offer = smoke.registrationOffer();
  await expect(offer).toContainText(`${subject}'s latest version is v1 (schema id ${latestId})`);
  await expect(offer).toContainText(`The file connectors/${subject}.avsc matches none of the subject's versions (v1)`);
  await expect(offer).toContainText("Registering makes the file's schema the subject's latest version");
  expect(await subjectVersions(servicesPanel, subject)).toEqual([1]);
  await expect(smoke.cleanupRegion()).toContainText('Nothing was produced');
  await snapBothWidths(page, 'smoke-register-offer');

  await offer.getByRole('button', { name: "Register the file's schema and run again" }).click();
  await expect.poll(() => smoke.shownRunId(), { timeout: 30_000 }).not.toBe(refusedRun);
  await expect(smoke.runStatus()).toHaveText('Passed', { timeout: 240_000 });
  await expect(smoke.step('schema')).toContainText(`registered ${subject} v2`);
  await expect(smoke.step('schema')).toContainText('registered because the run was started with register: true');
  await expect(smoke.registrationOffer()).toHaveCount(0);
  expect(await subjectVersions(servicesPanel, subject)).toEqual([1, 2]);
});

test("Remove this run's rows: confirmed by typing the run id, removes exactly them, then says nothing is left", async ({
  page,
  servicesPanel,
}) => {
  test.setTimeout(300_000);
  const names = await pipeline(servicesPanel, 'browsercleanup', true);
  await ch!.command({
    query: `INSERT INTO ${names.database}.${names.table} (order_id, customer_id, status, quantity, amount, currency, created_at, note) VALUES ('real-1', 1, 'NEW', 1, 1.5, 'EUR', now64(), NULL)`,
  });
  const smoke = new SmokePage(page, servicesPanel.url);
  await smoke.open();
  await smoke.pick(names.id);
  await expect(page.getByText("The run's rows stay in the table; remove them afterwards with one click.")).toBeVisible();
  await smoke.rowsAfterwards('Remove them if it passes');
  await expect(page.getByText("A passed run's rows are deleted as it ends; a failed run's stay to look at.")).toBeVisible();
  await smoke.rowsAfterwards('Keep the rows');
  await smoke.run(12, 180);
  await expect(smoke.runStatus()).toHaveText('Passed', { timeout: 240_000 });
  const runId = await smoke.shownRunId();
  expect(await runRows(names, runId)).toBe(12);

  // The dialog refuses anything but the exact run id, and Cancel deletes nothing.
  await smoke.cleanupRegion().getByRole('button', { name: "Remove this run's rows" }).click();
  const dialog = smoke.cleanupDialog();
  await expect(dialog).toContainText(`whose order_id starts with ${runId}-`);
  await expect(dialog).toContainText(`What stays: the records on topic ${names.topic}`);
  await dialog.getByRole('textbox').fill(runId.slice(0, -1));
  await expect(dialog.getByRole('button', { name: 'Remove the rows' })).toBeDisabled();
  await snapBothWidths(page, 'smoke-cleanup-confirm');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await runRows(names, runId)).toBe(12);

  await smoke.removeRows(runId);
  const region = smoke.cleanupRegion();
  await expect(region.getByRole('status')).toContainText(`Removed: removed 12 row(s) of ${runId} from ${names.database}.${names.table}`);
  const result = region.getByTestId('cleanup-result');
  await expect(result.getByRole('definition').first()).toHaveText('12');
  await expect(result).toContainText('lightweight DELETE FROM');
  await expect(result).toContainText(`the 12 record(s) produced to topic ${names.topic}: Kafka topics are append-only`);
  expect(await runRows(names, runId)).toBe(0);
  expect(await runRows(names, 'real')).toBe(1);

  await smoke.removeRows(runId);
  await expect(region.getByRole('status')).toContainText(`Nothing to remove: no rows of ${runId}`);
  await expect(result.getByRole('definition').first()).toHaveText('12');
  await expect(result).toContainText('removing again found none left');
  await snapBothWidths(page, 'smoke-cleanup-done');
});

test('a delivery stuck on a batch shows its group, lag, the quoted errors and the fix', async ({ page, servicesPanel }) => {
  test.setTimeout(300_000);
  // Every record its own partition: each block the Kafka engine inserts exceeds max_partitions_per_insert_block (code 252).
  const names = await pipeline(servicesPanel, 'browserstuck', true, (sql) =>
    sql.replace('PARTITION BY toYYYYMM(created_at)', 'PARTITION BY order_id'),
  );
  const smoke = new SmokePage(page, servicesPanel.url);
  await smoke.open();
  await smoke.pick(names.id);
  await smoke.run(1000, 240);
  await expect(smoke.runStatus()).toHaveText('Failed', { timeout: 200_000 });
  const arrive = smoke.step('arrive');
  await expect(arrive).toHaveAttribute('data-status', 'failed');
  const stuck = arrive.locator('[data-failure="DELIVERY_STUCK"]');
  await expect(stuck).toContainText(`ClickHouse's Kafka engine (${names.database}.${names.table}_queue`);
  await expect(stuck).toContainText('is retrying one batch and makes no progress');
  const facts = stuck.getByRole('definition');
  await expect(facts.nth(0)).toHaveText(`clickhouse-${names.topic}`);
  await expect(facts.nth(1)).toHaveText(/^[\d,]+ record\(s\) waiting$/);
  await expect(facts.nth(3)).toHaveText(/\d+(\.\d)? s|\d+ m \d+ s/);
  await expect(stuck.getByRole('list', { name: 'Quoted from system.kafka_consumers' })).toContainText(
    'Too many partitions for single INSERT block',
  );
  await expect(stuck.locator('.smoke-failure-fix')).toContainText('PARTITION BY');
  await expect(stuck.locator('.smoke-failure-message')).toBeHidden();
  await snapBothWidths(page, 'smoke-stuck');
});
