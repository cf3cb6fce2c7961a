/**
 * The Compose v2 CLI's own model of a compose file (`docker compose config --format json`): variables interpolated,
 * YAML merge keys and short syntax resolved, so tests read what Compose would run, not the text.
 */
import { run, type ComposeCli } from './compose-cli.ts';

export interface ComposeJsonService {
  image?: string;
  hostname?: string;
  build?: { context: string; dockerfile?: string; args?: Record<string, string> };
  pull_policy?: string;
  restart?: string;
  entrypoint?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string | null>;
  volumes?: Array<{ type: string; source: string; target: string; read_only?: boolean }>;
  ports?: Array<{ host_ip?: string; target: number; published: string }>;
  mem_limit?: string;
  ulimits?: Record<string, { soft: number; hard: number }>;
  networks?: Record<string, { aliases?: string[] } | null>;
}

export interface ComposeJsonModel {
  name: string;
  services: Record<string, ComposeJsonService>;
  volumes?: Record<string, { name: string }>;
}

export function composeConfigJson(
  cli: ComposeCli,
  options: { cwd: string; file: string; envFiles: string[]; env: NodeJS.ProcessEnv; project?: string },
): ComposeJsonModel {
  const args = [
    ...cli.command,
    ...options.envFiles.flatMap((f) => ['--env-file', f]),
    ...(options.project ? ['-p', options.project] : []),
    '-f',
    options.file,
    'config',
    '--format',
    'json',
  ];
  const result = run(args, { cwd: options.cwd, env: options.env });
  if (result.status !== 0) throw new Error(`${cli.label} config -f ${options.file} failed: ${result.stderr || result.error}`);
  return JSON.parse(result.stdout) as ComposeJsonModel;
}

/** A service's environment with every value as a string ('' for a declared but empty variable). */
export function envOf(service: ComposeJsonService): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, v ?? '']));
}

/** Compose's mem_limit (bytes, as a string in the JSON model) in MiB. */
export function memLimitMiB(service: ComposeJsonService): number {
  return Number(service.mem_limit) / 1024 / 1024;
}

/** The -Xmx of a JVM options string in MiB (k/m/g suffixes), or null when it sets none. */
export function maxHeapMiB(opts: string): number | null {
  const m = /-Xmx(\d+)([kKmMgG])?/.exec(opts);
  if (!m) return null;
  const unit = (m[2] ?? '').toLowerCase();
  const n = Number(m[1]);
  return unit === 'g' ? n * 1024 : unit === 'm' ? n : unit === 'k' ? n / 1024 : n / 1024 / 1024;
}
