import { startDeadServicesPanel, servicesSkipReason, snapBothWidths, test, expect } from './pages/services-panel.ts';
import { SchemasPage } from './pages/schemas-page.ts';
import type { PanelServer } from '../harness/panel-server.ts';

test.skip(Boolean(servicesSkipReason()), servicesSkipReason() ?? '');

const record = (fields: object[]) => ({ type: 'record', name: 'ScreensOrder', namespace: 'test.screens', fields });
const v1 = record([{ name: 'order_id', type: 'string' }]);
const v2 = record([
  { name: 'order_id', type: 'string' },
  { name: 'note', type: ['null', 'string'], default: null },
]);
// A new field without a default: consumers on v3 cannot read v2 data, so BACKWARD refuses it.
const incompatible = record([
  { name: 'order_id', type: 'string' },
  { name: 'note', type: ['null', 'string'], default: null },
  { name: 'amount', type: 'long' },
]);

test.describe.configure({ mode: 'serial' });

test('registering a first version through the UI lists the subject; the same text again is "already registered"', async ({
  page,
  servicesPanel,
}) => {
  const subject = `screens-orders-${servicesPanel.runId}-value`;
  const schemas = new SchemasPage(page, servicesPanel.url);
  await schemas.open();
  await schemas.startNewSubject(subject);
  await schemas.writeSchema(v1);
  await expect(schemas.registerButton()).toBeDisabled();

  await schemas.checkButton().click();
  await expect(schemas.verdict()).toContainText('New subject');
  await expect(schemas.registerButton()).toBeEnabled();
  await schemas.registerButton().click();
  await expect(schemas.result()).toContainText(`Registered: ${subject} version 1`);
  await expect(schemas.subject(subject)).toBeVisible();

  await schemas.subject(subject).click();
  await expect(page.getByLabel(`Schema of ${subject} version 1`)).toContainText('"order_id"');
  await schemas.checkButton().click();
  await expect(schemas.verdict()).toContainText(/Compatible with version 1|the level is NONE/);
  await schemas.registerButton().click();
  await expect(schemas.result()).toContainText('Already registered');
  await expect(schemas.result()).toContainText('nothing changed');
});

test('a compatible change is registered as version 2; an incompatible one shows the registry refusal and stays unregistrable', async ({
  page,
  servicesPanel,
}) => {
  const subject = `screens-orders-${servicesPanel.runId}-value`;
  const schemas = new SchemasPage(page, servicesPanel.url);
  await schemas.open();
  await schemas.subject(subject).click();
  // The registry's default may be NONE (Apicurio's is); the subject gets its own level so the check means something.
  await schemas.compatibilitySelect().selectOption('BACKWARD');
  await expect(page.getByText(/^(Changed from .* to BACKWARD\.|Already BACKWARD; nothing changed\.)$/)).toBeVisible();
  await expect(page.getByText(/^Set on this subject/)).toBeVisible();

  await schemas.writeSchema(v2);
  await schemas.checkButton().click();
  await expect(schemas.verdict()).toContainText('Compatible with version 1 under BACKWARD');
  await schemas.registerButton().click();
  await expect(schemas.result()).toContainText(`Registered: ${subject} version 2`);
  await expect(schemas.subject(subject)).toContainText('2 versions');

  await schemas.writeSchema(incompatible);
  await schemas.checkButton().click();
  await expect(schemas.verdict()).toContainText('Not compatible with version 2 under BACKWARD');
  // Every reason, marked with its source: the registry's (Apicurio refuses without one) and the panel's check.
  await expect(schemas.verdict().locator('li[data-source="registry"]').first()).toBeVisible();
  await expect(schemas.verdict().locator('li[data-source="panel"]')).toContainText(
    /adding field `amount` without a default breaks BACKWARD/,
  );
  await expect(schemas.registerButton()).toBeDisabled();
  await snapBothWidths(page, 'schemas-incompatible');

  // Editing after a check locks Register again until the new text is checked.
  await schemas.writeSchema(v2);
  await expect(schemas.registerButton()).toBeDisabled();
  await expect(page.getByText('Edited since the check: check again.')).toBeVisible();
});

test("invalid Avro shows avsc's message next to the schema, and nothing is registered", async ({ page, request, servicesPanel }) => {
  const subject = `screens-invalid-${servicesPanel.runId}-value`;
  const schemas = new SchemasPage(page, servicesPanel.url);
  await schemas.open();
  await schemas.startNewSubject(subject);
  await schemas.writeSchema({ type: 'record', name: 'Broken', fields: [{ name: 'x', type: 'no.such.Type' }] });
  await schemas.checkButton().click();

  const error = page.getByRole('alert').filter({ hasText: 'Invalid Avro' });
  await expect(error).toContainText('no.such.Type');
  await expect(schemas.schemaText()).toHaveAttribute('aria-invalid', 'true');
  await expect(schemas.registerButton()).toBeDisabled();
  const lookup = await request.get(`${servicesPanel.url}/api/schemas/${encodeURIComponent(subject)}`);
  expect(lookup.status()).toBe(404);
});

test("setting a subject's compatibility level says what changed", async ({ page, servicesPanel }) => {
  const subject = `screens-orders-${servicesPanel.runId}-value`;
  const schemas = new SchemasPage(page, servicesPanel.url);
  await schemas.open();
  await schemas.subject(subject).click();
  await expect(schemas.compatibilitySelect()).toHaveValue('BACKWARD');

  await schemas.compatibilitySelect().selectOption('FULL');
  await expect(page.getByText('Changed from BACKWARD to FULL.')).toBeVisible();
  await expect(page.getByText(/^Set on this subject: backward and forward/)).toBeVisible();
  await expect(schemas.compatibilitySelect()).toHaveValue('FULL');
  await snapBothWidths(page, 'schemas');
});

test.describe('with the Schema Registry down', () => {
  let dead: PanelServer | null = null;
  test.afterEach(async () => {
    await dead?.stop();
    dead = null;
  });

  test('the screen names the registry and the command that starts it', async ({ page, servicesPanel }) => {
    dead = await startDeadServicesPanel(servicesPanel.projectDir);
    const schemas = new SchemasPage(page, dead.url);
    await schemas.open();
    const alert = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Schema Registry is not reachable' }) });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('connection refused');
    await expect(alert).toContainText('docker compose up -d schema-registry');
    await expect(alert).toContainText('docker compose logs schema-registry');
    await snapBothWidths(page, 'schemas-down');
  });
});
