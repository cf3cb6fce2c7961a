import { parse as parseYaml } from 'yaml';
import type { DependencyCondition } from '../contracts/stack.ts';
import { AppError } from '../errors/app-error.ts';
import { interpolate } from './interpolate.ts';

export interface ComposeDependency {
  service: string;
  condition: DependencyCondition;
}

export interface ComposeService {
  name: string;
  image: string | null;
  hasHealthcheck: boolean;
  dependsOn: ComposeDependency[];
}

export interface ComposeModel {
  /** Top-level `name:` when the file sets one. */
  name: string | null;
  services: ComposeService[];
}

const CONDITIONS: readonly DependencyCondition[] = ['service_started', 'service_healthy', 'service_completed_successfully'];

/** Parses compose YAML text; every string value is interpolated with `env` as Compose does. */
export function parseCompose(text: string, env: Record<string, string | undefined>): ComposeModel {
  let doc: unknown;
  try {
    // `<<` merge keys (YAML 1.1, which Compose accepts; docker-compose.cluster.yml uses them for its repeated nodes).
    doc = parseYaml(text, { merge: true });
  } catch (error) {
    throw new AppError(400, 'COMPOSE_INVALID', `docker-compose.yml is not valid YAML: ${(error as Error).message}`);
  }
  if (!isRecord(doc)) throw new AppError(400, 'COMPOSE_INVALID', 'docker-compose.yml must be a mapping with a "services" key');
  const resolved = interpolateTree(doc, env) as Record<string, unknown>;
  const services = resolved.services;
  if (!isRecord(services)) throw new AppError(400, 'COMPOSE_INVALID', 'docker-compose.yml has no "services" mapping');
  return {
    name: typeof resolved.name === 'string' && resolved.name !== '' ? resolved.name : null,
    services: Object.entries(services).map(([name, spec]) => toService(name, spec)),
  };
}

function toService(name: string, spec: unknown): ComposeService {
  const body = isRecord(spec) ? spec : {};
  return {
    name,
    image: typeof body.image === 'string' ? body.image : null,
    hasHealthcheck: declaresHealthcheck(body.healthcheck),
    dependsOn: toDependencies(name, body.depends_on),
  };
}

function declaresHealthcheck(healthcheck: unknown): boolean {
  if (!isRecord(healthcheck)) return false;
  if (healthcheck.disable === true || healthcheck.disable === 'true') return false;
  const test = healthcheck.test;
  if (Array.isArray(test)) return test.length > 0 && test[0] !== 'NONE';
  return typeof test === 'string' && test.trim() !== '';
}

function toDependencies(service: string, dependsOn: unknown): ComposeDependency[] {
  if (dependsOn === undefined || dependsOn === null) return [];
  if (Array.isArray(dependsOn)) {
    return dependsOn.map((entry) => {
      if (typeof entry !== 'string') throw invalid(service, 'depends_on list entries must be service names');
      return { service: entry, condition: 'service_started' as const };
    });
  }
  if (isRecord(dependsOn)) {
    return Object.entries(dependsOn).map(([dependency, options]) => {
      const condition = isRecord(options) && options.condition !== undefined ? options.condition : 'service_started';
      if (!CONDITIONS.includes(condition as DependencyCondition)) {
        throw invalid(service, `depends_on.${dependency}.condition "${String(condition)}" is not one of ${CONDITIONS.join(', ')}`);
      }
      return { service: dependency, condition: condition as DependencyCondition };
    });
  }
  throw invalid(service, 'depends_on must be a list or a mapping');
}

function invalid(service: string, why: string): AppError {
  return new AppError(400, 'COMPOSE_INVALID', `Service "${service}": ${why}`, { service });
}

function interpolateTree(value: unknown, env: Record<string, string | undefined>): unknown {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((item) => interpolateTree(item, env));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateTree(v, env)]));
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
