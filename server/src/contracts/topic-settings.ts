/** Shapes of the Topics screen's settings: configs with their source, edits, delete, delete records. */
import { Type, type Static } from 'typebox';
import { Closed, MAX_OFFSET, Nullable, StringEnum } from './common.ts';
import { RetentionMs } from './topics.ts';
import { MAX_PARTITION_ID } from './messages.ts';

export const ConfigSourceName = StringEnum(
  ['topic', 'dynamic-broker', 'dynamic-default-broker', 'static-broker', 'default', 'dynamic-broker-logger', 'unknown'] as const,
  {
    description:
      "topic: set on this topic; dynamic-broker(-default): set on the broker at run time; static-broker: server.properties; default: Kafka's default",
  },
);

export const TopicConfig = Type.Object({
  name: Type.String(),
  value: Nullable(Type.String()),
  source: ConfigSourceName,
  readOnly: Type.Boolean(),
  sensitive: Type.Boolean(),
  /** The panel can edit it here (retention.ms, retention.bytes, cleanup.policy; never on an internal topic). */
  editable: Type.Boolean(),
  synonyms: Type.Array(Type.Object({ name: Type.String(), value: Nullable(Type.String()), source: ConfigSourceName })),
});
export type TopicConfig = Static<typeof TopicConfig>;

/** `GET /api/topics/:name/configs`. */
export const TopicConfigsResponse = Type.Object({
  topic: Type.String(),
  /** Why the topic cannot be edited or deleted here; null for an ordinary topic. */
  internal: Nullable(Type.String()),
  configs: Type.Array(TopicConfig),
});
export type TopicConfigsResponse = Static<typeof TopicConfigsResponse>;

export const EDITABLE_CONFIGS = ['retention.ms', 'retention.bytes', 'cleanup.policy'] as const;

/** Body of `PUT /api/topics/:name/configs`: only the keys given change; null puts the broker's value back. */
export const UpdateTopicConfigsInput = Closed(
  {
    'retention.ms': Type.Optional(Nullable(RetentionMs)),
    'retention.bytes': Type.Optional(
      Nullable(
        Type.Union([Type.Literal(-1), Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })], {
          description: 'retention.bytes per partition: -1 (unlimited) or ≥ 1',
          'x-error-code': 'INVALID_CONFIG',
        }),
      ),
    ),
    'cleanup.policy': Type.Optional(
      Nullable(StringEnum(['delete', 'compact', 'compact,delete'] as const, { 'x-error-code': 'INVALID_CONFIG' })),
    ),
  },
  { minProperties: 1 },
);
export type UpdateTopicConfigsInput = Static<typeof UpdateTopicConfigsInput>;

export const ConfigChangeOutcome = Type.Object({
  name: Type.String(),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  /** Where the value now comes from. */
  source: ConfigSourceName,
});

export const UpdateTopicConfigsResult = Type.Object({
  topic: Type.String(),
  changed: Type.Array(ConfigChangeOutcome),
  unchanged: Type.Array(Type.String()),
  message: Type.String(),
});
export type UpdateTopicConfigsResult = Static<typeof UpdateTopicConfigsResult>;

/** Typed confirmation: the topic's name. */
export const ConfirmTopicInput = Closed({ confirm: Type.Optional(Type.String({ maxLength: 300 })) });
export type ConfirmTopicInput = Static<typeof ConfirmTopicInput>;

export const DeleteTopicResult = Type.Object({ topic: Type.String(), deleted: Type.Boolean(), message: Type.String() });
export type DeleteTopicResult = Static<typeof DeleteTopicResult>;

/** Body of `POST /api/topics/:name/delete-records`. */
export const DeleteRecordsInput = Closed({
  confirm: Type.Optional(Type.String({ maxLength: 300 })),
  /** Per partition: every record before `offset` is deleted (the log start offset becomes `offset`). */
  partitions: Type.Array(
    Closed({
      partition: Type.Integer({ minimum: 0, maximum: MAX_PARTITION_ID, 'x-error-code': 'PARTITION_NOT_FOUND' }),
      offset: Type.Integer({ minimum: 0, maximum: MAX_OFFSET, 'x-error-code': 'OFFSET_OUT_OF_RANGE' }),
    }),
    { minItems: 1, maxItems: 10_000 },
  ),
});
export type DeleteRecordsInput = Static<typeof DeleteRecordsInput>;

export const DeleteRecordsResult = Type.Object({
  topic: Type.String(),
  partitions: Type.Array(
    Type.Object({ partition: Type.Integer(), lowBefore: Type.Number(), lowAfter: Type.Number(), deleted: Type.Number() }),
  ),
  message: Type.String(),
});
export type DeleteRecordsResult = Static<typeof DeleteRecordsResult>;
