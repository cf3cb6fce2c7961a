/** The Avro-schema ↔ ClickHouse-table contract check (pure logic lives in server/src/domain/contract/). */

export interface ClickHouseColumn {
  name: string;
  /** The type exactly as `DESCRIBE TABLE` / system.columns prints it, e.g. `Nullable(String)`, `DateTime64(3, 'UTC')`. */
  type: string;
  /** `DEFAULT`, `MATERIALIZED`, `ALIAS`, `EPHEMERAL`, or '' when the column has none. */
  defaultKind: '' | 'DEFAULT' | 'MATERIALIZED' | 'ALIAS' | 'EPHEMERAL';
}

export type Verdict = 'ok' | 'warning' | 'error';

export interface FieldVerdict {
  /** Avro field name, or null for a column no field feeds. */
  field: string | null;
  column: string | null;
  avroType: string | null;
  columnType: string | null;
  verdict: Verdict;
  reason: string;
  /** A column type that would accept this field under the sink's mapping. */
  suggestedType?: string;
  /** The sink rules behind the verdict (ids of docs/sink-type-mapping.md). */
  rules?: string[];
}

/** How many partitions one INSERT block touches under the table's PARTITION BY (contract/partition-estimate.ts). */
export interface PartitionEstimate {
  partitionKey: string;
  /** Upper bound of distinct partitions in one block. */
  partitions: number;
  /** The effective max_partitions_per_insert_block (0: none). */
  limit: number;
  exceeds: boolean;
  reason: string;
}

export interface ContractReport {
  verdict: Verdict;
  fields: FieldVerdict[];
  summary: string;
  /** Present when the table's partitioning was checked (the smoke test and pipeline contract do). */
  partitions?: PartitionEstimate;
}
