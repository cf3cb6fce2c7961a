import assert from 'node:assert/strict';
import { createServer, type Server, type Socket, connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { StackEvent, StackSnapshot, LogLine } from '@pipeline-panel/server/contracts';
import { buildApp } from '@pipeline-panel/server/app';
import { ComposeSource } from '@pipeline-panel/server/compose/source';
import { createDockerClient, ProjectDocker, StackMonitor } from '@pipeline-panel/server/docker/index';
import { panelHeader } from '../lib/panel-header.ts';
import {
  buildFixtureImage,
  busyboxMissingReason,
  containerIdOf,
  docker,
  dockerUnavailableReason,
  downProject,
  findComposeCli,
  fixtureComposeFile,
  fixtureImage,
  fixtureProjectDir,
  uniqueProjectName,
  upProject,
  type ComposeCli,
} from '../harness/docker-fixture/index.ts';

const skipReason =
  (await dockerUnavailableReason()) ??
  busyboxMissingReason() ??
  ((await findComposeCli()) ? null : 'no Compose CLI (docker compose or docker-compose)');
if (skipReason) console.log(`# skipping Docker integration tests: ${skipReason}`);

const project = uniqueProjectName();
let cli: ComposeCli;
let projectDocker: ProjectDocker;
let monitor: StackMonitor;
const foreign: string[] = [];

function newProjectDocker(dockerHost: string | null = null): ProjectDocker {
  const compose = new ComposeSource(fixtureComposeFile, fixtureProjectDir, { processEnv: {} });
  return new ProjectDocker({ docker: createDockerClient(dockerHost), project, declared: async () => (await compose.model()).services });
}

/** Resolves with the first event (pushed by the monitor, never polled) that satisfies the predicate. */
function nextSnapshot(m: StackMonitor, predicate: (s: StackSnapshot) => boolean, timeoutMs = 30_000): Promise<StackSnapshot> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching stack event within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = m.subscribe((event: StackEvent) => {
      if (event.type === 'snapshot' && predicate(event.snapshot)) {
        clearTimeout(timer);
        unsubscribe();
        resolve(event.snapshot);
      }
    });
  });
}

const svc = (s: StackSnapshot, name: string) => s.services.find((x) => x.service === name)!;
const allUp = (s: StackSnapshot) =>
  svc(s, 'db').health === 'healthy' && svc(s, 'api').health === 'healthy' && svc(s, 'worker').state === 'running';

