import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

const FULL_ID = /[0-9a-f]{64}/g;

/**
 * Container ids the current process may be running in, read from /proc text: Docker bind-mounts
 * /var/lib/docker/containers/<id>/{hostname,hosts,resolv.conf} into every container (mountinfo), and cgroup v1
 * paths end in /docker/<id>. On a host neither matches anything in the project, which is the point.
 */
export function containerIdsFromProc(mountinfo: string, cgroup: string): string[] {
  const ids = new Set<string>();
  for (const line of mountinfo.split('\n')) {
    if (!/\/containers\/[0-9a-f]{64}\//.test(line)) continue;
    for (const id of line.match(FULL_ID) ?? []) if (line.includes(`/containers/${id}/`)) ids.add(id);
  }
  for (const match of cgroup.matchAll(/(?:docker[-/])([0-9a-f]{64})/g)) ids.add(match[1]!);
  return [...ids];
}

/** A short id (Docker's default hostname of a container) or a full one. */
export function idCandidatesFromHostname(name: string): string[] {
  return /^[0-9a-f]{12}$|^[0-9a-f]{64}$/.test(name) ? [name] : [];
}

/** True when `containerId` is one of the candidates (a 12-character hostname is a prefix of the full id). */
export function isSelfContainer(containerId: string, selfIds: readonly string[]): boolean {
  return selfIds.some((self) => self.length >= 12 && containerId.startsWith(self));
}

function readQuietly(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Candidate ids of the container the panel runs in (empty on a host). */
export function detectSelfContainerIds(): string[] {
  const ids = containerIdsFromProc(readQuietly('/proc/self/mountinfo'), readQuietly('/proc/self/cgroup'));
  return [...new Set([...ids, ...idCandidatesFromHostname(hostname())])];
}
