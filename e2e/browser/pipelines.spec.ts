import { Kafka, logLevel } from 'kafkajs';
import { clickhouseExec, servicesSkipReason, snapBothWidths, test, expect } from './pages/services-panel.ts';

test.skip(Boolean(servicesSkipReason()), servicesSkipReason() ?? '');

test('the Pipelines screen draws a Kafka-engine pipeline whose charts move while records are produced', async ({ page, servicesPanel }) => {
  const { services, runId } = servicesPanel;
  const database = `lineage_ui_${runId}`;
  const topic = `lineage-ui-${runId}`;
  const kafka = new Kafka({ brokers: services.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
  await admin.disconnect();
  await clickhouseExec(services, `CREATE DATABASE IF NOT EXISTS ${database}`);
  await clickhouseExec(services, `CREATE TABLE ${database}.clicks (id UInt32, note String) ENGINE = MergeTree ORDER BY id`);
  await clickhouseExec(
    services,
    `CREATE TABLE ${database}.clicks_queue (id UInt32, note String) ENGINE = Kafka SETTINGS kafka_broker_list = '${services.kafkaBrokers}', ` +
      `kafka_topic_list = '${topic}', kafka_group_name = 'clickhouse-${topic}', kafka_format = 'JSONEachRow', kafka_flush_interval_ms = 500`,
  );
  await clickhouseExec(
    services,
    `CREATE MATERIALIZED VIEW ${database}.clicks_mv TO ${database}.clicks AS SELECT * FROM ${database}.clicks_queue`,
  );
  const producer = kafka.producer();
  await producer.connect();
  let id = 0;
  const producing = setInterval(() => {
    void producer.send({ topic, messages: Array.from({ length: 20 }, () => ({ value: JSON.stringify({ id: id++, note: 'ui' }) })) });
  }, 500);
  try {
    await page.goto(`${servicesPanel.url}/#/pipelines`);
    const card = page.getByRole('region', { name: `${database}.clicks_queue` });
    await expect(card).toBeVisible();
    await expect(card).toContainText(`${topic} → ${database}.clicks`);
    const graph = card.getByRole('list', { name: `Lineage of ${database}.clicks_queue` });
    const topicNode = graph.getByRole('article', { name: `Topic ${topic}` });
    await expect(topicNode.getByRole('link', { name: topic })).toHaveAttribute('href', `#/topics/${encodeURIComponent(topic)}`);
    await expect(graph.getByRole('article', { name: `Kafka engine ${database}.clicks_queue` })).toBeVisible();
    await expect(graph.getByRole('article', { name: `Table ${database}.clicks` })).toBeVisible();

    // The topic's messages/s chart gains points with every sample the server streams.
    const chart = topicNode.getByRole('img', { name: `${topic} messages/s, last 15 minutes` });
    await expect(chart).toHaveAttribute('data-points', /^[1-9]/, { timeout: 20_000 });
    const before = Number(await chart.getAttribute('data-points'));
    await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 20_000 }).toBeGreaterThan(before + 1);
    await expect(topicNode).not.toContainText('msgs/s in–');
    // Rows arrive in the table, and the rows/s chart has points.
    await expect(
      graph
        .getByRole('article', { name: `Table ${database}.clicks` })
        .getByText(/^[1-9][\d,]*$/)
        .first(),
    ).toBeVisible({ timeout: 30_000 });
    await snapBothWidths(page, 'pipelines');
  } finally {
    clearInterval(producing);
    await producer.disconnect();
    for (const t of ['clicks_mv', 'clicks_queue', 'clicks'])
      await clickhouseExec(services, `DROP TABLE IF EXISTS ${database}.${t} SYNC`).catch(() => undefined);
    await clickhouseExec(services, `DROP DATABASE IF EXISTS ${database}`).catch(() => undefined);
  }
});
