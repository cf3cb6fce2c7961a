import type { SmokeRunStatus, SmokeStepStatus } from '@pipeline-panel/server/contracts';

export interface StepLook {
  icon: string;
  tone: 'ok' | 'warn' | 'bad' | 'idle';
  label: string;
}

/** Status → glyph, colour and words (the glyph is decoration; the label is what screen readers get). */
export function stepLook(status: SmokeStepStatus): StepLook {
  switch (status) {
    case 'ok':
      return { icon: '✓', tone: 'ok', label: 'passed' };
    case 'failed':
      return { icon: '✕', tone: 'bad', label: 'failed' };
    case 'running':
      return { icon: '◐', tone: 'warn', label: 'running' };
    case 'cancelled':
      return { icon: '⊘', tone: 'bad', label: 'cancelled' };
    case 'skipped':
      return { icon: '–', tone: 'idle', label: 'skipped' };
    default:
      return { icon: '○', tone: 'idle', label: 'pending' };
  }
}

export function runLook(status: SmokeRunStatus): { tone: 'ok' | 'warn' | 'bad' | 'idle'; label: string } {
  if (status === 'passed') return { tone: 'ok', label: 'Passed' };
  if (status === 'failed') return { tone: 'bad', label: 'Failed' };
  if (status === 'cancelled') return { tone: 'idle', label: 'Cancelled' };
  return { tone: 'warn', label: 'Running' };
}

/** 850 ms → "850 ms", 12 345 ms → "12.3 s", 75 000 → "1 m 15 s". */
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} m ${s % 60} s`;
}

export const RECORDS_RANGE = { min: 1, max: 100_000 } as const;
export const TIMEOUT_S_RANGE = { min: 5, max: 600 } as const;

/** The run form's problems, per field (the server checks the same bounds). */
export function formProblems(records: string, timeoutSeconds: string): { records?: string; timeout?: string } {
  const problems: { records?: string; timeout?: string } = {};
  const r = Number(records);
  if (!/^\d+$/.test(records.trim()) || r < RECORDS_RANGE.min || r > RECORDS_RANGE.max)
    problems.records = `a whole number from ${RECORDS_RANGE.min} to ${RECORDS_RANGE.max.toLocaleString('en')}`;
  const t = Number(timeoutSeconds);
  if (!/^\d+$/.test(timeoutSeconds.trim()) || t < TIMEOUT_S_RANGE.min || t > TIMEOUT_S_RANGE.max)
    problems.timeout = `seconds from ${TIMEOUT_S_RANGE.min} to ${TIMEOUT_S_RANGE.max}`;
  return problems;
}
