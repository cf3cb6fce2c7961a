/**
 * CREATE TABLE generation from an Avro value schema, with exactly the column types the contract check rates
 * `ok` under the ClickHouse Kafka Connect sink v1.5.0 mapping (see contract/suggest.ts). Anything the sink
 * cannot write is refused with a reason instead of being approximated.
 */
import type { ContractReport } from '../../contracts/contract.ts';
import { parseAvroSchema, splitNullable, type AvroField } from '../avro/model.ts';
import { checkContract } from '../contract/check.ts';
import { parseClickHouseType, unwrapColumnType } from '../contract/clickhouse-type.ts';
import { suggestColumnType } from '../contract/suggest.ts';
import { quoteIdentifier, validateIdentifier } from '../names.ts';

export type TableEngine = 'MergeTree' | 'ReplacingMergeTree';

export interface GenerateTableDdlInput {
  database: string;
  table: string;
  schema: object | string;
  engine: TableEngine;
  /** Field names; empty means `ORDER BY tuple()` (MergeTree only). */
  orderBy: string[];
  /** A field name, or one of toYYYYMM/toYYYYMMDD/toDate/toMonday/toStartOfMonth(field) on a date/time field. */
  partitionBy?: string;
  /** String fields to store as LowCardinality(String). */
  lowCardinality?: string[];
  /** Emit CREATE TABLE IF NOT EXISTS (default: plain CREATE TABLE so an existing table is never silently kept). */
  ifNotExists?: boolean;
}

export interface GeneratedColumn {
  name: string;
  type: string;
}

export type GenerateTableDdlResult =
  { ok: true; sql: string; columns: GeneratedColumn[]; contract: ContractReport } | { ok: false; errors: string[] };

const PARTITION_FUNCTIONS = ['toYYYYMM', 'toYYYYMMDD', 'toDate', 'toMonday', 'toStartOfMonth'];

export function generateTableDdl(input: GenerateTableDdlInput): GenerateTableDdlResult {
  const errors: string[] = [];
  const db = validateIdentifier(input.database, 'database name');
  if (!db.ok) errors.push(db.reason);
  const tbl = validateIdentifier(input.table, 'table name');
  if (!tbl.ok) errors.push(tbl.reason);
  if (input.engine !== 'MergeTree' && input.engine !== 'ReplacingMergeTree') {
    errors.push(`engine must be MergeTree or ReplacingMergeTree (got ${JSON.stringify(input.engine)})`);
  }

  const parsed = parseAvroSchema(input.schema);
  if (!parsed.ok) return { ok: false, errors: [...errors, `invalid Avro schema: ${parsed.message}`] };
  if (parsed.root.kind !== 'record') return { ok: false, errors: [...errors, 'the value schema must be a record: one field per column'] };
  const fields = parsed.root.fields;
  if (fields.length === 0) return { ok: false, errors: [...errors, 'the record has no fields, so the table would have no columns'] };

  const lowCardinality = new Set(input.lowCardinality ?? []);
  const columns: GeneratedColumn[] = [];
  for (const field of fields) {
    const name = validateIdentifier(field.name, `field name`);
    if (!name.ok) {
      errors.push(name.reason);
      continue;
    }
    const suggestion = suggestColumnType(field);
    if (!suggestion.ok) {
      errors.push(`field "${field.name}" cannot be mapped: ${suggestion.reason}`);
      continue;
    }
    let type = suggestion.type;
    if (lowCardinality.has(field.name)) {
      if (type === 'String') type = 'LowCardinality(String)';
      else if (type === 'Nullable(String)') type = 'LowCardinality(Nullable(String))';
      else errors.push(`field "${field.name}" is ${type}; LowCardinality is offered for String fields only`);
    }
    columns.push({ name: field.name, type });
  }
  for (const name of lowCardinality) {
    if (!fields.some((f) => f.name === name)) errors.push(`lowCardinality names "${name}", which is not a field of the schema`);
  }

  const byName = new Map(columns.map((c) => [c.name, c]));
  const fieldByName = new Map(fields.map((f) => [f.name, f]));
  errors.push(...checkOrderBy(input, byName));
  const partition =
    input.partitionBy === undefined || input.partitionBy === '' ? undefined : partitionExpression(input.partitionBy, byName, fieldByName);
  if (partition && !partition.ok) errors.push(partition.reason);

  if (errors.length > 0) return { ok: false, errors };

  const lines = [
    `CREATE TABLE ${input.ifNotExists ? 'IF NOT EXISTS ' : ''}${quoteIdentifier(input.database)}.${quoteIdentifier(input.table)}`,
    '(',
    columns.map((c) => `    ${quoteIdentifier(c.name)} ${c.type}`).join(',\n'),
    ')',
    `ENGINE = ${input.engine}`,
  ];
  if (partition?.ok) lines.push(`PARTITION BY ${partition.sql}`);
  lines.push(`ORDER BY ${orderByClause(input.orderBy)}`);
  lines.push(`SETTINGS ${INSERT_ORDER_SETTINGS}`);
  const sql = `${lines.join('\n')};\n`;

  // The generated table must pass our own contract check; a failure here is a bug in the mapping tables.
  const contract = checkContract(
    input.schema,
    columns.map((c) => ({ name: c.name, type: c.type, defaultKind: '' as const })),
  );
  if (contract.verdict === 'error')
    return { ok: false, errors: [`internal: generated table fails the contract check: ${contract.summary}`] };
  return { ok: true, sql, columns, contract };
}

