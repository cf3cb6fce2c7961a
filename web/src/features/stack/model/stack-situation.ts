import type { ProbeResult, StackSnapshot } from '@pipeline-panel/server/contracts';
import { API_UNREACHABLE, isApiError } from '../../../lib/api-client.ts';

export type Situation =
  | { kind: 'loading' }
  | { kind: 'api-unreachable'; detail: string }
  | { kind: 'api-error'; code: string; message: string }
  | { kind: 'docker-unreachable'; error: string }
  | { kind: 'not-started' }
  /** No container of the project, yet the stack's services answer: it runs under another project name or outside Docker. */
  | { kind: 'elsewhere'; project: string; answering: ProbeResult['target'][] }
  | { kind: 'ready'; notCreated: string[] };

/**
 * Decides which screen state to show, given the snapshot and (once known) the probes. A cached snapshot wins over a later fetch error, because the live
 * stream keeps it current and a transient error should not blank the page.
 */
export function stackSituation(snapshot: StackSnapshot | undefined, error: unknown, probes: readonly ProbeResult[] = []): Situation {
  if (!snapshot) {
    if (!error) return { kind: 'loading' };
    if (isApiError(error)) {
      // A dev proxy answers 5xx without the panel's error shape when the panel is down.
      const proxyFailure = error.code === 'UNEXPECTED_RESPONSE' && error.statusCode >= 500;
      if (error.code === API_UNREACHABLE) return { kind: 'api-unreachable', detail: 'no connection' };
      if (proxyFailure) return { kind: 'api-unreachable', detail: `HTTP ${error.statusCode} ${error.message}` };
      return { kind: 'api-error', code: error.code, message: error.message };
    }
    return { kind: 'api-error', code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error) };
  }
  if (!snapshot.dockerReachable) return { kind: 'docker-unreachable', error: snapshot.dockerError ?? 'Docker did not answer.' };
  const notCreated = snapshot.services.filter((s) => s.state === 'not-created').map((s) => s.service);
  if (snapshot.services.length > 0 && notCreated.length === snapshot.services.length) {
    // "Not running" beside services that answer would contradict the probes on the same page.
    const answering = probes.filter((p) => p.ok).map((p) => p.target);
    return answering.length > 0 ? { kind: 'elsewhere', project: snapshot.project, answering } : { kind: 'not-started' };
  }
  return { kind: 'ready', notCreated };
}
