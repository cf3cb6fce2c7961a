import type {
  DeliveryStuckDetails,
  SchemaRegistrationNeededDetails,
  SmokeCleanupMode,
  SmokeFailure,
  SmokeRunReport,
  SmokeRunStatus,
  SmokeStepStatus,
  StartSmokeRunRequest,
} from '@pipeline-panel/server/contracts';

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

/** The run form's cleanup choices, each with the one line that says what it does. */
export const CLEANUP_MODES: { value: SmokeCleanupMode; label: string; explains: string }[] = [
  { value: 'keep', label: 'Keep the rows', explains: "The run's rows stay in the table; remove them afterwards with one click." },
  {
    value: 'after-pass',
    label: 'Remove them if it passes',
    explains: "A passed run's rows are deleted as it ends; a failed run's stay to look at.",
  },
  { value: 'always', label: 'Always remove them', explains: "The run's rows are deleted as it ends, passed or not." },
];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isNumberOrNull = (value: unknown): value is number | null => value === null || typeof value === 'number';

/** The consent the schema step asks for (code SCHEMA_REGISTRATION_NEEDED), or null for any other failure. */
export function registrationNeeded(failure: SmokeFailure | undefined): SchemaRegistrationNeededDetails | null {
  const d = failure?.code === 'SCHEMA_REGISTRATION_NEEDED' ? failure.details : undefined;
  if (!isObject(d) || typeof d.subject !== 'string' || typeof d.latestVersion !== 'number') return null;
  return {
    subject: d.subject,
    latestVersion: d.latestVersion,
    latestId: typeof d.latestId === 'number' ? d.latestId : null,
    versions: Array.isArray(d.versions) ? d.versions.filter((v): v is number => typeof v === 'number') : [],
  };
}

/** A delivery stuck on a batch (code DELIVERY_STUCK), or null for any other failure. */
export function deliveryStuck(failure: SmokeFailure | undefined): DeliveryStuckDetails | null {
  const d = failure?.code === 'DELIVERY_STUCK' ? failure.details : undefined;
  if (!isObject(d) || typeof d.group !== 'string') return null;
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  return {
    kind: d.kind === 'kafka-engine' ? 'kafka-engine' : 'connector',
    via: typeof d.via === 'string' ? d.via : '',
    group: d.group,
    lag: isNumberOrNull(d.lag) ? d.lag : null,
    committed: isNumberOrNull(d.committed) ? d.committed : null,
    stalledMs: typeof d.stalledMs === 'number' ? d.stalledMs : 0,
    cause: typeof d.cause === 'string' ? d.cause : null,
    evidence: strings(d.evidence),
    trace: typeof d.trace === 'string' ? d.trace : null,
    connectLog: d.connectLog === 'read' || d.connectLog === 'not applicable' ? d.connectLog : 'unavailable',
  };
}

/** "v1, v2 and v3". */
export function versionList(versions: number[]): string {
  const named = [...versions].sort((a, b) => a - b).map((v) => `v${v}`);
  return named.length <= 1 ? (named[0] ?? 'none') : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

/** The same run again, now agreeing to register the schema file (the failed run's records, timeout and cleanup). */
export function registerAndRunAgain(report: SmokeRunReport): StartSmokeRunRequest {
  return {
    pipeline: report.pipeline,
    records: report.records,
    timeoutMs: report.timeoutMs,
    register: true,
    cleanup: report.cleanupMode ?? 'keep',
  };
}
