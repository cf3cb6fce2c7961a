import { execFile } from 'node:child_process';
import { AppError } from '../errors/app-error.ts';

export interface ComposeTarget {
  project: string;
  projectDir: string;
  composePath: string;
}

/**
 * Runs the Compose v2 CLI (`docker compose …`) for project-level operations, e.g. creating a service's
 * container. Single containers that already exist are handled through the Docker API instead.
 */
export function runCompose(target: ComposeTarget, args: string[], timeoutMs = 120_000): Promise<string> {
  const argv = [
    'compose',
    '--project-name',
    target.project,
    '--project-directory',
    target.projectDir,
    '--file',
    target.composePath,
    ...args,
  ];
  return new Promise((resolve, reject) => {
    execFile('docker', argv, { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT' || /unknown command|is not a docker command/i.test(stderr);
      reject(
        new AppError(
          missing ? 503 : 502,
          'COMPOSE_CLI_FAILED',
          missing
            ? 'The Docker Compose v2 CLI (`docker compose`) is not available to the panel'
            : `docker compose ${args.join(' ')} failed: ${stderr.trim().split('\n').slice(-3).join(' ') || error.message}`,
          {
            hint: missing
              ? 'Install the Compose plugin (docker compose version) or run the command yourself.'
              : `Run: docker compose ${args.join(' ')}`,
          },
          { cause: error },
        ),
      );
    });
  });
}
