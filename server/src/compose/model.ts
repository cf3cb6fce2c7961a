import type { DependencyCondition } from '../contracts/stack.ts';
import { AppError } from '../errors/app-error.ts';

export interface ComposeDependency {
  service: string;
  condition: DependencyCondition;
}

/** A port the compose file publishes (or only exposes to the network, when `published` is null). */
export interface ComposePort {
  target: number;
  published: string | null;
  hostIp: string | null;
  protocol: string;
}

export interface ComposeService {
  name: string;
  image: string | null;
  hasHealthcheck: boolean;
  /** The healthcheck's test in exec form (`["CMD", …]` / `["CMD-SHELL", "…"]`), null when none is in effect. */
  healthcheck: string[] | null;
  dependsOn: ComposeDependency[];
  ports: ComposePort[];
  profiles: string[];
}

/** Who produced the model: Compose itself (`docker compose config`), or the panel's own parser when no CLI exists. */
export type ComposeModelSource = 'compose-cli' | 'panel-parser';

export interface ComposeModel {
  /** Top-level `name:` (the parser) or the project name Compose resolved (the CLI). */
  name: string | null;
  services: ComposeService[];
  source: ComposeModelSource;
}

const CONDITIONS: readonly DependencyCondition[] = ['service_started', 'service_healthy', 'service_completed_successfully'];

/**
 * One service of a resolved compose document (after interpolation, `extends` and `include`) as the panel models it.
 * Accepts both the short forms people write and the long forms `docker compose config` prints, so the CLI's output
 * and the parser's go through the same normalisation. `unescape` turns Compose's `$$` back into `$` (the CLI prints
 * values re-escaped).
 */
export function toService(name: string, spec: unknown, unescape = false): ComposeService {
  const body = isRecord(spec) ? spec : {};
  const text = (value: string) => (unescape ? value.replaceAll('$$', '$') : value);
  const healthcheck = healthTest(body.healthcheck);
  return {
    name,
    image: typeof body.image === 'string' ? text(body.image) : null,
    hasHealthcheck: healthcheck !== null,
    healthcheck: healthcheck?.map(text) ?? null,
    dependsOn: toDependencies(name, body.depends_on),
    ports: toPorts(name, body.ports),
    profiles: Array.isArray(body.profiles) ? body.profiles.map(String) : [],
  };
}

function healthTest(healthcheck: unknown): string[] | null {
  if (!isRecord(healthcheck)) return null;
  if (healthcheck.disable === true || healthcheck.disable === 'true') return null;
  const test = healthcheck.test;
  if (typeof test === 'string') return test.trim() === '' ? null : ['CMD-SHELL', test];
  if (!Array.isArray(test) || test.length === 0 || test[0] === 'NONE') return null;
  return test.map(String);
}

/** depends_on as a list of names or a mapping, to a mapping of name → options (how the two forms merge). */
export function dependsOnMap(service: string, dependsOn: unknown): Record<string, Record<string, unknown>> {
  if (dependsOn === undefined || dependsOn === null) return {};
  if (Array.isArray(dependsOn)) {
    return Object.fromEntries(
      dependsOn.map((entry) => {
        if (typeof entry !== 'string') throw invalid(service, 'depends_on list entries must be service names');
        return [entry, { condition: 'service_started' }];
      }),
    );
  }
  if (isRecord(dependsOn)) return Object.fromEntries(Object.entries(dependsOn).map(([k, v]) => [k, isRecord(v) ? v : {}]));
  throw invalid(service, 'depends_on must be a list or a mapping');
}

function toDependencies(service: string, dependsOn: unknown): ComposeDependency[] {
  return Object.entries(dependsOnMap(service, dependsOn)).map(([dependency, options]) => {
    const condition = options.condition ?? 'service_started';
    if (!CONDITIONS.includes(condition as DependencyCondition)) {
      throw invalid(service, `depends_on.${dependency}.condition "${String(condition)}" is not one of ${CONDITIONS.join(', ')}`);
    }
    return { service: dependency, condition: condition as DependencyCondition };
  });
}

/**
 * `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, IPv6 host addresses in brackets, ranges (`8000-8001:9000-9001`)
 * expanded one port each as Compose does; null when it is not that.
 */
function shortPorts(text: string): ComposePort[] | null {
  let rest = text;
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) [rest, protocol] = [rest.slice(0, slash), rest.slice(slash + 1)];
  let hostIp: string | null = null;
  if (rest.startsWith('[')) {
    const end = rest.indexOf(']:');
    if (end < 0) return null;
    hostIp = rest.slice(1, end);
    rest = rest.slice(end + 2);
  }
  const parts = rest.split(':');
  if (hostIp === null && parts.length === 3) hostIp = parts.shift()!;
  if (parts.length > 2 || (protocol !== 'tcp' && protocol !== 'udp')) return null;
  const targets = range(parts.pop()!);
  const publishedText = parts.pop();
  const published = publishedText ? range(publishedText) : [];
  if (!targets || !published || (published.length > 1 && published.length !== targets.length)) return null;
  return targets.map((target, i) => ({
    target,
    published: published.length === 0 ? null : String(published[published.length === 1 ? 0 : i]),
    hostIp: hostIp || null,
    protocol,
  }));
}

/** `8000` or `8000-8003` → the ports; null when it is neither. */
function range(text: string): number[] | null {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return to < from || to - from > 65535 ? null : Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function toPorts(service: string, ports: unknown): ComposePort[] {
  if (ports === undefined || ports === null) return [];
  if (!Array.isArray(ports)) throw invalid(service, 'ports must be a list');
  return ports.flatMap((entry): ComposePort[] => {
    if (isRecord(entry)) {
      const target = Number(entry.target);
      if (!Number.isInteger(target)) throw invalid(service, `ports: target must be a port number (got ${JSON.stringify(entry.target)})`);
      return [
        {
          target,
          published: entry.published === undefined || entry.published === null || entry.published === '' ? null : String(entry.published),
          hostIp: typeof entry.host_ip === 'string' && entry.host_ip !== '' ? entry.host_ip : null,
          protocol: entry.protocol === 'udp' ? 'udp' : 'tcp',
        },
      ];
    }
    const expanded = shortPorts(String(entry));
    if (!expanded) throw invalid(service, `ports: "${String(entry)}" is not [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`);
    return expanded;
  });
}

export function invalid(service: string, why: string): AppError {
  return new AppError(400, 'COMPOSE_INVALID', `Service "${service}": ${why}`, { service });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
