/** Shapes of a pipeline's dead-letter topic: messages grouped by error, and redrive to the original topic. */
import { Type, type Static } from 'typebox';
import { Closed, Nullable } from './common.ts';
import { MAX_PARTITION_ID, MessageHeader, MessagePart } from './messages.ts';
import { PipelineId } from './names.ts';

export const DeadLetterParams = Closed({ id: PipelineId });

export const DeadLetterError = Type.Object({
  /** Connect's stage: KEY_CONVERTER, VALUE_CONVERTER, HEADER_CONVERTER, TRANSFORMATION, TASK_PUT, … */
  stage: Nullable(Type.String()),
  /** The class that was executing (`__connect.errors.class.name`), e.g. the converter. */
  className: Nullable(Type.String()),
  exceptionClass: Nullable(Type.String()),
  /** The full exception message. */
  message: Nullable(Type.String()),
  /** The stack trace, cut at 8 KiB. */
  stacktrace: Nullable(Type.String()),
  connector: Nullable(Type.String()),
  task: Nullable(Type.String()),
});

export const Redrive = Type.Object({ at: Type.String(), topic: Type.String(), partition: Type.Integer(), offset: Type.Number() });
export type Redrive = Static<typeof Redrive>;

export const DeadLetter = Type.Object({
  partition: Type.Integer(),
  offset: Type.Number(),
  timestamp: Type.Number(),
  key: MessagePart,
  value: MessagePart,
  /** The record's own headers (the `__connect.errors.*` ones are in `error`). */
  headers: Type.Array(MessageHeader),
  /** Where the record was read from (`__connect.errors.topic/partition/offset`); null without context headers. */
  original: Nullable(Type.Object({ topic: Type.String(), partition: Type.Integer(), offset: Type.Number() })),
  error: DeadLetterError,
  /** Earlier redrives of this dead letter (the panel's ledger topic). */
  redrives: Type.Array(Redrive),
});
export type DeadLetter = Static<typeof DeadLetter>;

export const DeadLetterGroup = Type.Object({
  /** Stable id of the group (stage, classes, normalised message): pass it to redrive a whole group. */
  key: Type.String({ pattern: '^[0-9a-f]{16}$' }),
  stage: Nullable(Type.String()),
  className: Nullable(Type.String()),
  exceptionClass: Nullable(Type.String()),
  /** The message with numbers, ids and quoted values replaced by placeholders (what the group has in common). */
  pattern: Type.String(),
  count: Type.Integer(),
  originalTopics: Type.Array(Type.String()),
  redriven: Type.Integer(),
  messages: Type.Array(DeadLetter),
});
export type DeadLetterGroup = Static<typeof DeadLetterGroup>;

/** `GET /api/pipelines/:id/dead-letters`. */
export const DeadLettersResponse = Type.Object({
  pipeline: Type.String(),
  topic: Type.String(),
  /** false until Connect writes the first dead letter (it creates the topic then). */
  exists: Type.Boolean(),
  /** Messages on the topic (end − start offsets). */
  total: Type.Number(),
  /** Messages read (the newest, at most `limit`). */
  scanned: Type.Integer(),
  groups: Type.Array(DeadLetterGroup),
});
export type DeadLettersResponse = Static<typeof DeadLettersResponse>;

export const MAX_DEAD_LETTERS = 2000;

export const DeadLettersQuery = Closed({
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_DEAD_LETTERS,
      description: `newest messages read, 1..${MAX_DEAD_LETTERS} (default 500)`,
      'x-error-code': 'INVALID_LIMIT',
    }),
  ),
});
export type DeadLettersQuery = Static<typeof DeadLettersQuery>;

/** Body of `POST /api/pipelines/:id/dead-letters/redrive`: some messages, or every message of one error group. */
export const RedriveInput = Closed({
  messages: Type.Optional(
    Type.Array(Closed({ partition: Type.Integer({ minimum: 0, maximum: MAX_PARTITION_ID }), offset: Type.Integer({ minimum: 0 }) }), {
      minItems: 1,
      maxItems: MAX_DEAD_LETTERS,
    }),
  ),
  group: Type.Optional(Type.String({ pattern: '^[0-9a-f]{16}$', description: 'a group key from GET …/dead-letters' })),
  /** Needed to redrive a message that was redriven before (409 ALREADY_REDRIVEN otherwise). */
  confirmRepeat: Type.Optional(Type.Boolean()),
});
export type RedriveInput = Static<typeof RedriveInput>;

export const RedriveResult = Type.Object({
  pipeline: Type.String(),
  redriven: Type.Integer(),
  /** How many of them had been redriven before (sent again because confirmRepeat was true). */
  repeated: Type.Integer(),
  results: Type.Array(
    Type.Object({
      dlq: Type.Object({ partition: Type.Integer(), offset: Type.Number() }),
      to: Type.Object({ topic: Type.String(), partition: Type.Integer(), offset: Type.Number() }),
    }),
  ),
  message: Type.String(),
});
export type RedriveResult = Static<typeof RedriveResult>;
