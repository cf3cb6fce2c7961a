/** A pipeline's dead-letter topic: its messages grouped by error, and redrive to the original topic. */
import { MAX_PAGE_MESSAGES, type TopicMessage } from '../contracts/messages.ts';
import type { DeadLetter, DeadLettersResponse, RedriveInput, RedriveResult } from '../contracts/dead-letters.ts';
import {
  ERROR_HEADER_PREFIX,
  ERROR_HEADERS,
  groupByError,
  ledgerKey,
  normaliseErrorMessage,
  REDRIVE_HEADER,
} from '../domain/dead-letters/grouping.ts';
import { internalTopicReason } from '../domain/topics/internal-topics.ts';
import { AppError } from '../errors/app-error.ts';
import type { KafkaAccess } from '../kafka/access.ts';
import { fetchExact, readRedriveLedger, writeRedriveLedger, type LedgerEntry } from '../kafka/dead-letter.ts';
import { topicPartitions, watermarks, type FetchedRecord } from '../kafka/messages.ts';
import { produceMessages } from '../kafka/produce.ts';
import { getPipeline } from '../pipelines/index.ts';
import type { SchemaFiles } from '../pipelines/schema-files.ts';
import type { RepoFiles } from '../repo-files/index.ts';
import { browseMessages } from './message-browser.ts';
import { createMessageDecoder } from './message-decoder.ts';
import type { MessageService } from './messages.ts';

export interface DeadLetterService {
  list(pipelineId: string, limit?: number): Promise<DeadLettersResponse>;
  redrive(pipelineId: string, input: RedriveInput): Promise<RedriveResult>;
}

const DEFAULT_LIMIT = 500;
const MAX_STACKTRACE = 8 * 1024;

/** The dead-letter view needs the pipelines' topics only, not their schema files. */
const NO_SCHEMA_FILES: SchemaFiles = { list: async () => [], read: async () => '' };

