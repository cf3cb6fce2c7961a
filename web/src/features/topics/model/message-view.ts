/** Pure helpers of the messages, produce and settings panes. */
import type { BrowseMessagesQuery, MessagePart, ProduceMessageInput, TopicMessage } from '@pipeline-panel/server/contracts';

export type BrowseFrom = NonNullable<BrowseMessagesQuery['from']>;

export interface BrowseDraft {
  from: BrowseFrom;
  /** '' = all partitions. */
  partition: string;
  offset: string;
  /** A datetime-local value (the browser's zone). */
  timestamp: string;
  limit: string;
  filter: string;
}

export const EMPTY_BROWSE: BrowseDraft = { from: 'newest', partition: '', offset: '', timestamp: '', limit: '50', filter: '' };

/** The query string of a page; the server checks every value again and says what is wrong. */
export function browseQuery(draft: BrowseDraft, cursor: string | null): string {
  const params = new URLSearchParams();
  params.set('from', draft.from);
  if (draft.partition.trim() !== '') params.set('partition', draft.partition.trim());
  if (draft.from === 'offset' && draft.offset.trim() !== '') params.set('offset', draft.offset.trim());
  if (draft.from === 'timestamp' && draft.timestamp !== '') {
    const ms = new Date(draft.timestamp).getTime();
    params.set('timestamp', Number.isNaN(ms) ? draft.timestamp : String(ms));
  }
  if (draft.limit.trim() !== '') params.set('limit', draft.limit.trim());
  if (draft.filter !== '') params.set('filter', draft.filter);
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

/** One line of a part for the table: its text, shortened. */
export function preview(part: MessagePart, max = 120): string {
  if (part.format === 'null') return 'null';
  const text = part.text ?? '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The full text of a part for reading: JSON pretty-printed, everything else as is. */
export function fullText(part: MessagePart): string {
  if ((part.format === 'avro' || part.format === 'json') && part.text && !part.truncated) {
    try {
      return JSON.stringify(JSON.parse(part.text), null, 2);
    } catch {
      return part.text;
    }
  }
  return part.text ?? 'null';
}

/** A message as JSON to copy: key and value as their decoded JSON where they are JSON, else their text. */
export function messageAsJson(topic: string, message: TopicMessage): string {
  const value = (part: MessagePart): unknown => {
    if ((part.format === 'avro' || part.format === 'json') && part.text && !part.truncated) {
      try {
        return JSON.parse(part.text);
      } catch {
        return part.text;
      }
    }
    return part.format === 'null' ? null : part.text;
  };
  return JSON.stringify(
    {
      topic,
      partition: message.partition,
      offset: message.offset,
      timestamp: new Date(message.timestamp).toISOString(),
      key: value(message.key),
      value: value(message.value),
      headers: Object.fromEntries(message.headers.map((h) => [h.key, h.value])),
      ...(message.value.schemaId !== null
        ? { schema: { id: message.value.schemaId, subject: message.value.subject, version: message.value.version } }
        : {}),
    },
    null,
    2,
  );
}

export interface ProduceDraft {
  key: string;
  /** One `name: value` per line. */
  headers: string;
  partition: string;
  format: 'avro' | 'json' | 'text' | 'null';
  subject: string;
  version: string;
  value: string;
}

export type DraftResult = { ok: true; input: ProduceMessageInput } | { ok: false; field: keyof ProduceDraft; message: string };

/** The produce form → the request, or the first thing to fix (the server checks the value against the schema). */
export function produceInput(draft: ProduceDraft): DraftResult {
  const headers: { key: string; value: string }[] = [];
  for (const [i, line] of draft.headers.split('\n').entries()) {
    if (line.trim() === '') continue;
    const at = line.indexOf(':');
    if (at <= 0) return { ok: false, field: 'headers', message: `Header line ${i + 1} needs "name: value"` };
    headers.push({ key: line.slice(0, at).trim(), value: line.slice(at + 1).trim() });
  }
  const input: ProduceMessageInput = { value: { format: draft.format } };
  if (draft.key !== '') input.key = draft.key;
  if (headers.length > 0) input.headers = headers;
  if (draft.partition.trim() !== '') {
    const partition = Number(draft.partition);
    if (!Number.isInteger(partition) || partition < 0)
      return { ok: false, field: 'partition', message: 'A partition is a whole number ≥ 0' };
    input.partition = partition;
  }
  if (draft.format === 'text') input.value.text = draft.value;
  if (draft.format === 'json' || draft.format === 'avro') {
    try {
      input.value.json = JSON.parse(draft.value);
    } catch (error) {
      return { ok: false, field: 'value', message: `The value is not JSON: ${(error as Error).message}` };
    }
  }
  if (draft.format === 'avro') {
    if (draft.subject.trim() === '') return { ok: false, field: 'subject', message: 'Name the subject whose version checks the value' };
    const version = Number(draft.version);
    if (!Number.isInteger(version) || version < 1) return { ok: false, field: 'version', message: 'Pick a subject version' };
    input.value.subject = draft.subject.trim();
    input.value.version = version;
  }
  return { ok: true, input };
}

/** retention.ms in words: "7 days", "unlimited". */
export function describeMs(value: string | null): string {
  if (value === null) return '—';
  const ms = Number(value);
  if (!Number.isFinite(ms)) return value;
  if (ms < 0) return 'unlimited';
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, name] of units) if (ms >= size && ms % size === 0) return `${ms / size} ${name}${ms / size === 1 ? '' : 's'}`;
  return `${ms} ms`;
}
