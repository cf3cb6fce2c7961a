/**
 * The Topics screen's Messages, Produce and Settings tabs on the harness's real Kafka and registry: produce with a
 * pinned subject version and read it back decoded, a value that does not fit names its field, bad browse input shows
 * the server's reason, settings edits and typed-confirmation deletes, internal topics refused.
 */
import { servicesSkipReason, snapBothWidths, test, expect } from './pages/services-panel.ts';
import { TopicsPage } from './pages/topics-page.ts';
import { panelHeader } from '../lib/panel-header.ts';

test.skip(Boolean(servicesSkipReason()), servicesSkipReason() ?? '');
test.describe.configure({ mode: 'serial' });

const schema = (fields: object[]) => ({ type: 'record', name: 'Reading', namespace: 'browser', fields });
const V1 = schema([
  { name: 'id', type: 'long' },
  { name: 'label', type: 'string' },
]);
const V2 = schema([
  { name: 'id', type: 'long' },
  { name: 'label', type: 'string' },
  { name: 'note', type: ['null', 'string'], default: null },
]);

async function register(registryUrl: string, subject: string, avro: object): Promise<void> {
  const response = await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(avro) }),
  });
  if (!response.ok) throw new Error(`registry refused ${subject}: ${await response.text()}`);
}

test('produce Avro with a pinned version, read it back decoded, filter and copy it', async ({ page, request, servicesPanel }) => {
  const name = `screens-msgs-${servicesPanel.runId}`;
  const created = await request.post(`${servicesPanel.url}/api/topics`, {
    headers: { origin: servicesPanel.url, ...panelHeader },
    data: { name, partitions: 2 },
  });
  expect(created.status()).toBe(201);
  await register(servicesPanel.services.registryUrl, `${name}-value`, V1);
  await register(servicesPanel.services.registryUrl, `${name}-value`, V2);

  const topics = new TopicsPage(page, servicesPanel.url);
  await topics.open();
  await topics.row(name).getByRole('button', { name }).click();
  await page.getByRole('tab', { name: 'Produce' }).click();
  const form = page.getByRole('form', { name: `Produce a message to ${name}` });
  await form.getByLabel('Key', { exact: true }).fill('reading-1');
  await form.getByLabel(/^Version/).selectOption('1');
  // A value that does not fit version 1: the field is named.
  await form.getByLabel('Value (JSON)').fill('{"id": "one", "label": "x"}');
  await form.getByRole('button', { name: 'Produce' }).click();
  const misfit = form.getByRole('alert');
  await expect(misfit).toContainText(`does not fit ${name}-value version 1`);
  await expect(misfit).toContainText('id');
  await form.getByLabel('Value (JSON)').fill('{"id": 7, "label": "first reading"}');
  await form.getByLabel(/Headers/).fill('source: browser-spec');
  await form.getByRole('button', { name: 'Produce' }).click();
  await expect(form.getByRole('status')).toContainText(`${name}-value v1`);
  await form.getByLabel('Value as').selectOption('text');
  await form.getByLabel('Key', { exact: true }).fill('plain');
  await form.getByLabel('Value (UTF-8 text)').fill('just some text');
  await form.getByRole('button', { name: 'Produce' }).click();
  await expect(form.getByRole('status')).toContainText(name);

  await page.getByRole('tab', { name: 'Messages' }).click();
  const browser = page.getByRole('form', { name: `Read messages of ${name}` });
  await browser.getByRole('button', { name: 'Read' }).click();
  const table = page.getByRole('table', { name: `Messages of ${name}` });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table).toContainText('first reading');
  await expect(table).toContainText('just some text');

  await browser.getByLabel('Key or value contains').fill('FIRST');
  await browser.getByRole('button', { name: 'Read' }).click();
  await expect(table.getByRole('row')).toHaveCount(2);
  const row = table.getByRole('row').nth(1);
  await row.getByRole('link').or(row.getByRole('button')).first().click();
  const detail = page.locator('.message-view');
  await expect(detail).toContainText(`${name}-value v1`);
  await expect(detail).toContainText('source');
  await expect(detail).toContainText('browser-spec');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: servicesPanel.url });
  await detail.getByRole('button', { name: 'Copy as JSON' }).click();
  await expect(detail.getByRole('status')).toContainText('Copied');
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as { key: string; value: { id: number } };
  expect([copied.key, copied.value.id]).toEqual(['reading-1', 7]);
  await snapBothWidths(page, 'topic-messages');

  // Reading left no consumer group behind.
  const groups = (await (await request.get(`${servicesPanel.url}/api/consumer-groups`)).json()) as { groups: { groupId: string }[] };
  expect(groups.groups.filter((g) => g.groupId.includes(name))).toEqual([]);
});

