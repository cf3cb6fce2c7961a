/**
 * The semantic diff on the Schemas screen: two versions compared (with their changes badged and the schemas side by
 * side), a draft's changes against the latest, and a compatibility check listing every incompatibility, each
 * marked with its source — against the harness's real registry.
 */
import { servicesSkipReason, snapBothWidths, test, expect } from './pages/services-panel.ts';
import { SchemasPage } from './pages/schemas-page.ts';

test.skip(Boolean(servicesSkipReason()), servicesSkipReason() ?? '');
test.describe.configure({ mode: 'serial' });

const record = (fields: object[]) => ({ type: 'record', name: 'DiffOrder', namespace: 'test.diff', fields });
const v1 = record([
  { name: 'id', type: 'string' },
  { name: 'qty', type: 'int' },
]);
const v2 = record([
  { name: 'id', type: 'string' },
  { name: 'qty', type: 'long' },
  { name: 'note', type: ['null', 'string'], default: null },
]);
const breaking = record([
  { name: 'id', type: 'string' },
  { name: 'qty', type: 'string' },
  { name: 'note', type: ['null', 'string'], default: null },
  { name: 'amount', type: 'long' },
]);

test('two versions compared: each change with its badge and reason; the schemas side by side', async ({ page, request, servicesPanel }) => {
  const subject = `screens-diff-${servicesPanel.runId}-value`;
  const api = (path: string, method: 'POST' | 'PUT', data: object) =>
    request.fetch(`${servicesPanel.url}/api/schemas/${subject}${path}`, { method, data, headers: { 'x-pipeline-panel': '1' } });
  expect((await api('/versions', 'POST', { schema: v1 })).status()).toBe(200);
  expect((await api('/compatibility', 'PUT', { level: 'BACKWARD' })).status()).toBe(200);
  expect((await api('/versions', 'POST', { schema: v2 })).status()).toBe(200);

  const schemas = new SchemasPage(page, servicesPanel.url);
  await schemas.open();
  await schemas.subject(subject).click();
  const changes = page.getByRole('list', { name: 'Changes from v1 to v2' });
  await expect(changes.locator('li[data-kind="type-changed"]')).toContainText('qty');
  await expect(changes.locator('li[data-kind="type-changed"]')).toContainText('promotion Avro reads: int → long');
  await expect(changes.locator('li[data-kind="type-changed"] .badge')).toHaveText('caution');
  await expect(changes.locator('li[data-kind="field-added"]')).toContainText('note');
  await expect(changes.locator('li[data-kind="field-added"] .badge')).toHaveText('safe');
  await expect(page.getByText('2 changes · none breaking under BACKWARD')).toBeVisible();
  await page.getByLabel('Side by side').check();
  await expect(page.getByLabel('Schema v1')).toContainText('"int"');
  await expect(page.getByLabel('Schema v2')).toContainText('"long"');
  await snapBothWidths(page, 'schemas-diff');
});

test('a draft: its changes, and the check lists every incompatibility, the panel’s marked as such', async ({ page, servicesPanel }) => {
  const subject = `screens-diff-${servicesPanel.runId}-value`;
  const schemas = new SchemasPage(page, servicesPanel.url);
  await schemas.open();
  await schemas.subject(subject).click();
  await schemas.writeSchema(breaking);
  await page.getByRole('button', { name: 'Show changes', exact: true }).click();
  const changes = page.getByRole('list', { name: 'Changes from v2 to the draft' });
  await expect(changes.locator('.badge', { hasText: 'breaking' })).toHaveCount(2);
  await expect(changes).toContainText('adding field `amount` without a default breaks BACKWARD');

  await schemas.checkButton().click();
  await expect(schemas.verdict()).toContainText('Not compatible with version 2 under BACKWARD');
  const panel = schemas.verdict().locator('li[data-source="panel"]');
  await expect(panel).toHaveCount(2);
  await expect(panel.first()).toContainText('panel check');
  await expect(schemas.verdict().locator('li[data-source="registry"]')).toHaveCount(1);
  await expect(schemas.registerButton()).toBeDisabled();
  await snapBothWidths(page, 'schemas-draft-diff');
});

test('a draft that is not valid Avro: the diff says why, next to the schema', async ({ page, servicesPanel }) => {
  const subject = `screens-diff-${servicesPanel.runId}-value`;
  const schemas = new SchemasPage(page, servicesPanel.url);
  await schemas.open();
  await schemas.subject(subject).click();
  await schemas.writeSchema('{"type":"record","name":"X","fields":[{"name":"a","type":"nope"}]}');
  await page.getByRole('button', { name: 'Show changes', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Invalid Avro' })).toContainText('nope');
  await expect(schemas.schemaText()).toHaveAttribute('aria-invalid', 'true');
});
