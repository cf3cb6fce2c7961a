/**
 * `pnpm bench:panel lineage` — not a test. The Pipelines screen's sampling cost on the harness: 10 pipelines
 * (connectors/ files with their topics and tables; records produced to every topic throughout), the panel built as
 * it ships (server/dist), and from outside the process:
 *  - CPU % of one core and RSS while nobody follows the figures (sampling paused) and while one stream follows them;
 *  - the time from opening the stream to its first sample (the target: a sample on screen within 1 s).
 * Figures against the targets (RSS ≤ 150 MiB, < 5 % of one core, first sample ≤ 1 s); no assertion.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@clickhouse/client';
import { Kafka, logLevel } from 'kafkajs';
import type { FiguresEvent } from '@pipeline-panel/server/contracts';
import { freePort, repoRoot } from '../harness/panel-server.ts';
import { toEnvVars, type ServiceEnv } from '../harness/state.ts';
import { procStats } from './read-load.ts';

const PIPELINES = 10;
const MEASURE_S = 60;
export const LINEAGE_TARGETS = { rssMiB: 150, cpuPercent: 5, firstSampleMs: 1000 };

async function seedPipelines(env: ServiceEnv, projectDir: string, run: string) {
  const database = `bench_lineage_${run}`;
  const topics = Array.from({ length: PIPELINES }, (_, i) => `bench-lineage-${run}-${i}`);
  const ch = createClient({ url: env.clickhouse.url, username: env.clickhouse.user, password: env.clickhouse.password });
  await ch.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  const kafka = new Kafka({ brokers: env.kafka.brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions: 3 })) });
  await admin.disconnect();
  mkdirSync(join(projectDir, 'connectors'), { recursive: true });
  for (const [i, topic] of topics.entries()) {
    await ch.command({ query: `CREATE TABLE ${database}.t${i} (id UInt32, note String) ENGINE = MergeTree ORDER BY id` });
    const config = {
      'connector.class': 'com.clickhouse.kafka.connect.ClickHouseSinkConnector',
      topics: topic,
      database,
      topic2TableMap: `${topic}=t${i}`,
      'errors.deadletterqueue.topic.name': `${topic}-dlq`,
    };
    writeFileSync(join(projectDir, 'connectors', `bench-${i}.json`), JSON.stringify({ name: `bench-lineage-${run}-${i}`, config }));
  }
  const producer = kafka.producer();
  await producer.connect();
  let id = 0;
  const timer = setInterval(() => {
    for (const topic of topics) void producer.send({ topic, messages: [{ value: JSON.stringify({ id: id++, note: 'bench' }) }] });
  }, 200);
  return {
    async cleanup() {
      clearInterval(timer);
      await producer.disconnect();
      await ch.command({ query: `DROP DATABASE IF EXISTS ${database} SYNC` }).catch(() => undefined);
      await ch.close();
    },
  };
}

/** Opens the figures stream; resolves with the ms until the first sample, and a close(). */
function followFigures(port: number): Promise<{ firstSampleMs: number; samples: () => number; close: () => void }> {
  return new Promise((resolve, reject) => {
    const opened = performance.now();
    let samples = 0;
    let buffer = '';
    const req = request(
      { host: '127.0.0.1', port, path: '/api/stack/events?figures=true', headers: { host: `127.0.0.1:${port}` } },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (!frame.startsWith('event: figures')) continue;
            const event = JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as FiguresEvent;
            if (event.type !== 'sample') continue;
            if (samples++ === 0) resolve({ firstSampleMs: performance.now() - opened, samples: () => samples, close: () => req.destroy() });
          }
        });
      },
    );
    req.on('error', (error) => (samples === 0 ? reject(error) : undefined));
    req.end();
  });
}

async function cpuOver(pid: number, seconds: number): Promise<{ cpuPercent: number; rssMiB: number; peakRssMiB: number }> {
  const before = procStats(pid);
  const started = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const after = procStats(pid);
  return {
    cpuPercent: ((after.cpuMs - before.cpuMs) / (performance.now() - started)) * 100,
    rssMiB: after.rssKiB / 1024,
    peakRssMiB: after.hwmKiB / 1024,
  };
}

export async function measureLineage(env: ServiceEnv): Promise<string> {
  const run = Date.now().toString(36);
  const projectDir = mkdtempSync(join(tmpdir(), 'pp-bench-lineage-'));
  const seeded = await seedPipelines(env, projectDir, run);
  const port = await freePort();
  const child = spawn(process.execPath, [join(repoRoot, 'server', 'dist', 'server.js')], {
    cwd: join(repoRoot, 'server'),
    env: {
      ...process.env,
      ...toEnvVars(env),
      PANEL_HOST: '127.0.0.1',
      PANEL_PORT: String(port),
      PANEL_PROJECT_DIR: projectDir,
      COMPOSE_PROJECT_NAME: `ppbench-lineage-${run}`,
      NODE_ENV: 'production',
    },
    stdio: 'ignore',
  });
  try {
    for (let i = 0; ; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/pipelines-graph`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (i > 600) throw new Error('the panel did not answer /api/pipelines-graph within 60 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    const graph = (await (await fetch(`http://127.0.0.1:${port}/api/pipelines-graph`)).json()) as { pipelines: unknown[] };
    const idle = await cpuOver(child.pid!, 20);
    const stream = await followFigures(port);
    const followed = await cpuOver(child.pid!, MEASURE_S);
    const samples = stream.samples();
    stream.close();
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
    return [
      `Pipelines screen sampling: ${graph.pipelines.length} pipelines (${PIPELINES} seeded; records produced to every topic at 5/s), sample every 2 s`,
      `  paused (no follower, 20 s):  CPU ${idle.cpuPercent.toFixed(2)} % of one core, RSS ${idle.rssMiB.toFixed(0)} MiB`,
      `  followed (${MEASURE_S} s, ${samples} samples): CPU ${followed.cpuPercent.toFixed(2)} % of one core ${verdict(followed.cpuPercent < LINEAGE_TARGETS.cpuPercent)} (< ${LINEAGE_TARGETS.cpuPercent} %), ` +
        `RSS ${followed.rssMiB.toFixed(0)} MiB, peak ${followed.peakRssMiB.toFixed(0)} MiB ${verdict(followed.peakRssMiB <= LINEAGE_TARGETS.rssMiB)} (≤ ${LINEAGE_TARGETS.rssMiB} MiB)`,
      `  stream opened → first sample: ${stream.firstSampleMs.toFixed(0)} ms ${verdict(stream.firstSampleMs <= LINEAGE_TARGETS.firstSampleMs)} (≤ ${LINEAGE_TARGETS.firstSampleMs} ms)`,
    ].join('\n');
  } finally {
    child.kill('SIGTERM');
    await seeded.cleanup();
    rmSync(projectDir, { recursive: true, force: true });
  }
}
