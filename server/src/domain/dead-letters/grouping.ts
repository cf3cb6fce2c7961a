/**
 * Dead letters grouped by what went wrong: Connect's stage, the executing class, the exception class and the
 * exception message with its variable parts (numbers, ids, quoted values) replaced, so "Unknown magic byte at
 * offset 17" and "… at offset 4711" are one group while the full text stays on each message.
 * Header names: DeadLetterQueueReporter.java in apache/kafka (connect/runtime/…/errors), 4.x.
 */
import { createHash } from 'node:crypto';

export const ERROR_HEADER_PREFIX = '__connect.errors.';

export const ERROR_HEADERS = {
  topic: '__connect.errors.topic',
  partition: '__connect.errors.partition',
  offset: '__connect.errors.offset',
  connector: '__connect.errors.connector.name',
  task: '__connect.errors.task.id',
  stage: '__connect.errors.stage',
  className: '__connect.errors.class.name',
  exceptionClass: '__connect.errors.exception.class.name',
  message: '__connect.errors.exception.message',
  stacktrace: '__connect.errors.exception.stacktrace',
} as const;

/** The redrive marker the panel adds to a republished message. */
export const REDRIVE_HEADER = 'pipeline-panel.redrive';

/** Variable parts of an error message → placeholders. Order matters: the specific shapes before plain numbers. */
const VARIABLE_PARTS: [RegExp, string][] = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/"(?:[^"\\]|\\.)*"/g, '"…"'],
  [/'(?:[^'\\]|\\.)*'/g, "'…'"],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi, '<hex>'],
  [/-?\b\d+(?:\.\d+)?\b/g, '<n>'],
];

export function normaliseErrorMessage(message: string | null): string {
  if (!message) return '(no message)';
  let text = message.length > 2000 ? message.slice(0, 2000) : message;
  for (const [pattern, placeholder] of VARIABLE_PARTS) text = text.replace(pattern, placeholder);
  return text.replace(/\s+/g, ' ').trim();
}

export interface ErrorIdentity {
  stage: string | null;
  className: string | null;
  exceptionClass: string | null;
  pattern: string;
}

/** 16 hex characters, stable across runs and panels for the same identity. */
export function groupKey(identity: ErrorIdentity): string {
  return createHash('sha256')
    .update(JSON.stringify([identity.stage, identity.className, identity.exceptionClass, identity.pattern]))
    .digest('hex')
    .slice(0, 16);
}

/** `items` grouped by `identityOf`, largest group first, each group's items in the given order. */
export function groupByError<T>(
  items: T[],
  identityOf: (item: T) => ErrorIdentity,
): { key: string; identity: ErrorIdentity; items: T[] }[] {
  const groups = new Map<string, { key: string; identity: ErrorIdentity; items: T[] }>();
  for (const item of items) {
    const identity = identityOf(item);
    const key = groupKey(identity);
    const group = groups.get(key) ?? { key, identity, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.items.length - a.items.length || a.key.localeCompare(b.key));
}

/** The ledger key of one dead letter. */
export const ledgerKey = (dlqTopic: string, partition: number, offset: number) => `${dlqTopic}/${partition}/${offset}`;
