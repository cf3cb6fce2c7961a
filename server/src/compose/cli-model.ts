import { execFile, type ExecFileException } from 'node:child_process';
import { AppError } from '../errors/app-error.ts';
import { isRecord, toService, type ComposeModel } from './model.ts';

type Env = Record<string, string | undefined>;

/** Asks the Compose v2 CLI for a project's resolved configuration (`docker compose config --format json`). */
export interface ComposeConfigCli {
  /** The Compose version, or null when `docker compose` is not available here (then the panel parses the file). */
  version(): Promise<string | null>;
  /** The resolved project as Compose prints it; rejects with a specific AppError naming the file. */
  config(composePath: string, projectDir: string, env: Env): Promise<unknown>;
}

export const COMPOSE_CONFIG_TIMEOUT_MS = 15_000;

/** What the CLI needs from the real environment to find its plugin and the daemon, whatever env the caller passes. */
const CLI_ENV = ['PATH', 'HOME', 'DOCKER_HOST', 'DOCKER_CONFIG', 'DOCKER_CONTEXT', 'DOCKER_CERT_PATH', 'DOCKER_TLS_VERIFY'];

interface Run {
  error: ExecFileException | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Env, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    execFile('docker', args, { env: env as NodeJS.ProcessEnv, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ error, stdout, stderr }),
    );
  });
}

/** The `docker compose` on PATH, bounded by `timeoutMs` per call. */
export function dockerComposeCli(timeoutMs = COMPOSE_CONFIG_TIMEOUT_MS): ComposeConfigCli {
  let version: Promise<string | null> | null = null;
  const baseEnv = Object.fromEntries(CLI_ENV.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]));
  return {
    version() {
      version ??= run(['compose', 'version', '--short'], baseEnv, timeoutMs).then(({ error, stdout }) =>
        error || stdout.trim() === '' ? null : stdout.trim(),
      );
      return version;
    },
    async config(composePath, projectDir, env) {
      const args = ['compose', '--file', composePath, '--project-directory', projectDir, 'config', '--format', 'json'];
      // PWD is the project directory, so `${PWD}` in the file means what it means when Compose runs from the repo root.
      const { error, stdout, stderr } = await run(args, { ...baseEnv, ...env, PWD: projectDir }, timeoutMs);
      if (error?.killed || error?.signal === 'SIGTERM') {
        throw new AppError(
          504,
          'COMPOSE_CLI_TIMEOUT',
          `docker compose config did not answer within ${Math.round(timeoutMs / 1000)} s for ${composePath}`,
          { file: composePath, hint: `Run \`docker compose -f ${composePath} config\` by hand to see what it waits for` },
        );
      }
      if (error) {
        const said = stderr.trim().split('\n').slice(-3).join(' ') || error.message;
        throw new AppError(400, 'COMPOSE_INVALID', `docker compose config rejected ${composePath}: ${said}`, {
          file: composePath,
          composeMessage: said,
          hint: `Fix the file, then check it with \`docker compose -f ${composePath} config\``,
        });
      }
      try {
        return JSON.parse(stdout) as unknown;
      } catch (parseError) {
        throw new AppError(
          502,
          'COMPOSE_CLI_FAILED',
          `docker compose config printed no JSON for ${composePath}: ${(parseError as Error).message}`,
          {
            file: composePath,
          },
        );
      }
    },
  };
}

/** The panel's model of the project Compose resolved (profiles, `extends`, `include` and interpolation already applied). */
export function modelFromConfig(config: unknown, composePath: string): ComposeModel {
  if (!isRecord(config) || !isRecord(config.services)) {
    throw new AppError(502, 'COMPOSE_CLI_FAILED', `docker compose config printed no "services" for ${composePath}`, { file: composePath });
  }
  return {
    name: typeof config.name === 'string' && config.name !== '' ? config.name : null,
    services: Object.entries(config.services).map(([name, spec]) => toService(name, spec, true)),
    source: 'compose-cli',
  };
}
