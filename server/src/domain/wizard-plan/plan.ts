/**
 * The review step's plan (pure): what applying will create or change, from facts gathered about Kafka, the
 * registry, ClickHouse, Connect and the repo. Conflicts block (an incompatible schema, a table that exists with
 * other columns, a file or connector that would be replaced without the user's explicit tick); a service that
 * could not be asked is `unknown`, not blocking: the apply step tries it and reports.
 */
import type { ConfigDiffEntry } from '../../contracts/connectors.ts';
import type { PlanFile, PlanItem, WizardPlan } from '../../contracts/wizard.ts';

export type Known<T> = T | { unknown: string };

export interface PlanFacts {
  pipeline: string;
  topic: {
    name: string;
    partitions: number;
    /** null: the broker's default.replication.factor. */
    replicationFactor: number | null;
    facts: Known<{ exists: boolean; partitions: number | null }>;
  };
  schema: {
    subject: string;
    facts: Known<{
      state: 'new' | 'compatible' | 'registered' | 'incompatible';
      version: number | null;
      latest: number | null;
      messages: string[];
    }>;
  };
  table: { target: string; facts: Known<{ exists: false } | { exists: true; differences: string[] }> };
  connector: {
    name: string;
    skip: boolean;
    facts: Known<{ deployed: false } | { deployed: true; diff: ConfigDiffEntry[] }>;
    /** Whether the worker has the connector's plugin: the same check as the Connectors screen's preflight. */
    plugin: Known<{ installed: true } | { installed: false; reason: string; fix: string }>;
  };
  files: { path: string; content: string; existing: string | null }[];
  overwrite: readonly string[];
}

const isUnknown = <T>(facts: Known<T>): facts is { unknown: string } => typeof facts === 'object' && facts !== null && 'unknown' in facts;

function unknownItem(kind: PlanItem['kind'], target: string, reason: string): PlanItem {
  return {
    kind,
    target,
    action: 'unknown',
    changes: true,
    blocking: false,
    detail: `Could not be checked (${reason}); apply will try and report`,
  };
}

export const replicationOf = (factor: number | null): string =>
  factor === null ? "the broker's default replication factor" : `replication factor ${factor}`;

export function topicItem(facts: PlanFacts['topic']): PlanItem {
  const { name } = facts;
  if (isUnknown(facts.facts)) return unknownItem('topic', name, facts.facts.unknown);
  if (!facts.facts.exists)
    return {
      kind: 'topic',
      target: name,
      action: 'create',
      changes: true,
      blocking: false,
      detail: `Create topic ${name} with ${facts.partitions} partition(s), ${replicationOf(facts.replicationFactor)}`,
    };
  return {
    kind: 'topic',
    target: name,
    action: 'exists',
    changes: false,
    blocking: false,
    detail: `Topic ${name} exists (${facts.facts.partitions ?? '?'} partition(s)); left as it is`,
  };
}

export function schemaItem(facts: PlanFacts['schema']): PlanItem {
  const { subject } = facts;
  if (isUnknown(facts.facts)) return unknownItem('schema', subject, facts.facts.unknown);
  const f = facts.facts;
  switch (f.state) {
    case 'new':
      return {
        kind: 'schema',
        target: subject,
        action: 'register',
        changes: true,
        blocking: false,
        detail: `Register the schema as version 1 of the new subject ${subject}`,
      };
    case 'compatible':
      return {
        kind: 'schema',
        target: subject,
        action: 'register',
        changes: true,
        blocking: false,
        detail: `Register a new version of ${subject} (compatible with the latest, version ${f.latest ?? '?'})`,
      };
    case 'registered':
      return {
        kind: 'schema',
        target: subject,
        action: 'registered',
        changes: false,
        blocking: false,
        detail: `Already registered as version ${f.version ?? '?'} of ${subject}`,
      };
    case 'incompatible':
      return {
        kind: 'schema',
        target: subject,
        action: 'incompatible',
        changes: false,
        blocking: true,
        detail: `Incompatible with the latest version (${f.latest ?? '?'}) of ${subject}${f.messages.length ? `: ${f.messages.join('; ')}` : ''}; change the schema or the subject's compatibility level`,
      };
  }
}

