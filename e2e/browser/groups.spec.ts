/**
 * The Consumer groups screen on the harness's real Kafka and Connect: a group's lag per partition, a dry run and a
 * reset with the group id typed, a reset refused while a member is in, and the link between a sink connector and its
 * group both ways.
 */
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { startDeadServicesPanel, servicesSkipReason, snapBothWidths, test, expect } from './pages/services-panel.ts';
import type { PanelServer } from '../harness/panel-server.ts';
import { panelHeader } from '../lib/panel-header.ts';

test.skip(Boolean(servicesSkipReason()), servicesSkipReason() ?? '');
test.describe.configure({ mode: 'serial' });

let consumer: Consumer | null = null;
test.afterAll(async () => {
  await consumer?.disconnect().catch(() => undefined);
});

const kafkaOf = (brokers: string) => new Kafka({ clientId: 'browser-groups', brokers: brokers.split(','), logLevel: logLevel.NOTHING });

/** A group that read `topic` to its end, committed, and left. */
async function consumeAll(brokers: string, group: string, topic: string, expected: number): Promise<Consumer> {
  const c = kafkaOf(brokers).consumer({ groupId: group, sessionTimeout: 10_000, heartbeatInterval: 1000 });
  await c.connect();
  await c.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  await new Promise<void>((resolve) => {
    void c.run({
      autoCommitInterval: 100,
      eachMessage: async () => {
        seen += 1;
        if (seen >= expected) resolve();
      },
    });
  });
  await c.commitOffsets([]); // flushes the resolved offsets
  return c;
}

test('a group with lag: dry run, then a reset confirmed by typing the group id', async ({ page, request, servicesPanel }) => {
  const topic = `screens-groups-${servicesPanel.runId}`;
  const group = `screens-reader-${servicesPanel.runId}`;
  const post = (url: string, data: object) =>
    request.post(`${servicesPanel.url}${url}`, { headers: { origin: servicesPanel.url, ...panelHeader }, data });
  expect((await post('/api/topics', { name: topic, partitions: 2 })).status()).toBe(201);
  for (let i = 0; i < 6; i++) {
    const sent = await post(`/api/topics/${topic}/messages`, { key: `k${i}`, value: { format: 'text', text: `m${i}` } });
    expect(sent.status()).toBe(201);
  }
  const c = await consumeAll(servicesPanel.services.kafkaBrokers, group, topic, 6);
  await c.disconnect();

  await page.goto(`${servicesPanel.url}/#/groups`);
  await expect(page.getByRole('heading', { level: 1, name: 'Consumer groups' })).toBeVisible();
  const row = page.getByRole('table', { name: 'Consumer groups' }).getByRole('row').filter({ hasText: group });
  await row.getByRole('button', { name: group }).click();
  await expect(page).toHaveURL(new RegExp(`#/groups/${group}$`));
  const lag = page.getByRole('table', { name: `Lag of ${group}` });
  await expect(lag.getByRole('row')).toHaveCount(3);
  await expect(page.getByText('No members')).toBeVisible();

  const form = page.getByRole('form', { name: `Reset the offsets of ${group}` });
  await expect(form.getByRole('button', { name: 'Reset…' })).toBeDisabled();
  await form.getByRole('button', { name: 'Dry run' }).click();
  const plan = page.getByRole('table', { name: 'Dry run' });
  await expect(plan.getByRole('row')).toHaveCount(3);
  await expect(plan).toContainText('→ 0');
  await form.getByRole('button', { name: 'Reset…' }).click();
  const dialog = page.getByRole('dialog', { name: `Reset the offsets of ${group}` });
  await expect(dialog.getByRole('button', { name: 'Reset offsets' })).toBeDisabled();
  await dialog.getByLabel(/Type/).fill(group);
  await dialog.getByRole('button', { name: 'Reset offsets' }).click();
  await expect(page.getByRole('table', { name: 'Offsets reset' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Reset the offsets of ${group}` })).toBeVisible();
  // Back at the start: each partition's lag is its end offset again (6 in total).
  await expect(page.getByText(/; lag 6$/)).toBeVisible();
  await snapBothWidths(page, 'groups');
});

test('a reset is refused while the group has a member; the dry run says who', async ({ page, servicesPanel }) => {
  const topic = `screens-groups-${servicesPanel.runId}`;
  const group = `screens-active-${servicesPanel.runId}`;
  consumer = await consumeAll(servicesPanel.services.kafkaBrokers, group, topic, 6);
  await page.goto(`${servicesPanel.url}/#/groups/${group}`);
  const members = page.getByRole('table', { name: `Members of ${group}` });
  await expect(members.getByRole('row')).toHaveCount(2);
  await expect(page.getByText(/has 1 member\(s\): a reset is refused/)).toBeVisible();
  const form = page.getByRole('form', { name: `Reset the offsets of ${group}` });
  await form.getByRole('button', { name: 'Dry run' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'cannot be applied' })).toBeVisible();
  await expect(form.getByRole('button', { name: 'Reset…' })).toBeDisabled();
  await page.screenshot({ path: '/tmp/screens/groups-active.png' });
  await consumer.disconnect();
  consumer = null;
});

test('a sink connector and its consumer group link to each other', async ({ page, servicesPanel }) => {
  const name = servicesPanel.files.fileSinkName;
  const group = `connect-${name}`;
  const put = await fetch(`${servicesPanel.services.connectUrl}/connectors/${name}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
      'tasks.max': '1',
      topics: `screens-groups-${servicesPanel.runId}`,
      file: `${servicesPanel.projectDir}/groups-sink-out.txt`,
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    }),
  });
  expect(put.ok).toBe(true);
  try {
    await page.goto(`${servicesPanel.url}/#/groups`);
    const pill = page.getByRole('link', { name: `connector ${name}` });
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(pill).toBeVisible({ timeout: 2000 });
    }).toPass({ timeout: 90_000 });
    await pill.click();
    await expect(page).toHaveURL(new RegExp(`#/connectors/${name}$`));
    const card = page.getByRole('article', { name });
    await expect(card).toHaveAttribute('aria-current', 'true');
    await card.getByRole('link', { name: new RegExp(group) }).click();
    await expect(page).toHaveURL(new RegExp(`#/groups/${group}$`));
    await expect(page.getByRole('heading', { name: group })).toBeVisible();
  } finally {
    await fetch(`${servicesPanel.services.connectUrl}/connectors/${name}`, { method: 'DELETE' });
  }
});

test.describe('with Kafka down', () => {
  let dead: PanelServer | null = null;
  test.afterEach(async () => {
    await dead?.stop();
    dead = null;
  });

  test('the screen names Kafka and the command that starts it', async ({ page, servicesPanel }) => {
    dead = await startDeadServicesPanel(servicesPanel.projectDir);
    await page.goto(`${dead.url}/#/groups`);
    await expect(page.getByRole('heading', { level: 1, name: 'Consumer groups' })).toBeVisible();
    const alert = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Kafka is not reachable' }) });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('docker compose up -d kafka');
    await snapBothWidths(page, 'groups-down');
  });
});