export function createDeadLetterService(deps: { kafka: KafkaAccess; files: RepoFiles; messages: MessageService }): DeadLetterService {
  const { kafka } = deps;

  /** The pipeline's dead-letter topic, and its source topic (whose subjects name the dead letters' schemas). */
  async function dlqOf(pipelineId: string): Promise<{ id: string; topic: string; source: string }> {
    const pipeline = await getPipeline(deps.files, NO_SCHEMA_FILES, pipelineId);
    if (!pipeline.dlqTopic) {
      throw new AppError(
        404,
        'NO_DEAD_LETTER_TOPIC',
        `Pipeline ${pipelineId} has no dead-letter topic: connectors/${pipeline.connectorFile} sets no errors.deadletterqueue.topic.name (with errors.tolerance=all)`,
        { pipeline: pipelineId },
      );
    }
    return { id: pipeline.id, topic: pipeline.dlqTopic, source: pipeline.topic };
  }

  /** The newest `limit` dead letters as decoded messages, newest first; null when the topic does not exist. */
  async function readNewest(topic: string, source: string, limit: number): Promise<{ messages: TopicMessage[]; total: number } | null> {
    let total: number;
    try {
      total = await kafka.withCluster(async (cluster) =>
        (await watermarks(cluster, topic, await topicPartitions(cluster, topic))).reduce((s, m) => s + (m.high - m.low), 0),
      );
    } catch (error) {
      if ((error as AppError).code === 'TOPIC_NOT_FOUND') return null;
      throw error;
    }
    const messages: TopicMessage[] = [];
    let cursor: string | undefined;
    const decoder = createMessageDecoder(deps.messages.schemas, source);
    while (messages.length < limit) {
      const page = await browseMessages(kafka, decoder, topic, {
        from: 'newest',
        limit: Math.min(MAX_PAGE_MESSAGES, limit - messages.length),
        cursor,
      });
      messages.push(...page.messages);
      if (!page.nextCursor || page.messages.length === 0) break;
      cursor = page.nextCursor;
    }
    return { messages, total };
  }

  async function list(pipelineId: string, limit = DEFAULT_LIMIT): Promise<DeadLettersResponse> {
    {
      const { id, topic, source } = await dlqOf(pipelineId);
      const [read, ledger] = await Promise.all([readNewest(topic, source, limit), readRedriveLedger(kafka)]);
      if (!read) return { pipeline: id, topic, exists: false, total: 0, scanned: 0, groups: [] };
      const letters = read.messages.map((m) => toDeadLetter(m, ledger.get(ledgerKey(topic, m.partition, m.offset)) ?? []));
      const groups = groupByError(letters, (l) => ({
        stage: l.error.stage,
        className: l.error.className,
        exceptionClass: l.error.exceptionClass,
        pattern: normaliseErrorMessage(l.error.message),
      }));
      return {
        pipeline: id,
        topic,
        exists: true,
        total: read.total,
        scanned: letters.length,
        groups: groups.map((g) => ({
          key: g.key,
          ...g.identity,
          count: g.items.length,
          originalTopics: [...new Set(g.items.flatMap((l) => (l.original ? [l.original.topic] : [])))].sort(),
          redriven: g.items.filter((l) => l.redrives.length > 0).length,
          messages: g.items,
        })),
      };
    }
  }

  return {
    list,
    async redrive(pipelineId, input) {
      if ((input.messages === undefined) === (input.group === undefined)) {
        throw new AppError(
          400,
          'VALIDATION_FAILED',
          'Redrive needs either body.messages (a selection) or body.group (a group key), not both or neither; nothing was sent',
          {
            field: 'body',
            rule: 'oneOf',
          },
        );
      }
      const { id, topic } = await dlqOf(pipelineId);
      let wanted = input.messages ?? [];
      if (input.group !== undefined) {
        const listed = await list(pipelineId, DEFAULT_LIMIT * 4);
        const group = listed.groups.find((g) => g.key === input.group);
        if (!group)
          throw new AppError(
            404,
            'DEAD_LETTER_NOT_FOUND',
            `No error group ${input.group} among the newest dead letters of ${topic}; nothing was sent`,
            { group: input.group },
          );
        wanted = group.messages.map((m) => ({ partition: m.partition, offset: m.offset }));
      }
      const records = await fetchExact(kafka, topic, wanted);
      const missing = wanted.filter((w) => !records.some((r) => r.partition === w.partition && r.offset === w.offset));
      if (missing.length > 0) {
        throw new AppError(
          404,
          'DEAD_LETTER_NOT_FOUND',
          `${topic} has no message at ${missing.map((m) => `${m.partition}/${m.offset}`).join(', ')}; nothing was sent`,
          {
            missing,
          },
        );
      }
      const plans = records.map((r) => planRedrive(topic, r));
      const ledger = await readRedriveLedger(kafka);
      const before = plans.filter((p) => (ledger.get(p.key) ?? []).length > 0);
      if (before.length > 0 && input.confirmRepeat !== true) {
        throw new AppError(
          409,
          'ALREADY_REDRIVEN',
          `${before.length} of the ${plans.length} message(s) were redriven before (${before
            .slice(0, 5)
            .map((p) => `${p.dlq.partition}/${p.dlq.offset} at ${ledger.get(p.key)?.at(-1)?.at}`)
            .join(', ')}${before.length > 5 ? ', …' : ''}); send {"confirmRepeat": true} to send them again; nothing was sent`,
          { repeated: before.map((p) => ({ ...p.dlq, redrives: ledger.get(p.key) })) },
        );
      }
      const now = new Date().toISOString();
      const results: RedriveResult['results'] = [];
      const updates = new Map<string, LedgerEntry[]>();
      for (const [target, group] of byTarget(plans)) {
        const partitions = await kafka.withCluster((cluster) => topicPartitions(cluster, target));
        const landed = await produceMessages(
          kafka,
          target,
          group.map((p) => ({
            key: p.record.key,
            value: p.record.value,
            partition: p.partition !== null && partitions.includes(p.partition) ? p.partition : undefined,
            headers: [
              ...p.headers,
              { key: REDRIVE_HEADER, value: Buffer.from(JSON.stringify({ dlq: { topic, ...p.dlq }, original: p.original, at: now })) },
            ],
          })),
        );
        group.forEach((p, i) => {
          const at = landed[i] ?? { partition: -1, offset: -1 };
          results.push({ dlq: p.dlq, to: { topic: target, ...at } });
          updates.set(p.key, [...(ledger.get(p.key) ?? []), { at: now, topic: target, ...at }]);
        });
      }
      await writeRedriveLedger(kafka, updates);
      const targets = [...new Set(results.map((r) => r.to.topic))].join(', ');
      return {
        pipeline: id,
        redriven: results.length,
        repeated: before.length,
        results,
        message: `Redrove ${results.length} message(s) to ${targets}${before.length > 0 ? ` (${before.length} for the second time or more)` : ''}; ${topic} keeps them all`,
      };
    },
  };
}

