/**
 * The Evolve schema screen against the harness: a pipeline made of the repo's orders files (renamed) in a panel of
 * its own (it writes sql/ and connectors/), its table in ClickHouse and its subject in the registry. The plan in
 * full, the apply streamed, a second apply that changes nothing; a change the sink cannot write refused with a
 * migration; invalid Avro; and the screen with the registry down.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, startPanelServer, type PanelServer } from '../harness/panel-server.ts';
import {
  clickhouseExec,
  expect,
  panelEnv,
  servicesSkipReason,
  snapBothWidths,
  startDeadServicesPanel,
  test,
} from './pages/services-panel.ts';

test.skip(Boolean(servicesSkipReason()), servicesSkipReason() ?? '');
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const names = { id: `evo-br-${run}`, topic: `evo-br-${run}`, database: `evo_br_${run}` };
const subject = `${names.topic}-value`;
const original = JSON.parse(readFileSync(join(repoRoot, 'connectors', 'orders-value.avsc'), 'utf8')) as { fields: object[] };
const withCoupon = { ...original, fields: [...original.fields, { name: 'coupon', type: ['null', 'string'], default: null }] };
let panel: PanelServer | null = null;
let projectDir = '';

test.beforeAll(async ({ servicesPanel }) => {
  projectDir = mkdtempSync(join(tmpdir(), 'pp-evolution-'));
  mkdirSync(join(projectDir, 'sql'));
  mkdirSync(join(projectDir, 'connectors'));
  copyFileSync(join(repoRoot, 'sql', '001_orders.sql'), join(projectDir, 'sql', '001_orders.sql'));
  const connector = JSON.parse(readFileSync(join(repoRoot, 'connectors', 'orders-clickhouse-sink.json'), 'utf8')) as {
    name: string;
    config: Record<string, string>;
  };
  connector.name = names.id;
  Object.assign(connector.config, { topics: names.topic, topic2TableMap: `${names.topic}=orders`, database: names.database });
  writeFileSync(join(projectDir, 'connectors', `${names.id}.json`), JSON.stringify(connector, null, 2));
  copyFileSync(join(repoRoot, 'connectors', 'orders-value.avsc'), join(projectDir, 'connectors', `${subject}.avsc`));

  const { services } = servicesPanel;
  const ddl = readFileSync(join(repoRoot, 'sql', '001_orders.sql'), 'utf8')
    .replace(/pipeline\.orders/g, `${names.database}.orders`)
    .replace(/DATABASE IF NOT EXISTS pipeline\b/, `DATABASE IF NOT EXISTS ${names.database}`)
    .replace(/--[^\n]*/g, '');
  for (const statement of ddl
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean))
    await clickhouseExec(services, statement);
  const registry = (path: string, method: string, body: object) =>
    fetch(`${services.registryUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify(body),
    });
  expect((await registry(`/subjects/${subject}/versions`, 'POST', { schema: JSON.stringify(original) })).ok).toBe(true);
  expect((await registry(`/config/${subject}`, 'PUT', { compatibility: 'BACKWARD' })).ok).toBe(true);
  panel = await startPanelServer({ projectDir, projectName: 'ppevolution', env: panelEnv(services) });
});

test.afterAll(async ({ servicesPanel }) => {
  await panel?.stop();
  await clickhouseExec(servicesPanel.services, `DROP DATABASE IF EXISTS ${names.database} SYNC`).catch(() => undefined);
  if (projectDir) rmSync(projectDir, { recursive: true, force: true });
});

async function open(page: import('@playwright/test').Page, url: string) {
  await page.goto(`${url}/#/evolution`);
  await expect(page.getByRole('heading', { level: 1, name: 'Evolve schema' })).toBeVisible();
  await page.getByLabel('Pipeline', { exact: true }).selectOption(names.id);
}
const draftBox = (page: import('@playwright/test').Page) => page.getByLabel(/^Draft/);

