/** Shapes of the Consumer groups screen: groups with state and lag, one group's members, offset resets. */
import { Type, type Static } from 'typebox';
import { Closed, FetchedAt, MAX_OFFSET, MAX_TIMESTAMP_MS, Nullable, StringEnum } from './common.ts';
import { TopicName } from './names.ts';
import { ConsumerGroupPartitionLag } from './topics.ts';

export const GroupSummary = Type.Object({
  groupId: Type.String(),
  /** classic, consumer (KIP-848), share, streams; null when the broker does not say. */
  type: Nullable(Type.String()),
  state: Type.String(),
  protocolType: Type.String(),
  members: Type.Integer(),
  topics: Type.Array(Type.String()),
  /** Over the partitions the group committed offsets for; null when it could not be read. */
  totalLag: Nullable(Type.Number()),
  /** The Connect sink whose consumer group this is (connect-<name>), when Connect has that connector. */
  connector: Nullable(Type.String()),
});
export type GroupSummary = Static<typeof GroupSummary>;

export const GroupListResponse = Type.Object({ groups: Type.Array(GroupSummary), fetchedAt: FetchedAt });
export type GroupListResponse = Static<typeof GroupListResponse>;

export const GroupMemberInfo = Type.Object({
  memberId: Type.String(),
  clientId: Type.String(),
  host: Type.String(),
  assignments: Type.Array(Type.Object({ topic: Type.String(), partitions: Type.Array(Type.Integer()) })),
});
export type GroupMemberInfo = Static<typeof GroupMemberInfo>;

export const GroupPartition = Type.Object({
  ...ConsumerGroupPartitionLag.properties,
  /** clientId of the member the partition is assigned to; null when none is. */
  member: Nullable(Type.String()),
});

/** `GET /api/consumer-groups/:group`. */
export const GroupDetail = Type.Object({
  groupId: Type.String(),
  type: StringEnum(['classic', 'consumer'] as const),
  state: Type.String(),
  protocolType: Type.String(),
  protocol: Type.String(),
  members: Type.Array(GroupMemberInfo),
  partitions: Type.Array(GroupPartition),
  totalLag: Type.Number(),
  connector: Nullable(Type.String()),
});
export type GroupDetail = Static<typeof GroupDetail>;

/** Body of `POST /api/consumer-groups/:group/reset-offsets`. */
export const ResetOffsetsInput = Closed({
  to: StringEnum(['earliest', 'latest', 'timestamp', 'offset'] as const, { 'x-error-code': 'INVALID_RESET' }),
  /** Epoch ms, with to=timestamp: each partition's first offset at or after it (its end when none is). */
  timestamp: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_TIMESTAMP_MS, 'x-error-code': 'INVALID_TIMESTAMP' })),
  /** With to=offset: the same offset on every partition reset. */
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_OFFSET, 'x-error-code': 'OFFSET_OUT_OF_RANGE' })),
  /** Topics to reset; every topic the group has committed offsets for when absent. */
  topics: Type.Optional(Type.Array(TopicName, { minItems: 1, maxItems: 1000 })),
  /** true: only show current → new offsets, change nothing. */
  dryRun: Type.Boolean(),
  /** Needed when dryRun is false: the group id. */
  confirm: Type.Optional(Type.String({ maxLength: 300 })),
});
export type ResetOffsetsInput = Static<typeof ResetOffsetsInput>;

export const ResetOffsetsResult = Type.Object({
  groupId: Type.String(),
  dryRun: Type.Boolean(),
  applied: Type.Boolean(),
  partitions: Type.Array(
    Type.Object({
      topic: Type.String(),
      partition: Type.Integer(),
      current: Nullable(Type.Number()),
      new: Type.Number(),
      /** End offset − new offset. */
      lagAfter: Type.Number(),
    }),
  ),
  /** Members that make the reset impossible now (a dry run lists them; a real one is refused with 409). */
  blockers: Type.Array(GroupMemberInfo),
  message: Type.String(),
});
export type ResetOffsetsResult = Static<typeof ResetOffsetsResult>;
