/**
 * Reset on the REAL Docker Engine with the REAL `docker compose` v2 CLI, bootstrapping against the harness services.
 * A busybox compose project (db with a named volume ← api ← worker, plus a `panel` service standing for the panel
 * running inside compose) next to decoys with a similar name prefix: an unlabelled volume and container, and a
 * volume and container labelled with ANOTHER project. The reset must remove exactly the project's volumes.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect as tcpConnect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ResetPlan, ResetReport, ResetStep, StartResetResponse } from '@pipeline-panel/server/contracts';
import { buildApp } from '@pipeline-panel/server/app';
import { createClickHouseClient } from '@pipeline-panel/server/clickhouse/index';
import { ComposeSource } from '@pipeline-panel/server/compose/index';
import { createConnectClient } from '@pipeline-panel/server/connect/index';
import { createDockerClient, ProjectDocker } from '@pipeline-panel/server/docker/index';
import { createRegistryClient } from '@pipeline-panel/server/registry/index';
import { createRepoFiles } from '@pipeline-panel/server/repo-files/index';
import { ResetService } from '@pipeline-panel/server/reset/index';
import {
  buildFixtureImage,
  busyboxMissingReason,
  dockerUnavailableReason,
  findComposeCli,
  fixtureImage,
  uniqueProjectName,
} from '../harness/docker-fixture/index.ts';
import { freePort } from '../harness/ports.ts';
import { liveHarnessEnv, type HarnessEnv } from '../harness/state.ts';
import { acquireHarness } from './pipeline-support.ts';
import { run as runCommand } from '../lib/compose-cli.ts';
import { panelHeader } from '../lib/panel-header.ts';

const HOST = 'localhost:80';
type FastifyInstance = Awaited<ReturnType<typeof buildApp>>;
const PROJECT_LABEL = 'com.docker.compose.project';

async function skipReason(): Promise<string | null> {
  const docker = await dockerUnavailableReason();
  if (docker) return docker;
  if (busyboxMissingReason()) return busyboxMissingReason();
  if ((await findComposeCli())?.version !== 'v2') return 'the Docker Compose v2 CLI (`docker compose`) is not installed';
  if (runCommand(['java', '-version'], { timeoutMs: 20_000 }).status !== 0 && !liveHarnessEnv())
    return 'java is not installed (the harness needs it)';
  return null;
}

const reason = await skipReason();
const project = uniqueProjectName('ppreset');
const runId = project.replace(/^ppreset/, '');
const database = `reset_${runId}`;
const topic = `reset-${runId}`;
const subject = `${topic}-value`;
const connectorName = `reset-file-sink-${runId}`;

const composeYaml = `services:
  db:
    image: ${fixtureImage}
    command: ["sh", "-c", "trap 'exit 0' TERM; touch /tmp/healthy; while true; do sleep 1; done"]
    stop_grace_period: 2s
    volumes:
      - db-data:/data
    healthcheck:
      test: ["CMD", "test", "-f", "/tmp/healthy"]
      interval: 1s
      timeout: 1s
      retries: 2
  api:
    image: ${fixtureImage}
    command: ["sh", "-c", "trap 'exit 0' TERM; touch /tmp/healthy; while true; do sleep 1; done"]
    stop_grace_period: 2s
    healthcheck:
      test: ["CMD", "test", "-f", "/tmp/healthy"]
      interval: 1s
      timeout: 1s
      retries: 2
    depends_on:
      db:
        condition: service_healthy
  worker:
    image: ${fixtureImage}
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
    stop_grace_period: 2s
    depends_on: [api]
  # Stands for the panel running inside compose: the reset must keep it (and its volume) untouched.
  panel:
    image: ${fixtureImage}
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
    stop_grace_period: 2s
    volumes:
      - panel-cache:/cache
volumes:
  db-data:
  panel-cache:
`;

function sh(args: string[], timeoutMs = 120_000): string {
  const result = runCommand(args, { timeoutMs });
  if (result.status !== 0)
    throw new Error(`${args.join(' ')} failed (${result.status ?? result.error}): ${result.stderr || result.stdout}`);
  return result.stdout.trim();
}

const docker = (...args: string[]) => sh(['docker', ...args]);
const volumes = () =>
  docker('volume', 'ls', '--format', '{{.Name}}')
    .split('\n')
    .filter((n) => n.includes(project))
    .sort();
const containers = () =>
  docker('ps', '-a', '--format', '{{.ID}} {{.Names}} {{.State}}')
    .split('\n')
    .filter((l) => l.includes(project))
    .sort();
const idOf = (service: string) =>
  docker(
    'ps',
    '-aq',
    '--no-trunc',
    '--filter',
    `label=${PROJECT_LABEL}=${project}`,
    '--filter',
    `label=com.docker.compose.service=${service}`,
  );
const readMarker = (service: string, path: string) =>
  runCommand(['docker', 'exec', idOf(service), 'cat', path], { timeoutMs: 30_000 }).stdout.trim();

/** A TCP forwarder that can be opened later on a reserved port: "Kafka Connect is down, then comes up". */
function forwarder(targetPort: number): Server {
  return createServer((socket) => {
    const upstream = tcpConnect(targetPort, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    const close = () => {
      socket.destroy();
      upstream.destroy();
    };
    socket.on('error', close);
    upstream.on('error', close);
  });
}

/** Starts a reset and reads its SSE stream to the end (the `done` event closes it). */
async function runReset(
  app: FastifyInstance,
  body: Record<string, unknown>,
): Promise<{ started: StartResetResponse; events: { event: string; data: unknown }[]; report: ResetReport }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/reset',
    headers: { host: HOST, 'content-type': 'application/json', ...panelHeader },
    payload: JSON.stringify(body),
  });
  assert.equal(res.statusCode, 202, res.body);
  const started = res.json<StartResetResponse>();
  const stream = await app.inject({ method: 'GET', url: `/api/reset/${started.operationId}/events`, headers: { host: HOST } });
  const events = stream.body
    .split('\n\n')
    .filter((frame) => frame.startsWith('event: '))
    .map((frame) => {
      const [eventLine, dataLine] = frame.split('\n');
      return { event: eventLine!.slice('event: '.length), data: JSON.parse(dataLine!.slice('data: '.length)) as unknown };
    });
  const done = events.find((e) => e.event === 'done');
  assert.ok(done, `the stream ended without a done event:\n${stream.body.slice(-2000)}`);
  return { started, events, report: done.data as ResetReport };
}

