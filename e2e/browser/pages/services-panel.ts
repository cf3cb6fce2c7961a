import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startHarness, type Harness } from '../../harness/index.ts';
import { freePort, repoRoot, startPanelServer, type PanelServer } from '../../harness/panel-server.ts';
import { liveHarnessEnv } from '../../harness/state.ts';
import { skipReason } from '../env.ts';

/** The harness services' addresses, as the panel reads them. */
export interface ServiceUrls {
  kafkaBrokers: string;
  registryUrl: string;
  connectUrl: string;
  clickhouseUrl: string;
  clickhouseUser: string;
  clickhousePassword: string;
}

export interface ServicesPanel {
  /** A panel on the harness's real Kafka, Connect, registry and ClickHouse. */
  url: string;
  services: ServiceUrls;
  /** The panel's project dir: its connectors/ and sql/ hold the files the specs deploy. */
  projectDir: string;
  /** Unique per run, so names never collide with an earlier run on a reused harness. */
  runId: string;
  /** Names of the files written into connectors/ and sql/. */
  files: {
    fileSink: string;
    fileSinkName: string;
    fileSinkTopic: string;
    /** A FileStreamSink whose output file cannot be created: its task fails with a real Connect trace. */
    brokenSink: string;
    brokenSinkName: string;
    clickhouseSink: string;
    sql: string;
    sqlDatabase: string;
    sqlTable: string;
  };
}

function javaMissing(): string | null {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'java is not installed (the harness runs Kafka, Connect and Apicurio on the JVM)';
  }
}

/** Why the service-backed browser specs cannot run here, or null. */
export function servicesSkipReason(): string | null {
  return skipReason() ?? javaMissing();
}

export function panelEnv(services: ServiceUrls): Record<string, string> {
  return {
    PANEL_KAFKA_BROKERS: services.kafkaBrokers,
    PANEL_SCHEMA_REGISTRY_URL: services.registryUrl,
    PANEL_CONNECT_URL: services.connectUrl,
    PANEL_CLICKHOUSE_URL: services.clickhouseUrl,
    PANEL_CLICKHOUSE_USER: services.clickhouseUser,
    PANEL_CLICKHOUSE_PASSWORD: services.clickhousePassword,
  };
}

/** connectors/<fileName>: a FileStream sink (a plugin the harness worker has) writing `topic` to `outFile`. */
function writeFileSinkConnector(projectDir: string, fileName: string, name: string, topic: string, outFile: string): void {
  const config = {
    'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
    'tasks.max': '1',
    topics: topic,
    file: outFile,
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
  };
  writeFileSync(join(projectDir, 'connectors', fileName), JSON.stringify({ name, config }, null, 2));
}

export function writeProjectFiles(projectDir: string, runId: string): ServicesPanel['files'] {
  mkdirSync(join(projectDir, 'connectors'), { recursive: true });
  mkdirSync(join(projectDir, 'sql'), { recursive: true });
  const fileSinkName = `screens-file-sink-${runId}`;
  const fileSinkTopic = `screens-sink-${runId}`;
  const fileSink = 'screens-file-sink.json';
  writeFileSinkConnector(projectDir, fileSink, fileSinkName, fileSinkTopic, join(projectDir, 'sink-out.txt'));
  const brokenSinkName = `screens-broken-sink-${runId}`;
  const brokenSink = 'screens-broken-sink.json';
  writeFileSinkConnector(projectDir, brokenSink, brokenSinkName, fileSinkTopic, join(projectDir, 'no-such-dir', 'out.txt'));
  // The repo's real ClickHouse sink config: the harness worker has no ClickHouse plugin, so preflight must say so.
  const clickhouseSink = 'orders-clickhouse-sink.json';
  copyFileSync(join(repoRoot, 'connectors', clickhouseSink), join(projectDir, 'connectors', clickhouseSink));

  const sqlDatabase = `screens_${runId}`;
  const sqlTable = 'events';
  const sql = '010_screens_events.sql';
  writeFileSync(
    join(projectDir, 'sql', sql),
    [
      `CREATE DATABASE IF NOT EXISTS ${sqlDatabase};`,
      '',
      `CREATE TABLE IF NOT EXISTS ${sqlDatabase}.${sqlTable}`,
      '(',
      '    id         UInt32,',
      '    kind       LowCardinality(String),',
      '    note       Nullable(String),',
      "    created_at DateTime64(3, 'UTC')",
      ')',
      'ENGINE = MergeTree',
      'ORDER BY (created_at, id);',
      '',
    ].join('\n'),
  );
  return { fileSink, fileSinkName, fileSinkTopic, brokenSink, brokenSinkName, clickhouseSink, sql, sqlDatabase, sqlTable };
}

