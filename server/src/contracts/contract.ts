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
}

export interface ContractReport {
  verdict: Verdict;
  fields: FieldVerdict[];
  summary: string;
}
