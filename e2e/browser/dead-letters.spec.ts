/**
 * The Dead letters screen with dead letters a real Connect worker wrote: a FileStream sink with JsonConverter and the
 * pipeline's dead-letter topic (context headers on) is fed records that are not JSON. The screen groups them by
 * error with their original coordinates, redrives one selected message, asks before redriving it again, and
 * redrives a whole group; the dead-letter topic keeps every message.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { pipelineNames, writePipelineFiles } from '../integration/smoke-support.ts';
import { startDeadServicesPanel, servicesSkipReason, snapBothWidths, test, expect } from './pages/services-panel.ts';
import type { PanelServer } from '../harness/panel-server.ts';
import { fileSinkConfig, putConnector } from '../lib/file-sink.ts';

test.skip(Boolean(servicesSkipReason()), servicesSkipReason() ?? '');
test.describe.configure({ mode: 'serial' });

let writer: { connectUrl: string; name: string } | null = null;
test.afterAll(async () => {
  if (writer) await fetch(`${writer.connectUrl}/connectors/${writer.name}`, { method: 'DELETE' }).catch(() => undefined);
});

test('dead letters grouped by error; redrive one, asked before a second time, then a whole group', async ({
  page,
  request,
  servicesPanel,
}) => {
  const names = pipelineNames(servicesPanel.runId, 'browser-dlq', 'pipeline');
  writePipelineFiles(servicesPanel.projectDir, names);
  const kafka = new Kafka({ clientId: 'browser-dlq', brokers: servicesPanel.services.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: names.topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: names.topic,
    messages: [
      ...[1, 2].map((i) => ({ key: JSON.stringify(`k${i}`), value: `not json {${i}`, headers: { 'trace-id': `t-${i}` } })),
      { key: 'bad key', value: JSON.stringify({ i: 3 }) },
    ],
  });
  await producer.disconnect();
  writer = { connectUrl: servicesPanel.services.connectUrl, name: `browser-dlq-writer-${servicesPanel.runId}` };
  const put = await putConnector(
    writer.connectUrl,
    writer.name,
    fileSinkConfig({ topic: names.topic, file: join(mkdtempSync(join(tmpdir(), 'browser-dlq-')), 'out.txt'), deadLetterTopic: names.dlq }),
  );
  expect(put.ok).toBe(true);
  await expect(async () => {
    const body = (await (await request.get(`${servicesPanel.url}/api/pipelines/${names.id}/dead-letters`)).json()) as { scanned?: number };
    expect(body.scanned).toBe(3);
  }).toPass({ timeout: 120_000 });
  // The writer stops here: redriven messages would otherwise land in the dead-letter topic again.
  await fetch(`${writer.connectUrl}/connectors/${writer.name}`, { method: 'DELETE' });
  writer = null;

  await page.goto(`${servicesPanel.url}/#/dead-letters/${names.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Dead letters' })).toBeVisible();
  await expect(page.getByRole('radio', { name: new RegExp(names.id) })).toBeChecked();
  const values = page.getByRole('article').filter({ hasText: 'VALUE_CONVERTER' });
  const keys = page.getByRole('article').filter({ hasText: 'KEY_CONVERTER' });
  await expect(values).toContainText('2 ×');
  await expect(keys).toContainText('1 ×');
  await expect(values).toContainText(`from ${names.topic}`);

  await values.getByRole('button', { name: 'Messages' }).click();
  const table = values.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(3);
  const first = table.getByRole('row').filter({ hasText: 'not json {1' });
  await expect(first).toContainText(`${names.topic} 0/0`);
  await first.getByRole('checkbox').check();
  await values.getByRole('button', { name: 'Redrive 1 selected' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Redrove 1/i })).toBeVisible();
  await snapBothWidths(page, 'dead-letters');

  // The same message again: the panel asks first, and sends only when told to.
  await first.getByRole('checkbox').check();
  await values.getByRole('button', { name: 'Redrive 1 selected' }).click();
  const again = page.getByRole('dialog', { name: 'Redrive again?' });
  await expect(again).toContainText('redriven');
  await page.screenshot({ path: '/tmp/screens/dead-letters-again.png' });
  await again.getByRole('button', { name: 'Cancel' }).click();

  await keys.getByRole('button', { name: 'Redrive all 1' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Redrove 1/i })).toBeVisible();

  // The dead-letter topic keeps all three; the original topic got the two redriven messages with the marker header.
  const dlq = (await (await request.get(`${servicesPanel.url}/api/topics/${names.dlq}/messages?from=oldest`)).json()) as {
    messages: unknown[];
  };
  expect(dlq.messages).toHaveLength(3);
  const source = (await (await request.get(`${servicesPanel.url}/api/topics/${names.topic}/messages?from=oldest`)).json()) as {
    messages: { headers: { key: string }[] }[];
  };
  expect(source.messages).toHaveLength(5);
  expect(source.messages.slice(3).every((m) => m.headers.some((h) => h.key.startsWith('pipeline-panel')))).toBe(true);
});

test('a pipeline without a readable dead-letter topic says so', async ({ page, servicesPanel }) => {
  await page.goto(`${servicesPanel.url}/#/dead-letters/no-such-pipeline`);
  await expect(page.getByRole('alert')).toContainText('no-such-pipeline');
  await page.screenshot({ path: '/tmp/screens/dead-letters-missing.png' });
});

test.describe('with Kafka down', () => {
  let dead: PanelServer | null = null;
  test.afterEach(async () => {
    await dead?.stop();
    dead = null;
  });

  test('the screen names Kafka and the command that starts it', async ({ page, servicesPanel }) => {
    dead = await startDeadServicesPanel(servicesPanel.projectDir);
    await page.goto(`${dead.url}/#/dead-letters/orders-clickhouse-sink`);
    await expect(page.getByRole('heading', { level: 1, name: 'Dead letters' })).toBeVisible();
    const alert = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Kafka is not reachable' }) });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('docker compose up -d kafka');
    await snapBothWidths(page, 'dead-letters-down');
  });
});