/** Starts a second panel whose services all point at loopback ports nobody listens on: every call takes the real 503 path. */
export async function startDeadServicesPanel(projectDir: string): Promise<PanelServer> {
  const [kafka, registry, connect, clickhouse] = [await freePort(), await freePort(), await freePort(), await freePort()];
  return startPanelServer({
    projectDir,
    projectName: 'ppscreensdead',
    env: panelEnv({
      kafkaBrokers: `127.0.0.1:${kafka}`,
      registryUrl: `http://127.0.0.1:${registry}`,
      connectUrl: `http://127.0.0.1:${connect}`,
      clickhouseUrl: `http://127.0.0.1:${clickhouse}`,
      clickhouseUser: 'default',
      clickhousePassword: '',
    }),
  });
}

/** Runs one statement against ClickHouse over its HTTP interface (test data for the preview). */
export async function clickhouseExec(services: ServiceUrls, sql: string): Promise<void> {
  const auth = Buffer.from(`${services.clickhouseUser}:${services.clickhousePassword}`).toString('base64');
  const response = await fetch(services.clickhouseUrl, { method: 'POST', body: sql, headers: { authorization: `Basic ${auth}` } });
  if (!response.ok) throw new Error(`ClickHouse refused ${sql.slice(0, 60)}: ${await response.text()}`);
}

/**
 * `servicesPanel`: one harness and one panel per Playwright worker, shared by the schemas/connectors/tables/topics
 * specs. A harness already running (`tsx harness/cli.ts up`) is reused; otherwise one is started and stopped here.
 */
export const test = base.extend<object, { servicesPanel: ServicesPanel }>({
  servicesPanel: [
    async ({}, use) => {
      const live = liveHarnessEnv();
      let own: Harness | null = null;
      let services: ServiceUrls;
      if (live) {
        services = {
          kafkaBrokers: live.kafka.brokers.join(','),
          registryUrl: live.registry.url,
          connectUrl: live.connect.url,
          clickhouseUrl: live.clickhouse.url,
          clickhouseUser: live.clickhouse.user,
          clickhousePassword: live.clickhouse.password,
        };
      } else {
        own = await startHarness({ log: (line) => console.log(line) });
        services = {
          kafkaBrokers: own.kafka.brokers.join(','),
          registryUrl: own.registry.url,
          connectUrl: own.connect.url,
          clickhouseUrl: own.clickhouse.url,
          clickhouseUser: own.clickhouse.user,
          clickhousePassword: own.clickhouse.password,
        };
      }
      const projectDir = mkdtempSync(join(tmpdir(), 'pp-screens-'));
      const runId = Date.now().toString(36);
      const files = writeProjectFiles(projectDir, runId);
      let panel: PanelServer | null = null;
      try {
        panel = await startPanelServer({ projectDir, projectName: 'ppscreens', env: panelEnv(services) });
        await use({ url: panel.url, services, projectDir, runId, files });
      } finally {
        await panel?.stop();
        await own?.stop();
        rmSync(projectDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 360_000 },
  ],
});

export { expect } from '@playwright/test';

/** Screenshots for design review go to /tmp/screens (not part of the test result). */
export const SCREENSHOT_DIR = '/tmp/screens';

/** Full-page screenshots at the default 1280 px width and at a phone-like 420 px, for looking at the design. */
export async function snapBothWidths(page: import('@playwright/test').Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 420, height: 900 });
  // Top of the page only: a full narrow page is too tall to look at in one image.
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-420.png`, fullPage: true, clip: { x: 0, y: 0, width: 420, height: 1800 } });
  await page.setViewportSize(size);
}
