import { parse as parseYaml } from 'yaml';
import { AppError } from '../errors/app-error.ts';
import { interpolate } from './interpolate.ts';
import { isRecord, toService, type ComposeModel } from './model.ts';

export type { ComposeDependency, ComposeModel, ComposeService, ComposePort, ComposeModelSource } from './model.ts';

/** Parses one compose file's YAML and interpolates every string value with `env` as Compose does. */
export function parseComposeDocument(
  text: string,
  env: Record<string, string | undefined>,
  file = 'docker-compose.yml',
): Record<string, unknown> {
  let doc: unknown;
  try {
    // `<<` merge keys (YAML 1.1, which Compose accepts; docker-compose.cluster.yml uses them for its repeated nodes).
    doc = parseYaml(text, { merge: true });
  } catch (error) {
    throw new AppError(400, 'COMPOSE_INVALID', `${file} is not valid YAML: ${(error as Error).message}`, { file });
  }
  if (!isRecord(doc)) throw new AppError(400, 'COMPOSE_INVALID', `${file} must be a mapping with a "services" key`, { file });
  return interpolateTree(doc, env) as Record<string, unknown>;
}

/**
 * One compose file on its own (no `include`, `extends` or profiles resolved): its name and services. The project as
 * Compose sees it comes from ComposeSource (the CLI, or loadComposeProject as the fallback).
 */
export function parseCompose(text: string, env: Record<string, string | undefined>): ComposeModel {
  const resolved = parseComposeDocument(text, env);
  const services = resolved.services;
  if (!isRecord(services)) throw new AppError(400, 'COMPOSE_INVALID', 'docker-compose.yml has no "services" mapping');
  return {
    name: typeof resolved.name === 'string' && resolved.name !== '' ? resolved.name : null,
    services: Object.entries(services).map(([name, spec]) => toService(name, spec)),
    source: 'panel-parser',
  };
}

function interpolateTree(value: unknown, env: Record<string, string | undefined>): unknown {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((item) => interpolateTree(item, env));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateTree(v, env)]));
  return value;
}
