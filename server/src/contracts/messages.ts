/** Shapes of the Topics screen's messages API: browse (group-less, bounded pages) and produce. */
import { Type, type Static } from 'typebox';
import { Closed, MAX_OFFSET, MAX_TIMESTAMP_MS, Nullable, StringEnum } from './common.ts';
import { SchemaVersionNumber, SubjectName, TopicName } from './names.ts';

export const MAX_PAGE_MESSAGES = 500;
/** Keys, values and headers of one page, in bytes as stored on Kafka. */
export const MAX_PAGE_BYTES = 4 * 1024 * 1024;
/** Messages one request may read while filtering (the page stops there and says so). */
export const MAX_SCANNED_MESSAGES = 5000;
export const MAX_FILTER_LENGTH = 200;
export const MAX_PARTITION_ID = 99_999;

export const BrowseFrom = StringEnum(['newest', 'oldest', 'offset', 'timestamp'] as const, {
  description:
    'newest: newest first; oldest: from the start; offset: from `offset` of `partition`; timestamp: from the first message at or after `timestamp`',
});

export const MessagesParams = Closed({ name: TopicName });

/** `GET /api/topics/:name/messages` query. */
export const BrowseMessagesQuery = Closed({
  from: Type.Optional(BrowseFrom),
  /** One partition; all partitions when absent. */
  partition: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_PARTITION_ID, 'x-error-code': 'PARTITION_NOT_FOUND' })),
  offset: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: MAX_OFFSET,
      description: 'with from=offset (needs `partition`)',
      'x-error-code': 'OFFSET_OUT_OF_RANGE',
    }),
  ),
  timestamp: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: MAX_TIMESTAMP_MS,
      description: 'epoch milliseconds, with from=timestamp',
      'x-error-code': 'INVALID_TIMESTAMP',
    }),
  ),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_PAGE_MESSAGES,
      description: `messages per page, 1..${MAX_PAGE_MESSAGES} (default 50)`,
      'x-error-code': 'INVALID_LIMIT',
    }),
  ),
  /** Case-insensitive substring of the key or value (decoded text). */
  filter: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_FILTER_LENGTH, 'x-error-code': 'INVALID_FILTER' })),
  /** `nextCursor` of the previous page; the other parameters must stay the same. */
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 16_384, pattern: '^[A-Za-z0-9_-]+$', 'x-error-code': 'INVALID_CURSOR' })),
});
export type BrowseMessagesQuery = Static<typeof BrowseMessagesQuery>;

/** A key or value as shown. */
export const MessagePart = Type.Object({
  format: StringEnum(['null', 'avro', 'json', 'text', 'binary'] as const),
  /** avro/json: compact JSON text; text: the text; binary: hex; null: null. Cut at 64 KiB (see `truncated`). */
  text: Nullable(Type.String()),
  /** binary only: the (shown) bytes in base64. */
  base64: Nullable(Type.String()),
  /** Size as stored on Kafka. */
  bytes: Type.Integer(),
  truncated: Type.Boolean(),
  /** Confluent wire format: the writer schema's id, and its subject and version when the registry says. */
  schemaId: Nullable(Type.Integer()),
  subject: Nullable(Type.String()),
  version: Nullable(Type.Integer()),
  /** Why a framed value is shown as bytes, or other caveats. */
  note: Nullable(Type.String()),
});
export type MessagePart = Static<typeof MessagePart>;

export const MessageHeader = Type.Object({
  key: Type.String(),
  value: Nullable(Type.String()),
  /** text: printable UTF-8; hex: anything else. */
  encoding: StringEnum(['text', 'hex'] as const),
});
export type MessageHeader = Static<typeof MessageHeader>;

export const TopicMessage = Type.Object({
  partition: Type.Integer(),
  offset: Type.Number(),
  /** Epoch milliseconds. */
  timestamp: Type.Number(),
  timestampType: StringEnum(['CreateTime', 'LogAppendTime'] as const),
  key: MessagePart,
  value: MessagePart,
  headers: Type.Array(MessageHeader),
});
export type TopicMessage = Static<typeof TopicMessage>;

export const BrowsePartition = Type.Object({
  partition: Type.Integer(),
  /** Log start offset and end offset (read_committed) when the page was read. */
  low: Type.Number(),
  high: Type.Number(),
  /** Where the next page continues on this partition (newest first: the exclusive upper bound). */
  next: Type.Number(),
  /** Nothing more to read on this partition in this direction. */
  done: Type.Boolean(),
});
export type BrowsePartition = Static<typeof BrowsePartition>;

export const BrowseMessagesResponse = Type.Object({
  topic: Type.String(),
  from: BrowseFrom,
  messages: Type.Array(TopicMessage),
  /** Messages read to make this page (more than `messages` when a filter skipped some). */
  scanned: Type.Integer(),
  /** What ended the page early: the count asked for, the byte bound, the scan bound; null when nothing is left. */
  limitedBy: Nullable(StringEnum(['count', 'bytes', 'scan'] as const)),
  /** Bytes (keys, values, headers) of the messages returned. */
  bytes: Type.Integer(),
  /** Pass as `cursor` for the next page; null when every partition is done. */
  nextCursor: Nullable(Type.String()),
  partitions: Type.Array(BrowsePartition),
});
export type BrowseMessagesResponse = Static<typeof BrowseMessagesResponse>;

export const MAX_PRODUCE_TEXT = 512 * 1024;

/** Body of `POST /api/topics/:name/messages`. */
export const ProduceMessageInput = Closed({
  /** UTF-8 key; none when absent or null. */
  key: Type.Optional(Nullable(Type.String({ maxLength: 64 * 1024 }))),
  headers: Type.Optional(
    Type.Array(Closed({ key: Type.String({ minLength: 1, maxLength: 255 }), value: Type.String({ maxLength: 64 * 1024 }) }), {
      maxItems: 100,
    }),
  ),
  /** A partition; the key's partition (murmur2, like Java clients) when absent. */
  partition: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_PARTITION_ID, 'x-error-code': 'PARTITION_NOT_FOUND' })),
  value: Closed({
    /** avro: `json` checked against `subject` version `version` and sent in the Confluent wire format; json: `json` as JSON text; text: `text` as UTF-8; null: a tombstone. */
    format: StringEnum(['avro', 'json', 'text', 'null'] as const),
    subject: Type.Optional(SubjectName),
    /** The subject version to validate and encode with (a number: pinned, not "whatever is latest"). */
    version: Type.Optional(SchemaVersionNumber),
    json: Type.Optional(Type.Unknown()),
    text: Type.Optional(Type.String({ maxLength: MAX_PRODUCE_TEXT })),
  }),
});
export type ProduceMessageInput = Static<typeof ProduceMessageInput>;

export const ProduceMessageResult = Type.Object({
  topic: Type.String(),
  partition: Type.Integer(),
  offset: Type.Number(),
  /** Bytes of the value as sent. */
  valueBytes: Type.Integer(),
  schemaId: Nullable(Type.Integer()),
  subject: Nullable(Type.String()),
  version: Nullable(Type.Integer()),
  message: Type.String(),
});
export type ProduceMessageResult = Static<typeof ProduceMessageResult>;