/**
 * Keeps each row's insert block (`_block_number`, `_block_offset`) through merges, so the Tables preview shows the
 * newest rows exactly and lightweight `UPDATE` can fix bad records in place (it needs both). They are hidden columns:
 * not in `DESCRIBE`, so the sink's table mapping is unchanged (docs/upstream-facts.md §3).
 */
export const INSERT_ORDER_SETTINGS = 'enable_block_number_column = 1, enable_block_offset_column = 1';

function orderByClause(names: string[]): string {
  if (names.length === 0) return 'tuple()';
  if (names.length === 1) return quoteIdentifier(names[0] as string);
  return `(${names.map(quoteIdentifier).join(', ')})`;
}

function checkOrderBy(input: GenerateTableDdlInput, byName: Map<string, GeneratedColumn>): string[] {
  const errors: string[] = [];
  if (!Array.isArray(input.orderBy)) return ['orderBy must be a list of field names'];
  if (input.orderBy.length === 0 && input.engine === 'ReplacingMergeTree') {
    errors.push('ReplacingMergeTree needs ORDER BY fields: they are the key that identifies duplicates');
  }
  const seen = new Set<string>();
  for (const name of input.orderBy) {
    if (seen.has(name)) errors.push(`ORDER BY lists "${name}" twice`);
    seen.add(name);
    const col = byName.get(name);
    if (!col) {
      errors.push(`ORDER BY field "${name}" is not a column of the table`);
      continue;
    }
    const { nullable, base } = unwrapColumnType(parseClickHouseType(col.type));
    if (nullable)
      errors.push(
        `ORDER BY field "${name}" is ${col.type}; ClickHouse refuses Nullable sorting keys (allow_nullable_key is off by default)`,
      );
    if (['Map', 'JSON', 'Object', 'Variant', 'Tuple', 'Array'].includes(base.kind)) {
      errors.push(`ORDER BY field "${name}" is ${col.type}; pick a scalar field for the sorting key`);
    }
  }
  return errors;
}

function partitionExpression(
  spec: string,
  byName: Map<string, GeneratedColumn>,
  fields: Map<string, AvroField>,
): { ok: true; sql: string } | { ok: false; reason: string } {
  const m = /^\s*(?:([A-Za-z]+)\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)|([A-Za-z_][A-Za-z0-9_]*))\s*$/.exec(spec);
  if (!m) {
    return {
      ok: false,
      reason: `partitionBy ${JSON.stringify(spec)} must be a field name or one of ${PARTITION_FUNCTIONS.join('/')}(field)`,
    };
  }
  const fn = m[1];
  const name = (m[2] ?? m[3]) as string;
  const col = byName.get(name);
  if (!col) return { ok: false, reason: `partitionBy field "${name}" is not a column of the table` };
  if (unwrapColumnType(parseClickHouseType(col.type)).nullable) {
    return {
      ok: false,
      reason: `partitionBy field "${name}" is ${col.type}; ClickHouse refuses Nullable partition keys (allow_nullable_key is off by default)`,
    };
  }
  if (fn === undefined) return { ok: true, sql: quoteIdentifier(name) };
  if (!PARTITION_FUNCTIONS.includes(fn)) {
    return { ok: false, reason: `partitionBy function ${fn} is not offered; use one of ${PARTITION_FUNCTIONS.join(', ')}` };
  }
  const field = fields.get(name);
  const inner = field ? splitNullable(field.type).inner : undefined;
  const isTemporal =
    inner?.kind === 'logical' &&
    ['date', 'timestamp-millis', 'timestamp-micros', 'local-timestamp-millis', 'local-timestamp-micros'].includes(inner.logicalType);
  if (!isTemporal) return { ok: false, reason: `partitionBy ${fn}(${name}) needs a date or timestamp field; "${name}" is ${col.type}` };
  return { ok: true, sql: `${fn}(${quoteIdentifier(name)})` };
}
