import type { CompatibilityVerdict } from '@pipeline-panel/server/contracts';

export const COMPATIBILITY_LEVELS = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
] as const;

/** What each level promises, for the select's hint (Confluent's definitions). */
export const LEVEL_MEANING: Record<(typeof COMPATIBILITY_LEVELS)[number], string> = {
  BACKWARD: 'consumers on the new schema can read data written with the previous one',
  BACKWARD_TRANSITIVE: 'consumers on the new schema can read data written with every earlier one',
  FORWARD: 'consumers on the previous schema can read data written with the new one',
  FORWARD_TRANSITIVE: 'consumers on every earlier schema can read data written with the new one',
  FULL: 'backward and forward compatible with the previous schema',
  FULL_TRANSITIVE: 'backward and forward compatible with every earlier schema',
  NONE: 'no compatibility checks',
};

export const NEW_SCHEMA_TEMPLATE = `{
  "type": "record",
  "name": "Example",
  "namespace": "com.example",
  "fields": [
    { "name": "id", "type": "string" }
  ]
}`;

/** Whitespace outside the JSON does not change the schema, so a check stays valid when only that changed. */
export function draftKey(text: string): string {
  return text.trim();
}

export interface CheckedDraft {
  key: string;
  verdict: CompatibilityVerdict;
}

/** Register is offered only for the exact text that was checked, and only when the registry did not refuse it. */
export function canRegister(text: string, checked: CheckedDraft | null): boolean {
  if (!checked || draftKey(text) === '') return false;
  return checked.key === draftKey(text) && checked.verdict.compatible !== false;
}

export type VerdictTone = 'ok' | 'bad' | 'info';

/** The verdict in one headline. */
export function describeVerdict(verdict: CompatibilityVerdict, latestVersion: number | null): { tone: VerdictTone; headline: string } {
  if (verdict.compatible === null || !verdict.subjectExists) {
    return { tone: 'info', headline: `New subject: the first version is accepted as it is (level ${verdict.level}).` };
  }
  const against = latestVersion === null ? 'the latest version' : `version ${latestVersion}`;
  if (verdict.compatible && verdict.level === 'NONE') {
    return { tone: 'ok', headline: `Accepted: the level is NONE, so the registry does not compare it with ${against}.` };
  }
  if (verdict.compatible) return { tone: 'ok', headline: `Compatible with ${against} under ${verdict.level}.` };
  return { tone: 'bad', headline: `Not compatible with ${against} under ${verdict.level}: the registry would refuse it.` };
}

/** Pretty-prints JSON text for the editor; text that is not JSON is returned unchanged (the server reports why). */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Versions newest first, as the version picker lists them. */
export function newestFirst(versions: number[]): number[] {
  return [...versions].sort((a, b) => b - a);
}

/** The pair a comparison starts with: the version before the latest against the latest (null with fewer than two). */
export function defaultComparison(versions: number[]): { from: number | null; to: number | null } {
  const [latest, previous] = newestFirst(versions);
  return previous === undefined ? { from: null, to: null } : { from: previous, to: latest! };
}
