import type { DependencyCondition } from '../contracts/stack.ts';

/**
 * Services another service waits for with `condition: service_completed_successfully`: one-shot steps by design
 * (e.g. the cluster's clickhouse-init), whose exit 0 is the success Compose waits for.
 */
export function awaitedToComplete(
  services: Array<{ dependsOn?: Array<{ service: string; condition: DependencyCondition }> }>,
): Set<string> {
  const awaited = new Set<string>();
  for (const s of services) for (const d of s.dependsOn ?? []) if (d.condition === 'service_completed_successfully') awaited.add(d.service);
  return awaited;
}

/**
 * A one-shot service that has done its work: exited with code 0, is not restarted by Docker (policy `no`, or
 * `on-failure`, which does not restart a success), and is awaited to complete by another service. Anything else
 * that exited (a stopped broker, a crash) is "exited", not done.
 */
export function isCompletedOneShot(
  container: { state: string; exitCode: number | null; restartPolicy: string | null },
  awaited: boolean,
): boolean {
  const noRestart = container.restartPolicy === null || ['', 'no', 'on-failure'].includes(container.restartPolicy);
  return awaited && container.state === 'exited' && container.exitCode === 0 && noRestart;
}