function header(m: TopicMessage, name: string): string | null {
  return m.headers.find((h) => h.key === name && h.encoding === 'text')?.value ?? null;
}

function toDeadLetter(m: TopicMessage, redrives: LedgerEntry[]): DeadLetter {
  const topic = header(m, ERROR_HEADERS.topic);
  const partition = Number(header(m, ERROR_HEADERS.partition));
  const offset = Number(header(m, ERROR_HEADERS.offset));
  const stacktrace = header(m, ERROR_HEADERS.stacktrace);
  return {
    partition: m.partition,
    offset: m.offset,
    timestamp: m.timestamp,
    key: m.key,
    value: m.value,
    headers: m.headers.filter((h) => !h.key.startsWith(ERROR_HEADER_PREFIX)),
    original:
      topic && Number.isInteger(partition) && partition >= 0 && Number.isFinite(offset) && offset >= 0
        ? { topic, partition, offset }
        : null,
    error: {
      stage: header(m, ERROR_HEADERS.stage),
      className: header(m, ERROR_HEADERS.className),
      exceptionClass: header(m, ERROR_HEADERS.exceptionClass),
      message: header(m, ERROR_HEADERS.message),
      stacktrace: stacktrace && stacktrace.length > MAX_STACKTRACE ? `${stacktrace.slice(0, MAX_STACKTRACE)}…` : stacktrace,
      connector: header(m, ERROR_HEADERS.connector),
      task: header(m, ERROR_HEADERS.task),
    },
    redrives,
  };
}

interface RedrivePlan {
  key: string;
  dlq: { partition: number; offset: number };
  target: string;
  partition: number | null;
  original: { topic: string; partition: string | null; offset: string | null };
  headers: { key: string; value: Buffer }[];
  record: FetchedRecord;
}

/** Where a raw dead letter goes back to, with its own headers only (the error headers and older markers dropped). */
function planRedrive(dlqTopic: string, record: FetchedRecord): RedrivePlan {
  const text = (name: string) => record.headers.find((h) => h.key === name)?.value?.toString('utf8') ?? null;
  const target = text(ERROR_HEADERS.topic);
  const where = `${dlqTopic} ${record.partition}/${record.offset}`;
  if (!target) {
    throw new AppError(
      400,
      'NOT_REDRIVABLE',
      `${where} has no ${ERROR_HEADERS.topic} header, so its original topic is unknown (the connector needs errors.deadletterqueue.context.headers.enable=true); nothing was sent`,
      { partition: record.partition, offset: record.offset },
    );
  }
  const internal = internalTopicReason(target);
  if (internal)
    throw new AppError(
      403,
      'INTERNAL_TOPIC',
      `${where} came from ${target}, ${internal}; the panel does not write to it; nothing was sent`,
      { topic: target },
    );
  const partition = Number(text(ERROR_HEADERS.partition));
  return {
    key: ledgerKey(dlqTopic, record.partition, record.offset),
    dlq: { partition: record.partition, offset: record.offset },
    target,
    partition: Number.isInteger(partition) && partition >= 0 ? partition : null,
    original: { topic: target, partition: text(ERROR_HEADERS.partition), offset: text(ERROR_HEADERS.offset) },
    headers: record.headers
      .filter((h) => !h.key.startsWith(ERROR_HEADER_PREFIX) && h.key !== REDRIVE_HEADER)
      .map((h) => ({ key: h.key, value: h.value ?? Buffer.alloc(0) })),
    record,
  };
}

function byTarget(plans: RedrivePlan[]): Map<string, RedrivePlan[]> {
  const out = new Map<string, RedrivePlan[]>();
  for (const p of plans) out.set(p.target, [...(out.get(p.target) ?? []), p]);
  return out;
}
