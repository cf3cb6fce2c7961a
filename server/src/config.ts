import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDotEnv } from './compose/load.ts';
import { parseCompose } from './compose/parse.ts';
import { resolveProjectName } from './compose/project-name.ts';
import { readConnectionSettings, withoutUserInfo, type ConnectionSettings } from './connection-config.ts';
import { AppError } from './errors/app-error.ts';
import { fileVariantOf } from './repo-files/index.ts';

/**
 * `compose`: the panel watches and drives the compose project's containers. `remote`: the services are reached only at
 * their endpoints (a managed or existing cluster); start, stop, restart and reset are refused.
 */
export type PanelMode = 'compose' | 'remote';

export interface PanelConfig extends ConnectionSettings {
  mode: PanelMode;
  /** Why the panel runs in this mode (shown on the Stack screen). */
  modeReason: string;
  host: string;
  port: number;
  token: string | null;
  allowedOrigins: string[];
  allowedHosts: string[];
  projectDir: string;
  composeFile: string;
  /** Absolute path of the compose file. */
  composePath: string;
  /** The sql/ and connectors/ subfolder that goes with the compose file (repo-files fileVariantOf), or null. */
  fileVariant: string | null;
  project: string;
  dockerHost: string | null;
  kafkaBrokers: string[];
  schemaRegistryUrl: string;
  connectUrl: string;
  clickhouseUrl: string;
  clickhouseUser: string;
  clickhousePassword: string;
  staticDir: string;
  probeTimeoutMs: number;
  /** The Connect worker's offset.flush.interval.ms: the smoke test calls a sink stuck after three of them without progress. */
  sinkCommitIntervalMs: number;
  /** How much history the Pipelines screen's figures keep (and its lag trend reads, up to 2 minutes of it). */
  figuresWindowMs: number;
}

type Env = Record<string, string | undefined>;

const serverRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Walks up from `from` to the directory holding pnpm-workspace.yaml (the repo root). */
export function findRepoRoot(from: string): string | null {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Builds the typed config from the environment; throws CONFIG_INVALID listing every bad value. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): PanelConfig {
  const problems: string[] = [];
  const port = parsePort(env.PANEL_PORT, 8420, 'PANEL_PORT', problems);
  const host = env.PANEL_HOST?.trim() || '127.0.0.1';

  const projectDir = resolve(cwd, env.PANEL_PROJECT_DIR?.trim() || findRepoRoot(cwd) || cwd);
  if (!existsSync(projectDir)) problems.push(`PANEL_PROJECT_DIR: directory ${projectDir} does not exist`);
  const dotEnv = existsSync(projectDir) ? readDotEnv(projectDir) : {};
  const example = existsSync(projectDir) ? readDotEnv(projectDir, '.env.example') : {};
  // Ports and credentials: process env, then .env, then the documented defaults in .env.example.
  // The connection settings (endpoints, credentials, CA files): process env, then .env.
  const setting = (name: string): string | undefined => env[name] ?? dotEnv[name];
  const stackVar = (names: string[], fallback: string): string => {
    for (const source of [env, dotEnv, example]) for (const name of names) if (source[name]) return source[name]!;
    return fallback;
  };

  // Compose's own COMPOSE_FILE (shell, then .env) names the file in use when PANEL_COMPOSE_FILE does not; of a list
  // (COMPOSE_PATH_SEPARATOR, ":" by default) the first file is the project's.
  const composeFileList = env.COMPOSE_FILE || dotEnv.COMPOSE_FILE || '';
  const composeFile =
    env.PANEL_COMPOSE_FILE?.trim() ||
    composeFileList.split(env.COMPOSE_PATH_SEPARATOR || dotEnv.COMPOSE_PATH_SEPARATOR || ':')[0]!.trim() ||
    'docker-compose.yml';
  const composePath = isAbsolute(composeFile) ? composeFile : join(projectDir, composeFile);
  const fileVariant = fileVariantOf(composeFile, (relative) => existsSync(join(projectDir, relative)));
  const project = resolveProjectName({
    processEnv: env,
    dotEnv,
    // Reading the compose file only matters when no COMPOSE_PROJECT_NAME is set.
    composeName: env.COMPOSE_PROJECT_NAME || dotEnv.COMPOSE_PROJECT_NAME ? null : readComposeName(composePath, { ...dotEnv, ...env }),
    projectDir,
  });
  if (project === '') problems.push('COMPOSE_PROJECT_NAME: resolves to an empty project name');

  const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
  for (const origin of splitList(env.PANEL_ALLOWED_ORIGINS)) {
    const normalized = normalizeOrigin(origin);
    if (normalized) origins.push(normalized);
    else problems.push(`PANEL_ALLOWED_ORIGINS: "${origin}" is not an origin like http://host:port`);
  }
  const allowedOrigins = [...new Set(origins)];
  const allowedHosts = [
    ...new Set([
      ...allowedOrigins.map((origin) => new URL(origin).host),
      ...splitList(env.PANEL_ALLOWED_HOSTS).map((h) => h.toLowerCase()),
    ]),
  ];

  const token = env.PANEL_TOKEN?.trim() || null;
  if (token !== null && token.length < 8) problems.push('PANEL_TOKEN: use at least 8 characters');

  const urls = {
    schemaRegistryUrl:
      setting('PANEL_SCHEMA_REGISTRY_URL') || `http://localhost:${stackVar(['SCHEMA_REGISTRY_HOST_PORT', 'SCHEMA_REGISTRY_PORT'], '8081')}`,
    connectUrl: setting('PANEL_CONNECT_URL') || `http://localhost:${stackVar(['CONNECT_HOST_PORT', 'CONNECT_PORT'], '8083')}`,
    clickhouseUrl:
      setting('PANEL_CLICKHOUSE_URL') || `http://localhost:${stackVar(['CLICKHOUSE_HTTP_HOST_PORT', 'CLICKHOUSE_HTTP_PORT'], '8123')}`,
  };
  const urlSettings = {
    schemaRegistryUrl: 'PANEL_SCHEMA_REGISTRY_URL',
    connectUrl: 'PANEL_CONNECT_URL',
    clickhouseUrl: 'PANEL_CLICKHOUSE_URL',
  };
  for (const [key, value] of Object.entries(urls)) {
    const name = urlSettings[key as keyof typeof urls];
    if (!URL.canParse(value)) problems.push(`${name}: "${withoutUserInfo(value)}" is not a URL`);
    else if (!/^https?:$/.test(new URL(value).protocol)) problems.push(`${name}: "${withoutUserInfo(value)}" must be http:// or https://`);
    // URLs appear in messages and logs; credentials have settings of their own.
    else if (new URL(value).username !== '' || new URL(value).password !== '') {
      problems.push(`${name}: has credentials in it; put them in the service's _USERNAME/_PASSWORD (or _USER) settings instead`);
    }
  }
  const connections = readConnectionSettings(setting, urls, projectDir, problems);
  const rawMode = (setting('PANEL_MODE') ?? '').trim().toLowerCase();
  if (rawMode !== '' && rawMode !== 'compose' && rawMode !== 'remote') {
    problems.push(`PANEL_MODE: "${rawMode.slice(0, 40)}" is not compose or remote`);
  }
  const composeFound = existsSync(composePath);
  const mode: PanelMode = rawMode === 'remote' || (rawMode === '' && !composeFound) ? 'remote' : 'compose';
  const modeReason =
    rawMode === 'remote'
      ? 'PANEL_MODE=remote: the services are reached at their endpoints only'
      : mode === 'remote'
        ? `no compose file at ${composePath}: the services are reached at their endpoints only (set PANEL_MODE=compose to insist on one)`
        : `compose project "${project}" (${composePath})`;
  const kafkaBrokers = splitList(setting('PANEL_KAFKA_BROKERS') || `localhost:${stackVar(['KAFKA_HOST_PORT'], '9094')}`);
  for (const broker of kafkaBrokers) {
    if (!/^[^\s:]+:\d+$/.test(broker)) problems.push(`PANEL_KAFKA_BROKERS: "${broker}" is not host:port`);
  }
  const probeTimeoutMs = parseIntIn(env.PANEL_PROBE_TIMEOUT_MS, 3000, 100, 60000, 'PANEL_PROBE_TIMEOUT_MS', problems);
  // Kafka's default offset.flush.interval.ms is 60000; the stack sets CONNECT_OFFSET_FLUSH_INTERVAL_MS in .env.
  const sinkCommitIntervalMs = parseIntIn(
    env.PANEL_SINK_COMMIT_INTERVAL_MS || stackVar(['CONNECT_OFFSET_FLUSH_INTERVAL_MS'], '60000'),
    60000,
    100,
    3_600_000,
    'PANEL_SINK_COMMIT_INTERVAL_MS',
    problems,
  );

  const figuresWindowMs = parseIntIn(env.PANEL_FIGURES_WINDOW_MS, 15 * 60_000, 20_000, 2 * 3_600_000, 'PANEL_FIGURES_WINDOW_MS', problems);

  if (problems.length > 0) {
    throw new AppError(500, 'CONFIG_INVALID', `Invalid panel configuration:\n- ${problems.join('\n- ')}`, { problems });
  }
  return {
    ...connections,
    mode,
    modeReason,
    host,
    port,
    token,
    allowedOrigins,
    allowedHosts,
    projectDir,
    composeFile,
    composePath,
    fileVariant,
    project,
    dockerHost: env.DOCKER_HOST?.trim() || null,
    kafkaBrokers,
    ...urls,
    clickhouseUser: setting('PANEL_CLICKHOUSE_USER') || stackVar(['CLICKHOUSE_USER'], 'default'),
    clickhousePassword: setting('PANEL_CLICKHOUSE_PASSWORD') ?? stackVar(['CLICKHOUSE_PASSWORD'], ''),
    staticDir: resolve(cwd, env.PANEL_STATIC_DIR?.trim() || join(serverRoot, '..', 'web', 'dist')),
    probeTimeoutMs,
    sinkCommitIntervalMs,
    figuresWindowMs,
  };
}

function readComposeName(composePath: string, env: Env): string | null {
  try {
    return existsSync(composePath) ? parseCompose(readFileSync(composePath, 'utf8'), env).name : null;
  } catch {
    return null; // a broken or missing compose file is reported by the stack screen, not at start-up
  }
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function normalizeOrigin(value: string): string | null {
  if (!URL.canParse(value)) return null;
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.origin;
}

function parsePort(value: string | undefined, fallback: number, name: string, problems: string[]): number {
  return parseIntIn(value, fallback, 0, 65535, name, problems);
}

function parseIntIn(value: string | undefined, fallback: number, min: number, max: number, name: string, problems: string[]): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name}: "${value}" must be an integer from ${min} to ${max}`);
    return fallback;
  }
  return n;
}
