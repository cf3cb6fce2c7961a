/**
 * The test harness from the command line (run from e2e/):
 *   tsx harness/cli.ts prepare   fetch the pinned jars once (CI caching / timing)
 *   tsx harness/cli.ts up        start every service in the background; writes .harness/env.json, .harness/env, .harness/harness.pid
 *                                `up --secure` (or HARNESS_SECURE=1) adds the secure front (secure.ts): SASL_SSL, nginx, HTTPS (with --cluster too)
 *   tsx harness/cli.ts env       print the env file of the running harness (KEY=value lines)
 *   tsx harness/cli.ts down      stop it
 * Add `--cluster` (or set HARNESS_CLUSTER=1) to any of them for the cluster harness (3 brokers, 2 Connect workers:
 * harness/cluster.ts), which keeps its files in .harness/cluster/ so it can run beside the single-node one.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchSinkRelease } from './connect-plugins.ts';
import { startClusterHarness, type ClusterHarness } from './cluster.ts';
import { clusterControlAction } from './cluster-control.ts';
import { startHarness, type Harness } from './index.ts';
import { freePort } from './ports.ts';
import { clusterStateDir, harnessStateDir } from './paths.ts';
import { prepareJars } from './prepare.ts';
import { isAlive, liveHarnessEnv, toEnvVars, type HarnessEnv } from './state.ts';

const log = (line: string) => console.error(line);
const cluster = process.argv.includes('--cluster') || process.env.HARNESS_CLUSTER === '1';
const stateDir = cluster ? clusterStateDir : harnessStateDir;
const envJsonPath = join(stateDir, 'env.json');
const envFilePath = join(stateDir, 'env');
const pidFilePath = join(stateDir, 'harness.pid');
const serveLog = join(stateDir, 'serve.log');
const modeArgs = cluster ? ['--cluster'] : [];

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case 'prepare': {
      const t0 = Date.now();
      const jars = await prepareJars(log);
      await fetchSinkRelease(log);
      log(`harness: jars ready in ${((Date.now() - t0) / 1000).toFixed(1)}s: ${jars.kafkaJarsDir}, ${jars.registryRunnerJar}`);
      return;
    }
    case 'up':
      return up();
    case 'serve':
      return serve();
    case 'env': {
      const env = liveHarnessEnv(envJsonPath);
      if (!env) throw new Error(`no running harness (start it with \`tsx harness/cli.ts up ${modeArgs.join(' ')}\`)`);
      process.stdout.write(envLines(env));
      return;
    }
    case 'down':
      return down();
    default:
      throw new Error('usage: tsx harness/cli.ts prepare|up|env|down');
  }
}

/** Starts `serve` detached and waits until it has written env.json (or died). */
async function up(): Promise<void> {
  const running = liveHarnessEnv(envJsonPath);
  if (running) {
    log(`harness: already running (pids ${running.pids.join(' ')})`);
    return;
  }
  await down();
  mkdirSync(stateDir, { recursive: true });
  await prepareJars(log); // in the foreground, so its progress is visible
  rmSync(serveLog, { force: true });
  const fd = openSync(serveLog, 'a');
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, 'serve', ...modeArgs], {
    detached: true,
    stdio: ['ignore', fd, fd],
    env: process.argv.includes('--secure') ? { ...process.env, HARNESS_SECURE: '1' } : process.env,
  });
  closeSync(fd);
  child.unref();
  writeFileSync(pidFilePath, `${child.pid}\n`);
  const deadline = Date.now() + 8 * 60_000;
  while (Date.now() < deadline) {
    const env = liveHarnessEnv(envJsonPath);
    if (env) {
      log(
        `harness: up${cluster ? ' (cluster)' : ''} — Kafka ${env.kafka.brokers.join(',')}, Connect ${env.connect.url}, registry ${env.registry.url}, ClickHouse ${env.clickhouse.url}`,
      );
      if (env.secure) {
        log(
          `harness: secure — Kafka SASL_SSL ${env.secure.kafka.brokers.join(',')}, Connect ${env.secure.connect.url}, registry ${env.secure.registry.url}, ClickHouse ${env.secure.clickhouse.url} (CA ${env.secure.caFile})`,
        );
      }
      return;
    }
    if (child.pid === undefined || !isAlive(child.pid)) {
      throw new Error(`harness: failed to start; ${serveLog}:\n${existsSync(serveLog) ? readFileSync(serveLog, 'utf8') : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`harness: not up after 8 minutes; see ${serveLog}`);
}

/** Owns the services until SIGTERM/SIGINT. */
async function serve(): Promise<void> {
  const harness = cluster ? await startClusterHarness({ log }) : await startHarness({ log });
  const controlUrl = await startControl(harness, () => writeEnv(harness, controlUrl));
  writeEnv(harness, controlUrl);
  const shutdown = async () => {
    log('harness: stopping');
    rmSync(envJsonPath, { force: true });
    await harness.stop();
    rmSync(envFilePath, { force: true });
    rmSync(pidFilePath, { force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  setInterval(() => {}, 1 << 30); // stay alive
}

function writeEnv(harness: Harness, controlUrl: string): void {
  const env: HarnessEnv = {
    kafka: harness.kafka,
    connect: harness.connect,
    registry: harness.registry,
    clickhouse: harness.clickhouse,
    secure: harness.secure,
    control: { url: controlUrl },
    javaClientsClasspath: harness.javaClientsClasspath,
    workDir: harness.workDir,
    logs: harness.logs,
    pids: [process.pid, ...harness.pids],
    ...('cluster' in harness ? { cluster: (harness as ClusterHarness).cluster } : {}),
  };
  writeFileSync(envFilePath, envLines(env));
  writeFileSync(envJsonPath, `${JSON.stringify(env, null, 2)}\n`);
  writeFileSync(pidFilePath, `${env.pids.join('\n')}\n`);
}

/**
 * The fault-injection endpoint on a loopback port of its own (the sink tier's way in): POST /clickhouse/stop,
 * /clickhouse/start, /connect/kill, /connect/start (and the cluster's, cluster-control.ts). Each answers once the change
 * is done; env.json is rewritten after each (pids change).
 */
async function startControl(harness: Harness, changed: () => void): Promise<string> {
  const actions: Record<string, () => Promise<void>> = {
    '/clickhouse/stop': harness.control.clickhouseStop,
    '/clickhouse/start': harness.control.clickhouseStart,
    '/connect/kill': harness.control.connectKill,
    '/connect/start': harness.control.connectStart,
  };
  const port = await freePort();
  const server = createServer((req, res) => {
    const clusterAction = 'cluster' in harness ? clusterControlAction((harness as ClusterHarness).control, req.url ?? '') : undefined;
    const action = req.method === 'POST' ? (actions[req.url ?? ''] ?? clusterAction) : undefined;
    if (!action) {
      res
        .writeHead(404, { 'Content-Type': 'text/plain' })
        .end(
          `harness control: POST one of ${Object.keys(actions).join(', ')}${'cluster' in harness ? ', /kafka/brokers/<id>/stop|start, /connect/workers/<n>/kill|start' : ''}\n`,
        );
      return;
    }
    log(`harness: control ${req.url}`);
    const t0 = Date.now();
    action().then(
      () => {
        log(`harness: control ${req.url} done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
        changed(); // the pids in env.json change when a process stops or starts
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('done\n');
      },
      (error: unknown) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${(error as Error).message}\n`),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  server.unref();
  return `http://127.0.0.1:${port}`;
}

/** SIGTERM to `serve` (which stops its children); anything still alive after 30 s is killed. */
async function down(): Promise<void> {
  if (!existsSync(pidFilePath)) return;
  const pids = readFileSync(pidFilePath, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  const [servePid, ...children] = pids;
  if (servePid !== undefined && isAlive(servePid)) process.kill(servePid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && pids.some(isAlive)) await new Promise((resolve) => setTimeout(resolve, 200));
  for (const pid of [servePid, ...children]) if (pid !== undefined && isAlive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(envJsonPath, { force: true });
  rmSync(envFilePath, { force: true });
  rmSync(pidFilePath, { force: true });
  log('harness: down');
}

function envLines(env: HarnessEnv): string {
  return (
    Object.entries(toEnvVars(env))
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n'
  );
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
