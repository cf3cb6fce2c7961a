/**
 * The fuzz tier: schemathesis (PyPI, pinned, in a venv under e2e/.harness) generates requests from the panel's own
 * OpenAPI document and fails the run on any 5xx or any response that breaks its schema, status or content type.
 * The panel runs on loopback, as on a host, against the test harness's Kafka/Connect/registry/ClickHouse and a
 * busybox fixture compose project on the real Docker Engine — the only project it can touch.
 *
 * Exclusions, each because it must be:
 * - GET /api/stack/events never ends (a live stream of the stack): excluded.
 * - GET /api/services/{service}/logs follows forever by default: fuzzed with follow=false (fuzz/hooks.py).
 * - Topics are created for real: partitions capped at 4 (fuzz/hooks.py).
 * Real names (fuzz/seed.ts: a topic, its subject, a connector and its group, the orders pipeline's files) go into part
 * of the cases' paths, so successful lookups are fuzzed too, not only 404s.
 * POST /api/reset stays in: it needs the fixture project's name typed in `confirm`, which the fuzzer is not given,
 * and even a reset would only touch the fixture project (the panel is scoped to it by compose labels).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildFixtureImage,
  busyboxMissingReason,
  dockerUnavailableReason,
  downProject,
  findComposeCli,
  fixtureProjectDir,
  uniqueProjectName,
  upProject,
} from '../harness/docker-fixture/index.ts';
import { startHarness } from '../harness/index.ts';
import { repoRoot, startPanelServer, type PanelServer } from '../harness/panel-server.ts';
import { liveHarnessEnv, toEnvVars, type ServiceEnv } from '../harness/state.ts';
import { seedFuzzTargets } from './seed.ts';

export const SCHEMATHESIS_VERSION = '4.32.5';
/** Examples per operation and phase: ~55 operations × this stays within a few minutes on 2 cores. */
const MAX_EXAMPLES = Number(process.env.FUZZ_MAX_EXAMPLES ?? 25);
const SEED = process.env.FUZZ_SEED ?? '20260601';

const here = dirname(fileURLToPath(import.meta.url));
const venv = join(repoRoot, 'e2e', '.harness', 'fuzz-venv');
const schemathesis = join(venv, 'bin', 'schemathesis');

function skip(reason: string): never {
  console.log(`fuzz tier skipped: ${reason}`);
  process.exit(0);
}

function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; quiet?: boolean } = {}): number {
  const result = spawnSync(command, args, { stdio: options.quiet ? 'ignore' : 'inherit', env: options.env ?? process.env });
  return result.status ?? 1;
}

/** The pinned schemathesis in a venv of its own: nothing is installed globally. */
function ensureSchemathesis(): void {
  if (run('python3', ['-c', 'import venv, ensurepip'], { quiet: true }) !== 0) skip('python3 with venv/ensurepip is not installed');
  const installed = spawnSync(schemathesis, ['--version'], { encoding: 'utf8' });
  if (installed.status === 0 && installed.stdout.includes(SCHEMATHESIS_VERSION)) return;
  rmSync(venv, { recursive: true, force: true });
  mkdirSync(dirname(venv), { recursive: true });
  if (run('python3', ['-m', 'venv', venv]) !== 0) skip('python3 -m venv failed');
  if (run(join(venv, 'bin', 'pip'), ['install', '--quiet', `schemathesis==${SCHEMATHESIS_VERSION}`]) !== 0)
    throw new Error(`pip could not install schemathesis==${SCHEMATHESIS_VERSION}`);
}

async function main(): Promise<void> {
  const docker = (await dockerUnavailableReason()) ?? busyboxMissingReason();
  if (docker) skip(docker);
  const cli = await findComposeCli();
  if (!cli) skip('no Docker Compose CLI found');
  ensureSchemathesis();

  let harness: ServiceEnv | undefined = liveHarnessEnv();
  let stopHarness = async () => {};
  if (!harness) {
    const { control: _inProcess, ...started } = await startHarness({ log: (line) => console.error(line) });
    harness = started;
    stopHarness = () => started.stop();
  }
  const services: ServiceEnv = harness;

  // A copy of the fixture project: whatever the fuzzer writes (wizard files) lands in a temp dir, not the repo.
  const projectDir = mkdtempSync(join(tmpdir(), 'pipeline-panel-fuzz-'));
  cpSync(fixtureProjectDir, projectDir, { recursive: true });
  mkdirSync(join(projectDir, 'sql'), { recursive: true });
  mkdirSync(join(projectDir, 'connectors'), { recursive: true });
  const project = uniqueProjectName('ppfuzz');
  await buildFixtureImage();
  let panel: PanelServer | null = null;
  let status: number;
  try {
    await upProject(cli, project);
    const known = await seedFuzzTargets(services, projectDir, 'api');
    panel = await startPanelServer({
      projectDir,
      projectName: project,
      env: { ...toEnvVars(services), PANEL_LOG_LEVEL: 'warn' },
      logFile: join(repoRoot, 'e2e', '.harness', 'fuzz-panel.log'),
    });
    console.log(
      `fuzz tier: schemathesis ${SCHEMATHESIS_VERSION} against ${panel.url} (project ${project}), ${MAX_EXAMPLES} examples per operation`,
    );
    const reportDir = join(repoRoot, 'e2e', '.harness', 'fuzz-report');
    status = run(
      schemathesis,
      [
        '--no-color',
        'run',
        `${panel.url}/api/openapi.json`,
        '--checks',
        'not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance',
        '--max-examples',
        String(MAX_EXAMPLES),
        '--seed',
        SEED,
        '--phases',
        'examples,coverage,fuzzing',
        '--workers',
        '2',
        '--request-timeout',
        '30',
        '--exclude-path',
        '/api/stack/events',
        // As a browser on the panel's own page sends them: the Host is the URL's, plus Origin and the panel header.
        '--header',
        `Origin: ${panel.url}`,
        '--header',
        'X-Pipeline-Panel: 1',
        '--suppress-health-check',
        'too_slow,filter_too_much',
        '--report',
        'junit',
        '--report-dir',
        reportDir,
      ],
      { env: { ...process.env, SCHEMATHESIS_HOOKS: join(here, 'hooks.py'), FUZZ_KNOWN_NAMES: JSON.stringify(known) } },
    );
  } finally {
    await panel?.stop();
    await downProject(cli, project).catch(() => undefined);
    rmSync(projectDir, { recursive: true, force: true });
    await stopHarness();
  }
  // One line the test run's totals read (scripts/test-totals.sh): the tier as one test.
  console.log(status === 0 ? '# pass 1' : '# fail 1');
  if (status !== 0) {
    console.error(`fuzz tier failed: see the report above (junit in e2e/.harness/fuzz-report; panel log e2e/.harness/fuzz-panel.log)`);
    process.exit(status);
  }
}

if (!existsSync(fixtureProjectDir)) skip(`fixture project missing at ${fixtureProjectDir}`);
await main();
