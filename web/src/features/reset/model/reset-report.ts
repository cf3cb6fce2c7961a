import type { ResetReport, ResetStep, ResetStepStatus } from '@pipeline-panel/server/contracts';

export function isFinished(report: ResetReport | null | undefined): boolean {
  return report !== null && report !== undefined && report.status !== 'running';
}

const LOOK: Record<ResetStepStatus, { tone: 'ok' | 'warn' | 'bad' | 'idle'; label: string }> = {
  pending: { tone: 'idle', label: 'waiting' },
  running: { tone: 'warn', label: 'running' },
  ok: { tone: 'ok', label: 'done' },
  failed: { tone: 'bad', label: 'failed' },
  skipped: { tone: 'idle', label: 'done before' },
};

export function stepLook(status: ResetStepStatus) {
  return LOOK[status];
}

/** A step's elapsed time: the server's duration, or for a running step the time since it started. */
export function stepElapsedMs(step: ResetStep, now: number): number | null {
  if (step.status === 'running' && step.startedAt) return Math.max(step.durationMs ?? 0, now - Date.parse(step.startedAt));
  return step.status === 'ok' || step.status === 'failed' ? step.durationMs : null;
}
