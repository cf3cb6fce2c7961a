/**
 * `pnpm bench:panel [events|reads|lineage]` — not a test; all parts by default.
 *  events — against the Docker fixture project:
 *    1. event → client latency: Docker event received by this process → matching `event: stack` SSE message from the
 *       panel, over 50 container state changes (worker stop/start), p50/p99;
 *    2. GET /api/stack latency at 50 requests/s for 10 s, p50/p95/p99;
 *    3. the panel process's RSS.
 *  reads — the read-load benchmark on the harness (read-load.ts): every list endpoint and the stack probes at 20 and
 *    100 requests/s, open loop, p50/p95/p99, CPU ms per request, RSS and peak RSS, start → first answer, each against
 *    its target with PASS/MISS.
 *  lineage — the Pipelines screen's sampling on the harness with 10 pipelines (lineage.ts): CPU and RSS paused and
 *    followed, stream → first sample.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get, request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import type { StackEvent } from '@pipeline-panel/server/contracts';
import {
  buildFixtureImage,
  busyboxMissingReason,
  containerIdOf,
  dockerUnavailableReason,
  downProject,
  findComposeCli,
  panelEnvFor,
  uniqueProjectName,
  upProject,
} from '../harness/docker-fixture/index.ts';
import { startHarness } from '../harness/index.ts';
import { liveHarnessEnv } from '../harness/state.ts';
import { measureLineage } from './lineage.ts';
import { buildServer, measureReadLoad, readLoadReport, seed } from './read-load.ts';

const CHANGES = 50;
const RPS = 50;
const SECONDS = 10;
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

function getJson(port: number, path: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function eventsBench(): Promise<void> {
  const skip = (await dockerUnavailableReason()) ?? busyboxMissingReason();
  const cli = await findComposeCli();
  if (skip || !cli) {
    console.log(`bench:panel events skipped: ${skip ?? 'no Compose CLI'}`);
    return;
  }
  const docker = new Docker({ socketPath: '/var/run/docker.sock' });
  const project = uniqueProjectName('ppbench');
  await buildFixtureImage();
  await upProject(cli, project);
  const port = await freePort();
  const panel = spawn(process.execPath, ['--import', 'tsx', join(repo, 'server', 'src', 'server.ts')], {
    cwd: join(repo, 'server'),
    env: { ...process.env, ...panelEnvFor(project), PANEL_PORT: String(port), PANEL_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      if ((await getJson(port, '/api/health').catch(() => ({ status: 0 }))).status === 200) break;
      if (i > 100) throw new Error('panel did not start');
      await new Promise((r) => setTimeout(r, 100));
    }

    // 1. event → SSE latency
    const worker = docker.getContainer(await containerIdOf(project, 'worker'));
    let lastState = '';
    let waiter: ((at: number) => void) | null = null;
    let wantState = '';
    const sse = await new Promise<import('node:http').IncomingMessage>((resolve) =>
      get({ host: '127.0.0.1', port, path: '/api/stack/events', headers: { host: `127.0.0.1:${port}` } }, resolve),
    );
    let buffer = '';
    sse.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let idx;
      while ((idx = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, idx);
        buffer = buffer.slice(idx + 2);
        const data = message.split('\n').find((l) => l.startsWith('data: '));
        if (!data) continue;
        const event = JSON.parse(data.slice(6)) as StackEvent;
        if (event.type !== 'snapshot') continue;
        lastState = event.snapshot.services.find((s) => s.service === 'worker')?.state ?? '';
        if (waiter && lastState === wantState) waiter(performance.now());
      }
    });
    const events = (await docker.getEvents({
      filters: { type: ['container'], label: [`com.docker.compose.project=${project}`], event: ['die', 'start'] },
    })) as unknown as NodeJS.ReadableStream;
    let dockerEventAt = 0;
    events.on('data', () => (dockerEventAt = performance.now()));
    const latencies: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      wantState = lastState === 'running' ? 'exited' : 'running';
      const seen = new Promise<number>((r) => (waiter = r));
      if (wantState === 'exited') await worker.stop({ t: 0 });
      else await worker.start();
      const at = await seen;
      waiter = null;
      latencies.push(at - dockerEventAt);
    }
    sse.destroy();
    (events as unknown as { destroy(): void }).destroy();

    // 2. /api/stack at 50 rps
    const results: Promise<{ status: number; ms: number }>[] = [];
    const start = performance.now();
    for (let i = 0; i < RPS * SECONDS; i++) {
      const due = start + (i * 1000) / RPS;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      results.push(getJson(port, '/api/stack'));
    }
    const stack = await Promise.all(results);
    const ok = stack.filter((r) => r.status === 200).map((r) => r.ms);

    // 3. RSS
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${panel.pid}/status`, 'utf8'))?.[1] ?? 0);
    const dockerVersion = (await docker.version()).Version;

    console.log('\nPipeline Panel benchmark');
    console.log(
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}`,
    );
    console.log(`node ${process.version}, Docker Engine ${dockerVersion}, ${cli.label}`);
    console.log(
      `event → SSE latency over ${CHANGES} state changes: p50 ${fmt(percentile(latencies, 50))}, p99 ${fmt(percentile(latencies, 99))}, max ${fmt(Math.max(...latencies))}`,
    );
    console.log(
      `GET /api/stack at ${RPS} rps for ${SECONDS} s: ${ok.length}/${stack.length} ok, p50 ${fmt(percentile(ok, 50))}, p95 ${fmt(percentile(ok, 95))}, p99 ${fmt(percentile(ok, 99))}`,
    );
    console.log(`panel RSS: ${(rssKb / 1024).toFixed(1)} MiB`);
  } finally {
    panel.kill('SIGTERM');
    await downProject(cli, project);
  }
}

function machine(): string {
  const cpus = os.cpus();
  return `machine: ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; node ${process.version}`;
}

async function readsBench(): Promise<void> {
  const live = liveHarnessEnv();
  const harness = live ? null : await startHarness({ log: (line) => console.error(line) });
  const env = live ?? { ...harness!, control: undefined };
  try {
    console.error('bench:panel reads: building the server (server/dist) and seeding the harness');
    buildServer();
    await seed(env);
    const result = await measureReadLoad(env);
    console.log('\nPipeline Panel read-load benchmark (open loop, 20 s per endpoint and rate, latency from the scheduled send)');
    console.log(machine());
    console.log(readLoadReport(result));
    const problems = result.serverLog.filter((l) => /"level":(40|50|60)/.test(l));
    if (problems.length > 0) console.log(`\npanel warnings/errors during the run (${problems.length}), first: ${problems[0]}`);
  } finally {
    await harness?.stop();
  }
}

async function lineageBench(): Promise<void> {
  const live = liveHarnessEnv();
  const harness = live ? null : await startHarness({ log: (line) => console.error(line) });
  const env = live ?? { ...harness!, control: undefined };
  try {
    console.error('bench:panel lineage: building the server (server/dist) and seeding 10 pipelines on the harness');
    buildServer();
    const report = await measureLineage(env);
    console.log(`\n${machine()}\n${report}`);
  } finally {
    await harness?.stop();
  }
}

const part = process.argv[2];
if (part !== undefined && !['events', 'reads', 'lineage'].includes(part))
  throw new Error('usage: tsx bench/panel.ts [events|reads|lineage]');
if (part === undefined || part === 'events') await eventsBench();
if (part === undefined || part === 'reads') await readsBench();
if (part === undefined || part === 'lineage') await lineageBench();