const stepOf = (report: ResetReport, id: ResetStep['id']) => report.steps.find((s) => s.id === id)!;

describe('reset volumes on the real Docker Engine', { skip: reason ?? false, timeout: 900_000 }, () => {
  let env: Pick<HarnessEnv, 'connect' | 'registry' | 'clickhouse'>;
  let stopHarness = async () => {};
  let dir: string;
  let app: FastifyInstance;
  let service: ResetService;
  let proxy: Server;
  let proxyPort: number;
  const clickhouse = () =>
    createClickHouseClient({
      url: env.clickhouse.url,
      username: env.clickhouse.user,
      password: env.clickhouse.password,
      timeoutMs: 10_000,
    });
  let ch: ReturnType<typeof createClickHouseClient>;
  const composeArgs = () => [
    'docker',
    'compose',
    '--project-name',
    project,
    '--project-directory',
    dir,
    '--file',
    join(dir, 'docker-compose.yml'),
  ];

  before(
    async () => {
      ({ env, stop: stopHarness } = await acquireHarness());
      await buildFixtureImage();
      dir = mkdtempSync(join(tmpdir(), 'pipeline-panel-reset-'));
      mkdirSync(join(dir, 'sql'));
      mkdirSync(join(dir, 'connectors'));
      writeFileSync(join(dir, 'docker-compose.yml'), composeYaml);
      writeFileSync(
        join(dir, 'sql', '001_events.sql'),
        `CREATE DATABASE IF NOT EXISTS ${database};\nCREATE TABLE IF NOT EXISTS ${database}.events (id UInt64, note String) ENGINE = MergeTree ORDER BY id;\n`,
      );
      writeFileSync(
        join(dir, 'connectors', `${topic}-value.avsc`),
        JSON.stringify({
          type: 'record',
          name: 'ResetEvent',
          namespace: 'panel.reset',
          fields: [
            { name: 'id', type: 'long' },
            { name: 'note', type: 'string' },
          ],
        }),
      );
      writeFileSync(
        join(dir, 'connectors', 'reset-file-sink.json'),
        JSON.stringify({
          name: connectorName,
          config: {
            'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
            'tasks.max': '1',
            topics: topic,
            file: join(dir, 'sink-out.txt'),
            'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
          },
        }),
      );

      sh([...composeArgs(), 'up', '--detach', '--wait'], 300_000);
      docker('exec', idOf('db'), 'sh', '-c', 'echo before-reset > /data/marker');
      docker('exec', idOf('panel'), 'sh', '-c', 'echo panel-state > /cache/marker');
      // Decoys: a similar name prefix, but no project label or another project's label.
      docker('volume', 'create', `${project}_db-data-decoy`);
      docker('volume', 'create', '--label', `${PROJECT_LABEL}=${project}-other`, `${project}_other-project`);
      docker('run', '-d', '--name', `${project}-decoy-1`, '-v', `${project}_db-data-decoy:/data`, fixtureImage, 'sleep', '3600');
      docker(
        'run',
        '-d',
        '--name',
        `${project}-other-1`,
        '--label',
        `${PROJECT_LABEL}=${project}-other`,
        '--label',
        'com.docker.compose.service=db',
        fixtureImage,
        'sleep',
        '3600',
      );

      proxyPort = await freePort();
      proxy = forwarder(Number(new URL(env.connect.url).port));
      ch = clickhouse();
      const compose = new ComposeSource(join(dir, 'docker-compose.yml'), dir, { processEnv: {} });
      service = new ResetService({
        target: { project, projectDir: dir, composePath: join(dir, 'docker-compose.yml') },
        projectDocker: new ProjectDocker({
          docker: createDockerClient(null),
          project,
          declared: async () => (await compose.model()).services,
        }),
        declared: async () => (await compose.model()).services,
        bootstrap: {
          projectDir: dir,
          files: createRepoFiles(dir),
          clickhouse: ch,
          registry: createRegistryClient({ url: env.registry.url, timeoutMs: 10_000 }),
          // Kafka Connect reached through the forwarder, which is closed until the failure test is over.
          connect: createConnectClient({ url: `http://127.0.0.1:${proxyPort}`, timeoutMs: 10_000 }),
        },
        settings: { selfService: 'panel', upTimeoutMs: 300_000, healthyTimeoutMs: 120_000, bootstrapWaitMs: 1_500 },
        selfIds: [],
      });
      const unused = () => {
        throw new Error('not part of the reset tests');
      };
      app = await buildApp({
        info: { project, composeFile: join(dir, 'docker-compose.yml') },
        security: { allowedHosts: [HOST], allowedOrigins: ['http://localhost:80'], token: null },
        stack: { snapshot: unused, subscribe: unused },
        probes: { runAll: unused },
        services: { action: unused, logs: unused },
        reset: service,
      });
    },
    { timeout: 900_000 },
  );

  after(
    async () => {
      await app?.close();
      await ch?.close();
      await new Promise<void>((resolve) => (proxy?.listening ? proxy.close(() => resolve()) : resolve()));
      if (dir) runCommand([...composeArgs(), 'down', '--volumes', '--remove-orphans', '--timeout', '2'], { timeoutMs: 120_000 });
      runCommand(['docker', 'rm', '-f', `${project}-decoy-1`, `${project}-other-1`]);
      runCommand(['docker', 'volume', 'rm', `${project}_db-data-decoy`, `${project}_other-project`]);
      if (env) await fetch(`${env.connect.url}/connectors/${connectorName}`, { method: 'DELETE' }).catch(() => undefined);
      if (dir) rmSync(dir, { recursive: true, force: true });
      await stopHarness();
    },
    { timeout: 180_000 },
  );

  test('a wrong confirmation is refused with 400 and changes nothing', async () => {
    const [volumesBefore, containersBefore] = [volumes(), containers()];
    for (const payload of [{ confirm: `${project}x` }, { confirm: project.toUpperCase() }, {}]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/reset',
        headers: { host: HOST, 'content-type': 'application/json', ...panelHeader },
        payload: JSON.stringify(payload),
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().code, 'CONFIRMATION_MISMATCH');
    }
    assert.deepEqual(volumes(), volumesBefore);
    assert.deepEqual(containers(), containersBefore);
    assert.equal(readMarker('db', '/data/marker'), 'before-reset');
    assert.equal((await app.inject({ method: 'GET', url: '/api/reset/latest', headers: { host: HOST } })).statusCode, 404);
  });

  test('the plan lists exactly the project volumes and containers, keeping the panel and ignoring decoys', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/reset/plan', headers: { host: HOST } });
    assert.equal(res.statusCode, 200, res.body);
    const plan = res.json<ResetPlan>();
    assert.deepEqual(
      plan.containers.map((c) => c.service),
      ['api', 'db', 'worker'],
    );
    assert.deepEqual(
      plan.volumes.map((v) => v.name),
      [`${project}_db-data`],
    );
    assert.deepEqual(plan.services, ['db', 'api', 'worker']);
    assert.deepEqual(plan.excluded.map((e) => `${e.kind}:${e.name}`).sort(), [
      `container:${project}-panel-1`,
      `service:panel`,
      `volume:${project}_panel-cache`,
    ]);
    assert.equal(plan.panel.insideProject, true);
    assert.deepEqual(plan.bootstrap, {
      sql: ['001_events.sql'],
      schemas: [{ file: `${topic}-value.avsc`, subject }],
      connectors: ['reset-file-sink.json'],
    });
  });

  let failedRun: ResetReport;

  test('with Kafka Connect down the reset stops at the connectors, reporting done and left; the project volume is fresh, decoys survive', async () => {
    const panelId = idOf('panel');
    const oldDb = idOf('db');
    const { report, events } = await runReset(app, { confirm: project });
    failedRun = report;
    assert.equal(report.status, 'failed', JSON.stringify(report, null, 2));
    assert.equal(report.failure?.step, 'bootstrap-connectors');
    assert.equal(report.failure?.service, 'Kafka Connect');
    assert.match(report.failure!.message, /connection refused/);
    assert.match(report.failure!.fix, /run the reset again/);
    assert.deepEqual(report.left, ['Re-deploy connectors']);
    assert.ok(report.done.includes('Remove volumes') && report.done.includes('Re-apply sql/') && report.done.includes('Report'));

    // Streamed: every step went running → ok, in order, each with a start time and a duration.
    const stepEvents = events.filter((e) => e.event === 'step').map((e) => e.data as ResetStep);
    const order = [...new Set(stepEvents.filter((s) => s.status === 'running').map((s) => s.id))];
    assert.deepEqual(order, [
      'inventory',
      'remove-containers',
      'remove-volumes',
      'start',
      'healthy',
      'bootstrap-sql',
      'bootstrap-schemas',
      'bootstrap-connectors',
      'report',
    ]);
    for (const step of report.steps) {
      assert.ok(step.startedAt && step.durationMs !== null, `${step.id} has timings`);
    }
    const removed = stepOf(report, 'remove-volumes').items;
    assert.deepEqual(
      removed.map((i) => [i.name, i.outcome]),
      [[`${project}_db-data`, 'removed']],
    );
    assert.ok(stepOf(report, 'start').lines.length > 0, 'the compose output is streamed into the step');

    // Exactly the project's volume was removed (and re-created empty by compose up); the rest is untouched.
    assert.deepEqual(
      volumes(),
      [`${project}_db-data`, `${project}_db-data-decoy`, `${project}_other-project`, `${project}_panel-cache`].sort(),
    );
    assert.equal(readMarker('db', '/data/marker'), '', 'the db volume is a fresh one');
    assert.notEqual(idOf('db'), oldDb);
    assert.equal(idOf('panel'), panelId, 'the panel container was not recreated');
    assert.equal(readMarker('panel', '/cache/marker'), 'panel-state');
    assert.match(
      containers().find((l) => l.includes(`${project}-decoy-1`))!,
      /running/,
    );
    assert.match(
      containers().find((l) => l.includes(`${project}-other-1`))!,
      /running/,
    );
    for (const s of ['db', 'api', 'worker'])
      assert.match(
        docker('inspect', '--format', '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}', idOf(s)),
        /^running( healthy)?$/,
      );

    // The bootstrap ran against the harness before Connect failed.
    const tables = await ch.rows<{ name: string }>('SELECT name FROM system.tables WHERE database = {db:String}', { db: database });
    assert.deepEqual(
      tables.map((t) => t.name),
      ['events'],
    );
    const versions = await (await fetch(`${env.registry.url}/subjects/${subject}/versions`)).json();
    assert.deepEqual(versions, [1]);
  });

  test('running it again once Connect is up resumes and finishes the job', async () => {
    await new Promise<void>((resolve) => proxy.listen(proxyPort, '127.0.0.1', () => resolve()));
    docker('exec', idOf('db'), 'sh', '-c', 'echo written-after-first-reset > /data/marker');
    const { started, report } = await runReset(app, { confirm: project });
    assert.equal(started.resumedFrom, failedRun.operationId);
    assert.equal(report.status, 'succeeded', JSON.stringify(report.failure));
    assert.deepEqual(report.left, []);
    for (const id of ['remove-containers', 'remove-volumes', 'bootstrap-sql', 'bootstrap-schemas'] as const)
      assert.equal(stepOf(report, id).status, 'skipped', id);
    assert.deepEqual(
      stepOf(report, 'bootstrap-connectors').items.map((i) => [i.name, i.outcome]),
      [[connectorName, 'created']],
    );
    // Resuming does not wipe what was written after the first run's removals.
    assert.equal(readMarker('db', '/data/marker'), 'written-after-first-reset');
    const deployed = (await (await fetch(`${env.connect.url}/connectors/${connectorName}/config`)).json()) as Record<string, string>;
    assert.equal(deployed.topics, topic);
    const latest = await app.inject({ method: 'GET', url: '/api/reset/latest', headers: { host: HOST } });
    assert.equal(latest.json<ResetReport>().operationId, started.operationId);
  });

  test('a full reset from scratch removes the data again and re-runs an idempotent bootstrap', async () => {
    const { report } = await runReset(app, { confirm: project, fromScratch: true });
    assert.equal(report.status, 'succeeded', JSON.stringify(report.failure));
    assert.equal(report.resumedFrom, null);
    assert.equal(readMarker('db', '/data/marker'), '');
    assert.deepEqual(
      stepOf(report, 'bootstrap-schemas').items.map((i) => i.outcome),
      ['unchanged'],
    );
    assert.deepEqual(
      stepOf(report, 'bootstrap-connectors').items.map((i) => i.outcome),
      ['unchanged'],
    );
    assert.equal(readMarker('panel', '/cache/marker'), 'panel-state');
    assert.ok(volumes().includes(`${project}_db-data-decoy`) && volumes().includes(`${project}_other-project`));
  });
});

if (reason) console.log(`reset integration skipped: ${reason}`);
