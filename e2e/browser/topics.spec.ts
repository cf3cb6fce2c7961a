import { startDeadServicesPanel, servicesSkipReason, snapBothWidths, test, expect } from './pages/services-panel.ts';
import { TopicsPage } from './pages/topics-page.ts';
import type { PanelServer } from '../harness/panel-server.ts';
import { panelHeader } from '../lib/panel-header.ts';

test.skip(Boolean(servicesSkipReason()), servicesSkipReason() ?? '');
test.describe.configure({ mode: 'serial' });

test('create a topic with partitions and retention; it is listed with both', async ({ page, servicesPanel }) => {
  const name = `screens-topic-${servicesPanel.runId}`;
  const topics = new TopicsPage(page, servicesPanel.url);
  await topics.open();
  await topics.create(name, 3, { amount: 2, unit: 'days' });
  await expect(topics.form().getByRole('status')).toContainText(`Created topic ${name} with 3 partition(s)`);

  const row = topics.row(name);
  await expect(row).toContainText('3');
  await expect(row).toContainText('2 days');
  // The new topic opens on its partitions (header + one row each); its name toggles them.
  const partitions = page.getByRole('table', { name: `Partitions of ${name}` });
  await expect(partitions.getByRole('row')).toHaveCount(4);
  await row.getByRole('button', { name }).click();
  await expect(partitions).toBeHidden();
  await row.getByRole('button', { name }).click();
  await expect(partitions).toBeVisible();

  // Same name and partitions again: idempotent, nothing created.
  await topics.create(name, 3, { amount: 2, unit: 'days' });
  await expect(topics.form().getByRole('status')).toContainText('nothing was changed');
  await snapBothWidths(page, 'topics');
});

test("an illegal topic name shows the server's reason next to the field, and nothing is created", async ({
  page,
  request,
  servicesPanel,
}) => {
  const topics = new TopicsPage(page, servicesPanel.url);
  await topics.open();
  await topics.create('bad name!', 1);
  const error = topics.form().getByRole('alert');
  await expect(error).toBeVisible();
  await expect(topics.nameInput()).toHaveAttribute('aria-invalid', 'true');
  const body = (await (
    await request.post(`${servicesPanel.url}/api/topics`, {
      headers: { origin: servicesPanel.url, ...panelHeader },
      data: { name: 'bad name!', partitions: 1 },
    })
  ).json()) as { code: string; message: string };
  expect(body.code).toBe('INVALID_TOPIC_NAME');
  await expect(error).toContainText(body.message);
  const list = (await (await request.get(`${servicesPanel.url}/api/topics`)).json()) as { topics: { name: string }[] };
  expect(list.topics.map((t) => t.name)).not.toContain('bad name!');
  await page.screenshot({ path: '/tmp/screens/topics-invalid-name.png' });
});

test.describe('with Kafka down', () => {
  let dead: PanelServer | null = null;
  test.afterEach(async () => {
    await dead?.stop();
    dead = null;
  });

  test('the screen names Kafka and the command that starts it', async ({ page, servicesPanel }) => {
    dead = await startDeadServicesPanel(servicesPanel.projectDir);
    const topics = new TopicsPage(page, dead.url);
    await topics.open();
    const alert = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Kafka is not reachable' }) });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('docker compose up -d kafka');
    await snapBothWidths(page, 'topics-down');
  });
});
