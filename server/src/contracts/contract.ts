/** The Avro-schema ↔ ClickHouse-table contract check (pure logic lives in server/src/domain/contract/). */
import { Type, type Static } from 'typebox';
import { Nullable, StringEnum } from './common.ts';

export const ClickHouseColumn = Type.Object({
  name: Type.String(),
  /** The type exactly as `DESCRIBE TABLE` / system.columns prints it, e.g. `Nullable(String)`, `DateTime64(3, 'UTC')`. */
  type: Type.String(),
  /** `DEFAULT`, `MATERIALIZED`, `ALIAS`, `EPHEMERAL`, or '' when the column has none. */
  defaultKind: StringEnum(['', 'DEFAULT', 'MATERIALIZED', 'ALIAS', 'EPHEMERAL'] as const),
});
export type ClickHouseColumn = Static<typeof ClickHouseColumn>;

export const Verdict = StringEnum(['ok', 'warning', 'error'] as const);
export type Verdict = Static<typeof Verdict>;

export const FieldVerdict = Type.Object({
  /** Avro field name, or null for a column no field feeds. */
  field: Nullable(Type.String()),
  column: Nullable(Type.String()),
  avroType: Nullable(Type.String()),
  columnType: Nullable(Type.String()),
  verdict: Verdict,
  reason: Type.String(),
  /** A column type that would accept this field under the sink's mapping. */
  suggestedType: Type.Optional(Type.String()),
  /** The sink rules behind the verdict (ids of docs/sink-type-mapping.md). */
  rules: Type.Optional(Type.Array(Type.String())),
});
export type FieldVerdict = Static<typeof FieldVerdict>;

/** How many partitions one INSERT block touches under the table's PARTITION BY (contract/partition-estimate.ts). */
export const PartitionEstimate = Type.Object({
  partitionKey: Type.String(),
  /** Upper bound of distinct partitions in one block. */
  partitions: Type.Integer(),
  /** The effective max_partitions_per_insert_block (0: none). */
  limit: Type.Integer(),
  exceeds: Type.Boolean(),
  reason: Type.String(),
});
export type PartitionEstimate = Static<typeof PartitionEstimate>;

export const ContractReport = Type.Object({
  verdict: Verdict,
  fields: Type.Array(FieldVerdict),
  summary: Type.String(),
  /** Present when the table's partitioning was checked (the smoke test and pipeline contract do). */
  partitions: Type.Optional(PartitionEstimate),
});
export type ContractReport = Static<typeof ContractReport>;
