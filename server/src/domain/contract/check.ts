/**
 * The Avro-schema ↔ ClickHouse-table contract check under the ClickHouse Kafka Connect sink v1.5.0 (the rules and
 * their upstream sources: sink-rules.ts, docs/sink-type-mapping.md). Matching as the sink does it
 * (ClickHouse/clickhouse-kafka-connect@v1.5.0 db/ClickHouseWriter.java, db/mapping/Table.java): columns are looked up
 * by exact, case-sensitive name (`record.getJsonMap().get(colName)`); extra record fields are ignored;
 * ALIAS/MATERIALIZED/EPHEMERAL columns are dropped from the sink's table description
 * (db/helper/ClickHouseHelperClient.java describeTableV2). Optionally the table's PARTITION BY is checked against
 * max_partitions_per_insert_block for one INSERT block (partition-estimate.ts).
 */
import type { ClickHouseColumn, ContractReport, FieldVerdict, Verdict } from '../../contracts/contract.ts';
import { describeAvro, parseAvroSchema, type AvroField } from '../avro/model.ts';
import { formatClickHouseType, parseClickHouseType, unwrapColumnType, type ChType } from './clickhouse-type.ts';
import { judgeColumn, worst, type Judgement } from './mapping.ts';
import { estimatePartitions } from './partition-estimate.ts';
import { jsonAsString } from './sink-settings.ts';
import { suggestColumnType } from './suggest.ts';

export interface CheckContractOptions {
  /** The connector's bypassSchemaValidation: skips the sink's pre-insert type validation (not its writers). */
  bypassSchemaValidation?: boolean;
  /** The connector's clickhouseSettings (sink-settings.ts): JSON-as-string, max_partitions_per_insert_block. */
  clickhouseSettings?: Record<string, string>;
  /** Check PARTITION BY for one INSERT block of `batchRecords` generated records. */
  partitioning?: {
    /** system.tables.partition_key. */
    partitionKey: string;
    batchRecords: number;
    /** The server's effective max_partitions_per_insert_block (the connector's clickhouseSettings override it). */
    maxPartitionsPerInsertBlock: number;
    throwOnLimit?: boolean;
  };
}

const COMPUTED_KINDS = new Set(['MATERIALIZED', 'ALIAS', 'EPHEMERAL']);

export function checkContract(schema: object | string, columns: ClickHouseColumn[], opts: CheckContractOptions = {}): ContractReport {
  const parsed = parseAvroSchema(schema);
  if (!parsed.ok) {
    return report([
      { field: null, column: null, avroType: null, columnType: null, verdict: 'error', reason: `Invalid Avro schema: ${parsed.message}` },
    ]);
  }
  if (parsed.root.kind !== 'record') {
    return report([
      {
        field: null,
        column: null,
        avroType: describeAvro(parsed.root),
        columnType: null,
        verdict: 'error',
        reason: `The value schema must be a record (one field per column); got ${describeAvro(parsed.root)}`,
      },
    ]);
  }

  const fields = parsed.root.fields;
  const byName = new Map(columns.map((c) => [c.name, c]));
  const usedColumns = new Set<string>();
  const verdicts: FieldVerdict[] = [];

  for (const field of fields) {
    const column = byName.get(field.name);
    if (column) {
      usedColumns.add(column.name);
      verdicts.push(checkPair(field, column, opts));
      continue;
    }
    const caseTwin = columns.find((c) => c.name.toLowerCase() === field.name.toLowerCase() && !fields.some((f) => f.name === c.name));
    const suggestion = suggestColumnType(field);
    if (caseTwin) {
      usedColumns.add(caseTwin.name);
      verdicts.push({
        field: field.name,
        column: caseTwin.name,
        avroType: describeAvro(field.type),
        columnType: caseTwin.type,
        verdict: 'error',
        reason: `Field "${field.name}" (${describeAvro(field.type)}) and column "${caseTwin.name}" (${caseTwin.type}) differ only by letter case; the sink matches names exactly, so the field is dropped and the column is left unfilled. Rename one of them.`,
        ...(suggestion.ok ? { suggestedType: suggestion.type } : {}),
      });
      continue;
    }
    verdicts.push({
      field: field.name,
      column: null,
      avroType: describeAvro(field.type),
      columnType: null,
      verdict: 'warning',
      reason: `Field "${field.name}" (${describeAvro(field.type)}) has no column; the sink ignores extra fields, so its values are not stored.${suggestion.ok ? ` Add a column of type ${suggestion.type} to keep them.` : ` It cannot be stored as is: ${suggestion.reason}.`}`,
      ...(suggestion.ok ? { suggestedType: suggestion.type } : {}),
    });
  }

  for (const column of columns) {
    if (usedColumns.has(column.name)) continue;
    verdicts.push(checkOrphanColumn(column, opts));
  }
  if (!opts.partitioning) return report(verdicts);
  const { partitionKey, batchRecords, maxPartitionsPerInsertBlock, throwOnLimit } = opts.partitioning;
  const override = Number(opts.clickhouseSettings?.['max_partitions_per_insert_block']);
  const throwOverride = opts.clickhouseSettings?.['throw_on_max_partitions_per_insert_block'];
  const partitions = estimatePartitions({
    partitionKey,
    columns,
    fields,
    batchRecords,
    limit: Number.isInteger(override) && override >= 0 ? override : maxPartitionsPerInsertBlock,
    throwOnLimit: throwOverride === undefined ? throwOnLimit : !['0', 'false'].includes(throwOverride.toLowerCase()),
  });
  if (partitions.exceeds) {
    verdicts.push({ field: null, column: null, avroType: null, columnType: null, verdict: 'warning', reason: partitions.reason });
  }
  return { ...report(verdicts), partitions };
}