test('plan in full, apply streamed, the files written; applying again changes nothing', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page, panel!.url);
  await expect(draftBox(page)).toHaveValue(/"order_id"/);
  await draftBox(page).fill(JSON.stringify(withCoupon, null, 2));
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Plan verdict' })).toHaveText('Ready: adds 1 column, registers v2');
  await expect(page.getByRole('list', { name: 'Columns to add' })).toContainText(
    `ALTER TABLE \`${names.database}\`.\`orders\` ADD COLUMN IF NOT EXISTS \`coupon\` Nullable(String)`,
  );
  await expect(page.getByRole('list', { name: 'Schema changes' }).locator('li[data-kind="field-added"]')).toContainText('coupon');
  await expect(page.getByRole('list', { name: 'Files' })).toContainText('sql/002_orders_add_coupon.sql');
  await expect(page.getByRole('list', { name: 'Planned steps' }).getByRole('listitem')).toHaveCount(8);
  await expect(page.locator('[data-step="restart"]').first()).toContainText('not deployed on Connect');
  await snapBothWidths(page, 'evolution-plan');

  await page.getByRole('button', { name: 'Apply the plan', exact: true }).click();
  await expect(page.getByLabel('Apply status')).toHaveText('succeeded', { timeout: 90_000 });
  const progress = page.getByRole('list', { name: 'Apply progress' });
  await expect(progress.locator('[data-step="alter"]')).toContainText('changed');
  await expect(progress.locator('[data-step="register"]')).toContainText('Registered version 2');
  await expect(progress.locator('[data-step="restart"]')).toContainText('skipped');
  expect(readFileSync(join(projectDir, 'sql', '002_orders_add_coupon.sql'), 'utf8')).toContain('ADD COLUMN IF NOT EXISTS `coupon`');
  expect(JSON.parse(readFileSync(join(projectDir, 'connectors', `${subject}.avsc`), 'utf8'))).toEqual(withCoupon);
  await snapBothWidths(page, 'evolution-applied');

  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Plan verdict' })).toContainText('the draft is already v2');
  await page.getByRole('button', { name: 'Apply the plan', exact: true }).click();
  await expect(page.getByLabel('Apply status')).toHaveText('succeeded', { timeout: 90_000 });
  await expect(page.getByRole('status', { name: 'Apply result' })).toContainText('Nothing changed');
  await expect(progress.locator('[data-step="alter"]')).toContainText('Already done, nothing changed');
});

test('a type change the sink cannot write is refused with a migration; invalid Avro is named; nothing changes', async ({ page }) => {
  await open(page, panel!.url);
  const typeChange = {
    ...withCoupon,
    fields: withCoupon.fields.map((f) => ((f as { name: string }).name === 'quantity' ? { name: 'quantity', type: 'string' } : f)),
  };
  await draftBox(page).fill(JSON.stringify(typeChange, null, 2));
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Plan verdict' })).toContainText('Refused');
  await expect(page.getByRole('list', { name: 'Refusals' })).toContainText('now string, but column `quantity` is Int32');
  await expect(page.getByLabel('Suggested migration for quantity')).toContainText('ADD COLUMN IF NOT EXISTS `quantity_v2` String');
  await expect(page.getByRole('button', { name: 'Apply the plan', exact: true })).toBeDisabled();
  await snapBothWidths(page, 'evolution-refused');

  await draftBox(page).fill('{"type":"record","name":"X","fields":[{"name":"a","type":"nope"}]}');
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Invalid Avro' })).toContainText('nope');
  await expect(draftBox(page)).toHaveAttribute('aria-invalid', 'true');
  expect(existsSync(join(projectDir, 'sql', '003_orders_add_quantity_v2.sql'))).toBe(false);
});

test.describe('with the services down', () => {
  let dead: PanelServer | null = null;
  test.afterEach(async () => {
    await dead?.stop();
    dead = null;
  });

  test('the screen names the registry and the command that starts it', async ({ page }) => {
    dead = await startDeadServicesPanel(projectDir);
    await open(page, dead.url);
    const alert = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Schema Registry is not reachable' }) });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('docker compose up -d schema-registry');
    await snapBothWidths(page, 'evolution-down');
  });
});