describe('Docker module against the real Docker Engine', { skip: skipReason ?? false }, () => {
  before(async () => {
    cli = (await findComposeCli())!;
    console.log(`# compose CLI: ${cli.label}; project ${project}`);
    await buildFixtureImage();
    projectDocker = newProjectDocker();
    const compose = new ComposeSource(fixtureComposeFile, fixtureProjectDir, { processEnv: {} });
    monitor = new StackMonitor({ projectDocker, compose, composeFile: fixtureComposeFile });
    monitor.start();
  });

  after(async () => {
    await monitor?.stop();
    for (const id of foreign) await docker(['rm', '-f', id]).catch(() => undefined);
    if (cli) await downProject(cli, project);
  });

  test('declared services without containers are reported as not-created', async () => {
    const snapshot = await monitor.snapshot();
    assert.equal(snapshot.dockerReachable, true);
    assert.deepEqual(
      snapshot.services.map((s) => [s.service, s.state]),
      [
        ['db', 'not-created'],
        ['api', 'not-created'],
        ['worker', 'not-created'],
      ],
    );
    assert.equal(snapshot.overall, 'down');
    assert.deepEqual(snapshot.graph.waves, [['db'], ['api'], ['worker']]);
  });

  test('compose up: states and health reach healthy through the event stream', async () => {
    const healthy = nextSnapshot(monitor, allUp, 90_000);
    await upProject(cli, project);
    const snapshot = await healthy;
    assert.equal(snapshot.overall, 'healthy');
    const db = svc(snapshot, 'db');
    assert.equal(db.image, fixtureImage);
    assert.ok(db.containerId && db.startedAt && db.healthySince);
    assert.equal(typeof db.timeToHealthyMs, 'number');
    assert.equal(svc(snapshot, 'worker').health, 'none');
    assert.equal(svc(snapshot, 'worker').hasHealthcheck, false);
  });

  test('a failing healthcheck turns the service unhealthy, and healthy again', async () => {
    const id = await containerIdOf(project, 'db');
    const unhealthy = nextSnapshot(monitor, (s) => svc(s, 'db').health === 'unhealthy');
    await docker(['exec', id, 'rm', '/tmp/healthy']);
    const down = await unhealthy;
    assert.equal(down.overall, 'degraded');
    const healthy = nextSnapshot(monitor, (s) => svc(s, 'db').health === 'healthy');
    await docker(['exec', id, 'touch', '/tmp/healthy']);
    assert.equal(svc(await healthy, 'db').healthySince !== null, true);
  });

  test('a panel started after the containers says "healthy in" is unknown; the one that watched the start keeps it', async () => {
    // After the blip above, Docker's last five health results are recent probes around a recovery: not the start-up.
    const id = await containerIdOf(project, 'db');
    const inspect = async () =>
      JSON.parse(await docker(['inspect', '--format', '{{json .State}}', id])) as {
        StartedAt: string;
        Health: { Log: { Start: string }[] };
      };
    for (let i = 0; i < 40; i++) {
      const state = await inspect();
      if (state.Health.Log.length >= 5 && Date.parse(state.Health.Log[0]!.Start) - Date.parse(state.StartedAt) > 3_000) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const late = svc({ services: await newProjectDocker().serviceStatuses() } as StackSnapshot, 'db');
    assert.equal(late.health, 'healthy');
    assert.equal(late.timeToHealthyMs, null, 'unknown, not the time to the recovery');
    assert.equal(late.healthySince, null);
    const watched = svc(await monitor.snapshot(), 'db');
    assert.equal(typeof watched.timeToHealthyMs, 'number');
    assert.ok(watched.timeToHealthyMs! < 10_000, `the start-up transition, not the recovery (${watched.timeToHealthyMs} ms)`);
  });

  test('stopping a container outside the panel reaches subscribers as a new snapshot', async () => {
    const stopped = nextSnapshot(monitor, (s) => svc(s, 'worker').state === 'exited');
    await docker(['stop', '--time', '2', await containerIdOf(project, 'worker')]);
    const snapshot = await stopped;
    assert.equal(snapshot.overall, 'degraded');
  });

  test('start through the module is idempotent and reports what changed', async () => {
    const running = nextSnapshot(monitor, (s) => svc(s, 'worker').state === 'running');
    const started = await projectDocker.serviceAction('worker', 'start');
    assert.deepEqual([started.changed, started.action], [true, 'start']);
    await running;
    const again = await projectDocker.serviceAction('worker', 'start');
    assert.equal(again.changed, false);
    assert.match(again.message, /already running/);
  });

  test('restart a service through the module: a new start time is reported', async () => {
    const before = svc(await monitor.snapshot(), 'api').startedAt!;
    const restarted = nextSnapshot(
      monitor,
      (s) => svc(s, 'api').startedAt !== null && svc(s, 'api').startedAt! > before && svc(s, 'api').health === 'healthy',
      60_000,
    );
    const result = await projectDocker.serviceAction('api', 'restart');
    assert.equal(result.changed, true);
    await restarted;
  });

  test('logs: bounded tail with stdout and stderr separated and timestamps', async () => {
    const lines: LogLine[] = [];
    const stream = await projectDocker.serviceLogs('db', { tail: 6, follow: false }, (l) => lines.push(l));
    await stream.done;
    assert.ok(lines.length > 0 && lines.length <= 6, `got ${lines.length} lines`);
    assert.ok(lines.some((l) => l.stream === 'stdout' && /^db out \d+$/.test(l.line)));
    assert.ok(lines.some((l) => l.stream === 'stderr' && /^db err \d+$/.test(l.line)));
    assert.ok(lines.every((l) => l.ts !== null && !Number.isNaN(Date.parse(l.ts))));
  });

  test('logs: follow delivers new lines until closed', async () => {
    const seen: LogLine[] = [];
    let resolveNew!: () => void;
    const gotNew = new Promise<void>((r) => (resolveNew = r));
    const stream = await projectDocker.serviceLogs('worker', { tail: 0, follow: true }, (l) => {
      seen.push(l);
      resolveNew();
    });
    await gotNew;
    stream.close();
    await stream.done;
    assert.equal(seen[0]!.line, 'worker tick');
  });

  test('a container outside the project is refused (403 NOT_IN_PROJECT)', async () => {
    const id = await docker(['run', '-d', fixtureImage, 'sleep', '300']);
    foreign.push(id);
    await assert.rejects(projectDocker.containerAction(id, 'restart'), { statusCode: 403, code: 'NOT_IN_PROJECT' });
    await assert.rejects(
      projectDocker.containerLogs(id, { tail: 5, follow: false }, () => undefined),
      { statusCode: 403, code: 'NOT_IN_PROJECT' },
    );
  });

  test('a container with the project label but no declared service is refused, by id and by name', async () => {
    const id = await docker([
      'run',
      '-d',
      '--label',
      `com.docker.compose.project=${project}`,
      '--label',
      'com.docker.compose.service=intruder',
      fixtureImage,
      'sleep',
      '300',
    ]);
    foreign.push(id);
    await assert.rejects(projectDocker.containerAction(id, 'stop'), { statusCode: 403, code: 'NOT_IN_PROJECT' });
    await assert.rejects(projectDocker.serviceAction('intruder', 'restart'), { statusCode: 403, code: 'NOT_IN_PROJECT' });
    await assert.rejects(
      projectDocker.serviceLogs('intruder', { tail: 5, follow: false }, () => undefined),
      { statusCode: 403 },
    );
    await assert.rejects(projectDocker.serviceAction('nosuchservice', 'start'), { statusCode: 404, code: 'UNKNOWN_SERVICE' });
    assert.equal(await docker(['inspect', '--format', '{{.State.Running}}', id]), 'true', 'the intruder was not touched');

    const app = await buildApp({
      info: { project, composeFile: fixtureComposeFile },
      security: { allowedHosts: ['127.0.0.1:8420'], allowedOrigins: ['http://127.0.0.1:8420'], token: null },
      stack: monitor,
      probes: { runAll: async () => [] },
      services: { action: (s, a) => projectDocker.serviceAction(s, a), logs: (s, o, l) => projectDocker.serviceLogs(s, o, l) },
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/services/intruder/restart',
      headers: { host: '127.0.0.1:8420', origin: 'http://127.0.0.1:8420', ...panelHeader },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'NOT_IN_PROJECT');
    await app.close();
  });

  test('re-attaches after the daemon connection drops (dockerReachable=false meanwhile)', async () => {
    // A socket proxy we can cut stands in for a daemon restart; the real daemon stays up for everyone else.
    const socketPath = `/tmp/panel-docker-proxy-${process.pid}.sock`;
    const sockets = new Set<Socket>();
    const startProxy = () =>
      new Promise<Server>((resolve) => {
        const server = createServer((client) => {
          const upstream = connect('/var/run/docker.sock');
          sockets.add(client).add(upstream);
          client.pipe(upstream).pipe(client);
          const cleanup = () => {
            client.destroy();
            upstream.destroy();
          };
          client.on('error', cleanup).on('close', cleanup);
          upstream.on('error', cleanup).on('close', cleanup);
        });
        server.listen(socketPath, () => resolve(server));
      });
    let proxy = await startProxy();
    const viaProxy = newProjectDocker(`unix://${socketPath}`);
    const compose = new ComposeSource(fixtureComposeFile, fixtureProjectDir, { processEnv: {} });
    const proxied = new StackMonitor({ projectDocker: viaProxy, compose, composeFile: fixtureComposeFile, maxBackoffMs: 500 });
    const connected = nextSnapshot(proxied, (s) => s.dockerReachable && allUp(s), 30_000);
    proxied.start();
    await connected;
    try {
      const lost = nextSnapshot(proxied, (s) => !s.dockerReachable);
      const closed = new Promise<void>((r) => proxy.close(() => r()));
      for (const s of sockets) s.destroy();
      await closed;
      const down = await lost;
      assert.equal(down.overall, 'unknown');
      assert.match(down.dockerError ?? '', /not reachable/);
      const back = nextSnapshot(proxied, (s) => s.dockerReachable);
      proxy = await startProxy();
      assert.equal((await back).dockerReachable, true);
    } finally {
      await proxied.stop();
      const closed = new Promise<void>((r) => proxy.close(() => r()));
      for (const s of sockets) s.destroy();
      await closed;
    }
  });
});