export function tableItem(facts: PlanFacts['table']): PlanItem {
  const { target } = facts;
  if (isUnknown(facts.facts)) return unknownItem('table', target, facts.facts.unknown);
  if (!facts.facts.exists)
    return { kind: 'table', target, action: 'create', changes: true, blocking: false, detail: `Create table ${target}` };
  if (facts.facts.differences.length === 0)
    return {
      kind: 'table',
      target,
      action: 'same',
      changes: false,
      blocking: false,
      detail: `Table ${target} exists with the same columns; left as it is`,
    };
  return {
    kind: 'table',
    target,
    action: 'differs',
    changes: false,
    blocking: true,
    detail: `Table ${target} exists with different columns (${facts.facts.differences.join('; ')}); the wizard never alters or replaces a table — pick another table name or change the existing table yourself`,
  };
}

export function connectorItem(facts: PlanFacts['connector'], overwrite: readonly string[]): PlanItem {
  const { name } = facts;
  if (facts.skip)
    return {
      kind: 'connector',
      target: name,
      action: 'skip',
      changes: false,
      blocking: false,
      detail: `Not deployed (skipped as requested); connectors/${name}.json is still written`,
    };
  if (!isUnknown(facts.plugin) && !facts.plugin.installed)
    return {
      kind: 'connector',
      target: name,
      action: 'missing-plugin',
      changes: false,
      blocking: true,
      detail: `${facts.plugin.reason}, so the connector cannot be deployed and nothing is applied. Fix: ${facts.plugin.fix}. Or choose to skip the connector: the topic, schema, table and files are applied and connectors/${name}.json can be deployed later from the Connectors screen`,
    };
  if (isUnknown(facts.facts)) return unknownItem('connector', name, facts.facts.unknown);
  if (!facts.facts.deployed)
    return {
      kind: 'connector',
      target: name,
      action: 'create',
      changes: true,
      blocking: false,
      detail: `Deploy connector ${name} to Kafka Connect`,
    };
  const { diff } = facts.facts;
  if (diff.length === 0)
    return {
      kind: 'connector',
      target: name,
      action: 'unchanged',
      changes: false,
      blocking: false,
      detail: `Connector ${name} is deployed with this config; left as it is`,
    };
  const key = `connector/${name}`;
  const allowed = overwrite.includes(key);
  return {
    kind: 'connector',
    target: name,
    action: 'update',
    changes: true,
    blocking: !allowed,
    diff,
    overwriteKey: key,
    detail: allowed
      ? `Update the deployed connector ${name}: ${diff.length} key(s) change`
      : `Connector ${name} is deployed with a different config (${diff.length} key(s) differ); tick "overwrite ${key}" to update it`,
  };
}

export function fileEntry(file: PlanFacts['files'][number], overwrite: readonly string[]): PlanFile {
  const { path, content, existing } = file;
  if (existing === null) return { path, action: 'create', blocking: false, content, existing: null, detail: `Write ${path}` };
  if (existing === content)
    return { path, action: 'unchanged', blocking: false, content, existing: null, detail: `${path} already holds this content` };
  if (overwrite.includes(path))
    return { path, action: 'overwrite', blocking: false, content, existing, detail: `Overwrite ${path} (allowed explicitly)` };
  return {
    path,
    action: 'differs',
    blocking: true,
    content,
    existing,
    detail: `${path} exists with other content; tick "overwrite ${path}" to replace it`,
  };
}

export function buildPlan(facts: PlanFacts): WizardPlan {
  const items = [topicItem(facts.topic), schemaItem(facts.schema), tableItem(facts.table), connectorItem(facts.connector, facts.overwrite)];
  const files = facts.files.map((f) => fileEntry(f, facts.overwrite));
  const blockers = [...items.filter((i) => i.blocking).map((i) => i.detail), ...files.filter((f) => f.blocking).map((f) => f.detail)];
  const upToDate = items.every((i) => !i.changes) && files.every((f) => f.action === 'unchanged');
  return { pipeline: facts.pipeline, items, files, canApply: blockers.length === 0, blockers, upToDate };
}

/** Column differences between the table that exists and the one the SQL would create ([] = same). */
export function columnDifferences(existing: { name: string; type: string }[], wanted: { name: string; type: string }[]): string[] {
  const differences: string[] = [];
  const have = new Map(existing.map((c) => [c.name, c.type]));
  const want = new Map(wanted.map((c) => [c.name, c.type]));
  for (const [name, type] of want) {
    const actual = have.get(name);
    if (actual === undefined) differences.push(`missing column ${name} ${type}`);
    else if (actual !== type) differences.push(`${name} is ${actual}, not ${type}`);
  }
  for (const [name, type] of have) if (!want.has(name)) differences.push(`extra column ${name} ${type}`);
  return differences;
}
