import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import { parseEnvFile } from './env-file.ts';
import { dependsOnMap, invalid, isRecord, toService, type ComposeModel } from './model.ts';
import { parseComposeDocument } from './parse.ts';

type Env = Record<string, string | undefined>;
type Spec = Record<string, unknown>;

/** Reads `.env` of a project directory ({} when absent). */
export function readDotEnv(projectDir: string, file = '.env'): Record<string, string> {
  const path = join(projectDir, file);
  return existsSync(path) ? parseEnvFile(readFileSync(path, 'utf8')) : {};
}

export interface ParsedProject {
  model: ComposeModel;
  /** Every file read (compose files and env files), for the caller's change detection. */
  files: string[];
}

/**
 * The panel's own reading of a compose project, used only when no Compose CLI is available: `.env` (process env
 * wins), interpolation, `include` (each included file with its own directory and env file), `extends` (same file
 * or `file:`; mappings merge, `ports` append, depends_on merges) and profiles (COMPOSE_PROFILES). It covers what
 * the panel models (services, images, healthchecks, dependencies, ports); anything else is Compose's business.
 */
export function loadComposeProject(composePath: string, projectDir: string, processEnv: Env = process.env): ParsedProject {
  const files = new Set<string>([composePath, join(projectDir, '.env')]);
  const dotEnv = readDotEnv(projectDir);
  const env: Env = { ...dotEnv, ...processEnv };
  const docs = new Map<string, Spec>();

  const readDoc = (path: string, docEnv: Env): Spec => {
    const key = `${path}\n${JSON.stringify(docEnv)}`;
    const cached = docs.get(key);
    if (cached) return cached;
    files.add(path);
    if (!existsSync(path)) throw new AppError(404, 'COMPOSE_FILE_MISSING', `Compose file not found: ${path}`, { composePath: path });
    const doc = parseComposeDocument(readFileSync(path, 'utf8'), docEnv, path);
    docs.set(key, doc);
    return doc;
  };

  const servicesOf = (path: string, docEnv: Env, chain: string[]): Map<string, Spec> => {
    if (chain.includes(path)) throw new AppError(400, 'COMPOSE_INVALID', `include cycle: ${[...chain, path].join(' → ')}`);
    const doc = readDoc(path, docEnv);
    const out = new Map<string, Spec>();
    for (const entry of includes(doc.include, path)) {
      // The including project's variables win over the included file's env_file (as Compose resolves them).
      const includedEnv: Env = { ...entry.envFiles.reduce((acc, f) => (files.add(f), { ...acc, ...readEnvFile(f) }), {}), ...docEnv };
      for (const file of entry.paths) {
        for (const [name, spec] of servicesOf(file, includedEnv, [...chain, path])) {
          if (out.has(name)) throw new AppError(400, 'COMPOSE_INVALID', `service "${name}" is declared by two included files (${file})`);
          out.set(name, spec);
        }
      }
    }
    const own = isRecord(doc.services) ? doc.services : null;
    if (!own && out.size === 0) throw new AppError(400, 'COMPOSE_INVALID', `${path} has no "services" mapping`, { file: path });
    for (const name of Object.keys(own ?? {})) {
      if (out.has(name)) throw new AppError(400, 'COMPOSE_INVALID', `service "${name}" in ${path} conflicts with an included one`);
      out.set(name, resolveExtends(name, path, docEnv, []));
    }
    return out;
  };

  const resolveExtends = (name: string, path: string, docEnv: Env, seen: string[]): Spec => {
    const at = `${path}#${name}`;
    if (seen.includes(at)) throw new AppError(400, 'COMPOSE_INVALID', `extends cycle: ${[...seen, at].join(' → ')}`);
    const services = readDoc(path, docEnv).services;
    const spec = isRecord(services) ? services[name] : undefined;
    if (spec === undefined) throw new AppError(400, 'COMPOSE_INVALID', `extends: service "${name}" is not declared in ${path}`);
    const body: Spec = isRecord(spec) ? spec : {};
    if (body.extends === undefined) return body;
    const ref = typeof body.extends === 'string' ? { service: body.extends } : isRecord(body.extends) ? body.extends : null;
    if (!ref || typeof ref.service !== 'string') throw invalid(name, 'extends must be a service name or {service, file}');
    const basePath = typeof ref.file === 'string' ? resolveFrom(path, ref.file) : path;
    const base = resolveExtends(ref.service, basePath, docEnv, [...seen, at]);
    const { extends: _extends, ...own } = body;
    return mergeService(name, base, own);
  };

  const all = servicesOf(composePath, env, []);
  const active = new Set(
    (env.COMPOSE_PROFILES ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  );
  const main = readDoc(composePath, env);
  const services = [...all].filter(([, spec]) => {
    const profiles = Array.isArray(spec.profiles) ? spec.profiles.map(String) : [];
    return profiles.length === 0 || profiles.some((p) => active.has(p));
  });
  return {
    model: {
      name: typeof main.name === 'string' && main.name !== '' ? main.name : null,
      services: services.map(([name, spec]) => toService(name, spec)),
      source: 'panel-parser',
    },
    files: [...files],
  };
}

interface Include {
  paths: string[];
  envFiles: string[];
}

/** `include:` entries (short: a path; long: {path, project_directory, env_file}), paths relative to the including file. */
function includes(value: unknown, from: string): Include[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new AppError(400, 'COMPOSE_INVALID', `${from}: include must be a list`);
  return value.map((entry) => {
    const long: Spec = isRecord(entry) ? entry : { path: entry };
    const paths = (Array.isArray(long.path) ? long.path : [long.path]).map((p) => {
      if (typeof p !== 'string' || p === '') throw new AppError(400, 'COMPOSE_INVALID', `${from}: include entries need a path`);
      return resolveFrom(from, p);
    });
    const projectDir = typeof long.project_directory === 'string' ? resolveFrom(from, long.project_directory) : dirname(paths[0]!);
    const envFiles =
      long.env_file === undefined
        ? [join(projectDir, '.env')]
        : (Array.isArray(long.env_file) ? long.env_file : [long.env_file]).map((f: unknown) => resolveFrom(from, String(f)));
    return { paths, envFiles };
  });
}

/** Compose's merge of an extending service over its base: mappings merge, `ports` append, depends_on merges. */
function mergeService(name: string, base: Spec, over: Spec): Spec {
  const out: Spec = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (key === 'depends_on') out[key] = { ...dependsOnMap(name, base[key]), ...dependsOnMap(name, value) };
    else if (key === 'ports' && Array.isArray(base[key]) && Array.isArray(value)) out[key] = [...(base[key] as unknown[]), ...value];
    else if (isRecord(value) && isRecord(base[key])) out[key] = { ...(base[key] as Spec), ...value };
    else out[key] = value;
  }
  return out;
}

function resolveFrom(file: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dirname(file), path);
}

function readEnvFile(path: string): Record<string, string> {
  return existsSync(path) ? parseEnvFile(readFileSync(path, 'utf8')) : {};
}