test("bad browse input shows the server's reason and reads nothing", async ({ page, servicesPanel }) => {
  const name = `screens-msgs-${servicesPanel.runId}`;
  const topics = new TopicsPage(page, servicesPanel.url);
  await topics.open();
  await topics.row(name).getByRole('button', { name }).click();
  await page.getByRole('tab', { name: 'Messages' }).click();
  const browser = page.getByRole('form', { name: `Read messages of ${name}` });
  await browser.getByLabel(/^From/).selectOption('offset');
  await browser.getByLabel('Partition', { exact: true }).fill('0');
  await browser.getByLabel('Offset', { exact: true }).fill('999999');
  await browser.getByRole('button', { name: 'Read' }).click();
  await expect(page.getByRole('alert')).toContainText('999999');
  await browser.getByLabel(/^From/).selectOption('newest');
  await browser.getByLabel('Offset', { exact: true }).waitFor({ state: 'detached' });
  await browser.getByLabel('Partition', { exact: true }).fill('7');
  await browser.getByRole('button', { name: 'Read' }).click();
  await expect(page.getByRole('alert')).toContainText('no partition 7');
  await browser.getByLabel('Partition', { exact: true }).fill('');
  await browser.getByLabel('Per page', { exact: true }).fill('100000');
  await browser.getByRole('button', { name: 'Read' }).click();
  await expect(page.getByRole('alert')).toContainText('500');
  await page.screenshot({ path: '/tmp/screens/topic-messages-bad-input.png' });
});

test('settings: configs with their source, an edit, delete records and the topic with typed confirmation', async ({
  page,
  request,
  servicesPanel,
}) => {
  const name = `screens-msgs-${servicesPanel.runId}`;
  const topics = new TopicsPage(page, servicesPanel.url);
  await topics.open();
  await topics.row(name).getByRole('button', { name }).click();
  await page.getByRole('tab', { name: 'Settings' }).click();
  const settings = page.getByRole('form', { name: `Settings of ${name}` });
  await settings.getByLabel(/retention\.ms/).fill('3600000');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByRole('status')).toContainText('retention.ms');
  const configs = page.getByRole('table', { name: `Configs of ${name}` });
  await expect(configs.getByRole('row').filter({ hasText: 'retention.ms' }).first()).toContainText('set on this topic');

  const records = page.getByRole('form', { name: `Delete records of ${name}` });
  await records.getByLabel('Delete every record before offset').fill('1');
  await records.getByRole('button', { name: 'Delete records…' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete records of ${name}` });
  await expect(dialog.getByRole('button', { name: 'Delete records' })).toBeDisabled();
  await dialog.getByLabel(/Type/).fill(name);
  await dialog.getByRole('button', { name: 'Delete records' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'record(s)' })).toBeVisible();
  await snapBothWidths(page, 'topic-settings');

  await records.getByRole('button', { name: 'Delete topic…' }).click();
  const confirm = page.getByRole('dialog', { name: `Delete topic ${name}` });
  await confirm.getByLabel(/Type/).fill(name);
  await confirm.getByRole('button', { name: 'Delete topic' }).click();
  await expect(topics.row(name)).toHaveCount(0);
  const list = (await (await request.get(`${servicesPanel.url}/api/topics`)).json()) as { topics: { name: string }[] };
  expect(list.topics.map((t) => t.name)).not.toContain(name);
});

test('an internal topic shows why it is not edited or deleted', async ({ page, servicesPanel }) => {
  const topics = new TopicsPage(page, servicesPanel.url);
  await topics.open();
  await page.getByLabel('Show internal topics').check();
  await topics.row('__consumer_offsets').getByRole('button', { name: '__consumer_offsets' }).click();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByRole('note')).toContainText('is not edited or deleted here');
  await expect(page.getByRole('form', { name: 'Settings of __consumer_offsets' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete topic…' })).toHaveCount(0);
  await page.screenshot({ path: '/tmp/screens/topic-settings-internal.png' });
});