function checkPair(field: AvroField, column: ClickHouseColumn, opts: CheckContractOptions): FieldVerdict {
  const avroType = describeAvro(field.type);
  const suggestion = suggestColumnType(field);
  const base: Omit<FieldVerdict, 'verdict' | 'reason'> = {
    field: field.name,
    column: column.name,
    avroType,
    columnType: column.type,
    ...(suggestion.ok ? { suggestedType: suggestion.type } : {}),
  };
  const where = field.name;
  const prefix = `Field "${field.name}" → column "${column.name}": `;
  let col: ChType;
  try {
    col = parseClickHouseType(column.type);
  } catch (e) {
    return { ...base, verdict: 'error', reason: prefix + (e as Error).message };
  }
  if (COMPUTED_KINDS.has(column.defaultKind)) {
    return {
      ...base,
      verdict: 'warning',
      reason: `${prefix}the column is ${column.defaultKind}, which the sink never writes; the field's values (${avroType}) are not stored`,
    };
  }
  const judgement = judgeField(field, col, column.defaultKind, where, opts);
  const rules = judgement.rules;
  if (!suggestion.ok && judgement.verdict === 'error') judgement.reasons.push(`no column type can take this field: ${suggestion.reason}`);
  const suggestText =
    judgement.verdict !== 'ok' && suggestion.ok && suggestion.type !== formatClickHouseType(col)
      ? ` Suggested type: ${suggestion.type}.`
      : '';
  return { ...base, verdict: judgement.verdict, reason: prefix + sentence(judgement.reasons.join('; ')) + suggestText, rules };
}

/** Exported for tests and the DDL generator: judge one Avro field against one column type. */
export function judgeField(field: AvroField, col: ChType, defaultKind: string, where: string, opts: CheckContractOptions = {}): Judgement {
  return judgeColumn(field.type, col, defaultKind, where, {
    bypassSchemaValidation: opts.bypassSchemaValidation,
    jsonAsString: jsonAsString(opts.clickhouseSettings ?? {}),
  });
}

function checkOrphanColumn(column: ClickHouseColumn, opts: CheckContractOptions): FieldVerdict {
  const base = { field: null, column: column.name, avroType: null, columnType: column.type };
  const where = `Column "${column.name}" (${column.type})`;
  if (COMPUTED_KINDS.has(column.defaultKind)) {
    return { ...base, verdict: 'ok', reason: `${where} has no field; it is ${column.defaultKind} and computed by ClickHouse` };
  }
  if (column.defaultKind === 'DEFAULT') {
    return { ...base, verdict: 'ok', reason: `${where} has no field; ClickHouse fills its DEFAULT` };
  }
  let col: ChType;
  try {
    col = parseClickHouseType(column.type);
  } catch (e) {
    return { ...base, verdict: 'error', reason: `${where}: ${(e as Error).message}` };
  }
  const { nullable, base: inner } = unwrapColumnType(col);
  if (nullable) return { ...base, verdict: 'warning', reason: `${where} has no field; it will always be NULL` };
  if (inner.kind === 'Variant') return { ...base, verdict: 'warning', reason: `${where} has no field; the sink writes the Variant's NULL` };
  const dotted = column.name.includes('.')
    ? ' Its name contains a dot (a flattened Nested column?); Avro field names cannot contain dots, so no field can ever fill it.'
    : '';
  const failure = opts.bypassSchemaValidation
    ? 'with bypassSchemaValidation the insert still fails ("Column … is not nullable and no value is provided")'
    : `the sink fails the batch with "Table column name [${column.name}] was not found" / "Data schema validation failed"`;
  return {
    ...base,
    verdict: 'error',
    reason: `${where} has no field, is not Nullable and has no DEFAULT: ${failure}. Add the field, make the column Nullable, or give it a DEFAULT.${dotted}`,
  };
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function report(fields: FieldVerdict[]): ContractReport {
  const verdict: Verdict = worst(...fields.map((f) => f.verdict));
  const count = (v: Verdict) => fields.filter((f) => f.verdict === v).length;
  const firstProblem = fields.find((f) => f.verdict === verdict && verdict !== 'ok');
  const summary =
    `${verdict.toUpperCase()}: ${count('ok')} ok, ${count('warning')} warning(s), ${count('error')} error(s)` +
    (firstProblem ? ` — ${firstProblem.reason}` : '');
  return { verdict, fields, summary };
}
