/**
 * The wizard's client state: what the user entered in each step (kept when moving back and forth) and each step's
 * last server validation. Changing a step's values clears its validation and every later one, since later steps
 * were validated against the earlier values.
 */
import type {
  WizardConnectorValidateResult,
  WizardEngine,
  WizardPipelineInput,
  WizardSchemaResult,
  WizardTableValidateResult,
  WizardTopicInput,
  WizardTopicResult,
} from '@pipeline-panel/server/contracts';

export const STEPS = ['topic', 'schema', 'table', 'connector', 'review', 'apply'] as const;
export type StepId = (typeof STEPS)[number];
export const STEP_LABELS: Record<StepId, string> = {
  topic: 'Topic',
  schema: 'Schema',
  table: 'Table',
  connector: 'Connector',
  review: 'Review',
  apply: 'Apply',
};

export interface WizardDraft {
  topic: { mode: 'existing' | 'new'; name: string; partitions: string; retentionDays: string; replicationFactor: string };
  schema: { text: string; samples: string; notes: string[] };
  table: {
    database: string;
    table: string;
    engine: WizardEngine;
    orderBy: string[];
    partitionBy: string;
    lowCardinality: string[];
    sql: string;
  };
  connector: { text: string; reasons: Record<string, string> };
  skipConnectorDeploy: boolean;
  runSmoke: boolean;
  overwrite: string[];
  validated: {
    topic?: WizardTopicResult;
    schema?: WizardSchemaResult;
    table?: WizardTableValidateResult;
    connector?: WizardConnectorValidateResult;
  };
}

export const EMPTY_DRAFT: WizardDraft = {
  topic: { mode: 'new', name: '', partitions: '1', retentionDays: '', replicationFactor: '' },
  schema: { text: '', samples: '', notes: [] },
  table: { database: 'pipeline', table: '', engine: 'MergeTree', orderBy: [], partitionBy: '', lowCardinality: [], sql: '' },
  connector: { text: '', reasons: {} },
  skipConnectorDeploy: false,
  runSmoke: true,
  overwrite: [],
  validated: {},
};

const VALIDATED_STEPS = ['topic', 'schema', 'table', 'connector'] as const;
type ValidatedStep = (typeof VALIDATED_STEPS)[number];

/** Validations of `step` and every later step are dropped; later steps' values stay. */
export function invalidateFrom(draft: WizardDraft, step: ValidatedStep): WizardDraft {
  const from = VALIDATED_STEPS.indexOf(step);
  const validated = { ...draft.validated };
  for (const later of VALIDATED_STEPS.slice(from)) delete validated[later];
  return { ...draft, validated, overwrite: [] };
}

export function edit<K extends ValidatedStep>(draft: WizardDraft, step: K, patch: Partial<WizardDraft[K]>): WizardDraft {
  const next = invalidateFrom(draft, step);
  return { ...next, [step]: { ...draft[step], ...patch } };
}

/** A step can be opened once every step before it is validated. */
export function canOpen(draft: WizardDraft, step: StepId): boolean {
  const index = STEPS.indexOf(step);
  return VALIDATED_STEPS.filter((_, i) => i < index).every(
    (s) => draft.validated[s] !== undefined && (s !== 'connector' || draft.validated.connector?.ok === true),
  );
}

export function topicRequest(draft: WizardDraft): { ok: true; body: WizardTopicInput } | { ok: false; message: string } {
  const { mode, name, partitions, retentionDays, replicationFactor } = draft.topic;
  if (mode === 'existing') return { ok: true, body: { mode, name: name.trim() } };
  const count = Number(partitions);
  if (!Number.isInteger(count) || count < 1) return { ok: false, message: 'Partitions must be a whole number of at least 1' };
  const body: WizardTopicInput = { mode, name: name.trim(), partitions: count };
  if (replicationFactor.trim() !== '') {
    const factor = Number(replicationFactor);
    if (!Number.isInteger(factor) || factor < 1) {
      return { ok: false, message: 'Replication factor must be a whole number of at least 1, or empty for the broker default' };
    }
    body.replicationFactor = factor;
  }
  if (retentionDays.trim() === '') return { ok: true, body };
  const days = Number(retentionDays);
  if (!(days > 0)) return { ok: false, message: 'Retention must be a positive number of days, or empty for the broker default' };
  return { ok: true, body: { ...body, retentionMs: Math.round(days * 86_400_000) } };
}

/** The plan/apply body from the validated steps. */
export function pipelineInput(draft: WizardDraft): WizardPipelineInput {
  const topic = draft.validated.topic;
  return {
    topic: {
      name: topic?.name ?? draft.topic.name.trim(),
      partitions: topic?.partitions ?? 1,
      retentionMs: topic?.exists ? null : (topic?.retentionMs ?? null),
      replicationFactor: topic?.exists ? null : (topic?.replicationFactor ?? null),
    },
    schema: draft.schema.text,
    table: { database: draft.table.database, table: draft.table.table, sql: draft.table.sql },
    connector: draft.connector.text,
    skipConnectorDeploy: draft.skipConnectorDeploy,
    overwrite: draft.overwrite,
  };
}

/** Ticking or unticking an overwrite keeps the validations (the plan is simply asked again). */
export function toggleOverwrite(draft: WizardDraft, key: string, on: boolean): WizardDraft {
  const overwrite = on ? [...new Set([...draft.overwrite, key])] : draft.overwrite.filter((k) => k !== key);
  return { ...draft, overwrite };
}

/** A one-line diff for the review: lines only in the old file (-) and only in the new one (+), in order. */
export function lineDiff(before: string, after: string): { sign: ' ' | '-' | '+'; text: string }[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: { sign: ' ' | '-' | '+'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ sign: ' ', text: a[i++]! });
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) out.push({ sign: '+', text: b[j++]! });
    else out.push({ sign: '-', text: a[i++]! });
  }
  return out;
}
