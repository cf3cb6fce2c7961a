/**
 * A new value schema for a pipeline as table changes, before anything is applied: one idempotent
 * `ALTER TABLE … ADD COLUMN IF NOT EXISTS` per added field (Nullable(T) for a nullable field, or T with a DEFAULT
 * from the Avro default; T under the sink's type mapping, domain/contract/suggest.ts); the columns of removed fields
 * kept (never dropped); and every change the sink could not write refused, with the reason and a migration to do by
 * hand instead (a new column plus a backfill, or a column DEFAULT). The projected table — live columns plus the
 * additions — must pass the contract check (domain/contract/check.ts) for the plan to be applicable.
 */
import type { ClickHouseColumn, ContractReport } from '../../contracts/contract.ts';
import { describeAvro, parseAvroSchema, type AvroField } from '../avro/model.ts';
import { checkContract, type CheckContractOptions } from '../contract/check.ts';
import { parseClickHouseType, unwrapColumnType } from '../contract/clickhouse-type.ts';
import { suggestColumnType } from '../contract/suggest.ts';
import { quoteIdentifier, validateIdentifier } from '../names.ts';
import { defaultExpression } from './column-default.ts';
import { migrationFile } from './migration-file.ts';

export interface EvolutionInput {
  database: string;
  table: string;
  subject: string;
  /**
   * The schema the draft evolves from, as JSON: the subject's latest version — or, once the draft is registered,
   * the version before it, so the plan stays the same through a partial apply and after it (or the repo file).
   */
  current: unknown;
  draft: unknown;
  /** The table's live columns. */
  columns: ClickHouseColumn[];
  /** system.tables.engine: Replicated* tables replicate ALTERs themselves. */
  engine: string;
  /** The ClickHouse cluster the table lives on, or null for a single server. */
  cluster: string | null;
  /** The connector's settings the contract check needs. */
  contract?: CheckContractOptions;
  /** sql/ as it is: names and contents (the migration reuses a file holding the same statements). */
  sqlFiles: { name: string; content: string }[];
}

export interface ColumnAddition {
  field: string;
  column: string;
  type: string;
  defaultExpression: string | null;
  statement: string;
  note: string;
}

export interface KeptColumn {
  column: string;
  type: string;
  note: string;
}

export interface Refusal {
  field: string | null;
  column: string | null;
  reason: string;
  /** What to do by hand instead; the statements are idempotent or say when they are not. */
  migration: { statements: string[]; note: string };
}

export interface EvolutionModel {
  additions: ColumnAddition[];
  kept: KeptColumn[];
  refusals: Refusal[];
  warnings: string[];
  /** ON CLUSTER only for a cluster whose table is not Replicated*: a replicated table carries the ALTER to its replicas. */
  onCluster: string | null;
  migration: { file: string; content: string } | null;
  /** The contract check of the draft against the projected table. */
  contract: ContractReport;
}

export function planEvolution(input: EvolutionInput): EvolutionModel {
  const draft = parseAvroSchema(input.draft);
  const current = parseAvroSchema(input.current);
  if (!draft.ok || draft.root.kind !== 'record') throw new Error('planEvolution needs a record schema as the draft');
  const currentFields = current.ok && current.root.kind === 'record' ? current.root.fields : [];
  const target = `${quoteIdentifier(input.database)}.${quoteIdentifier(input.table)}`;
  const replicated = input.engine.startsWith('Replicated');
  const onCluster = input.cluster !== null && !replicated ? input.cluster : null;
  const alter = `ALTER TABLE ${target}${onCluster ? ` ON CLUSTER ${quoteIdentifier(onCluster)}` : ''}`;
  const live = new Map(input.columns.map((c) => [c.name, c]));

  const additions: ColumnAddition[] = [];
  const refusals: Refusal[] = [];
  const warnings: string[] = [];
  const known = new Set(currentFields.map((f) => f.name));
  for (const field of draft.root.fields) {
    const column = live.get(field.name);
    // A field of the current schema with its column is the contract check's; so is a new field whose column
    // exists with another type. A new field whose column exists with the planned type was added by an earlier
    // (partial) apply of this plan: it stays in the plan, and the ALTER step reports it as already done.
    if (column && known.has(field.name)) continue;
    const addition = columnFor(field, alter);
    if ('reason' in addition) {
      if (!column) refusals.push({ field: field.name, column: null, ...addition });
    } else if (!column || column.type === addition.type) additions.push(addition);
  }

  const kept: KeptColumn[] = [];
  for (const old of currentFields) {
    const column = live.get(old.name);
    if (!column || draft.root.fields.some((f) => f.name === old.name)) continue;
    kept.push({
      column: column.name,
      type: column.type,
      note: `field \`${old.name}\` is gone from the schema; its column stays (the panel never drops a column): new rows get ${
        unwrapColumnType(parseClickHouseType(column.type)).nullable ? 'NULL' : column.defaultKind ? 'its default' : "the type's default"
      }`,
    });
  }

  const projected: ClickHouseColumn[] = [
    ...input.columns,
    ...additions
      .filter((a) => !live.has(a.column))
      .map((a) => ({ name: a.column, type: a.type, defaultKind: a.defaultExpression ? ('DEFAULT' as const) : ('' as const) })),
  ];
  const contract = checkContract(input.draft as object, projected, input.contract);
  for (const verdict of contract.fields) {
    if (verdict.verdict === 'warning') warnings.push(`${verdict.column ?? verdict.field}: ${verdict.reason}`);
    if (verdict.verdict !== 'error') continue;
    if (verdict.field !== null && verdict.column === null) continue; // already refused above, with its own reason
    refusals.push(refusalFor(verdict, input, target, alter));
  }

  const migration =
    additions.length === 0
      ? null
      : migrationFile(input, additions, [
          ...additions.map(
            (a) => `added: ${a.field} → ${a.column} ${a.type}${a.defaultExpression ? ` DEFAULT ${a.defaultExpression}` : ''}`,
          ),
          ...kept.map((k) => `kept (never dropped): ${k.column} ${k.type}`),
        ]);
  return { additions, kept, refusals, warnings, onCluster, migration, contract };
}

function columnFor(field: AvroField, alter: string): ColumnAddition | { reason: string; migration: Refusal['migration'] } {
  const name = validateIdentifier(field.name, 'field name');
  if (!name.ok)
    return {
      reason: `${name.reason}; the sink matches columns by the field's exact name, so the panel cannot add a column for it`,
      migration: { statements: [], note: 'rename the field to a plain identifier (letters, digits, underscores)' },
    };
  const suggestion = suggestColumnType(field);
  if (!suggestion.ok)
    return {
      reason: `field \`${field.name}\` (${describeAvro(field.type)}) cannot be written by the sink: ${suggestion.reason}`,
      migration: {
        statements: [],
        note: 'change the field to a type the sink writes (docs/sink-type-mapping.md), e.g. a non-nullable one',
      },
    };
  let expression: string | null = null;
  let note = suggestion.type.startsWith('Nullable(') ? 'nullable field: rows from before read NULL' : '';
  if (field.hasDefault) {
    const d = defaultExpression(field.type, field.default);
    if (d.ok) {
      expression = d.sql;
      if (d.sql) note = `rows from before read the Avro default ${JSON.stringify(field.default)}`;
    } else note = `no DEFAULT (${d.reason}): rows from before read the type's default`;
  } else if (!note)
    note = "no Avro default: rows from before read the type's default (0, '', …), and the registry's BACKWARD check refuses such a field";
  const column = `${quoteIdentifier(field.name)} ${suggestion.type}${expression ? ` DEFAULT ${expression}` : ''}`;
  return {
    field: field.name,
    column: field.name,
    type: suggestion.type,
    defaultExpression: expression,
    statement: `${alter} ADD COLUMN IF NOT EXISTS ${column}`,
    note,
  };
}

function refusalFor(verdict: ContractReport['fields'][number], input: EvolutionInput, target: string, alter: string): Refusal {
  const column = verdict.column!;
  if (verdict.field === null) {
    return {
      field: null,
      column,
      reason: `column \`${column}\` (${verdict.columnType}) would get no value: ${verdict.reason}`,
      migration: {
        statements: [
          `${alter} MODIFY COLUMN ${quoteIdentifier(column)} DEFAULT defaultValueOfTypeName(${quote(stripped(verdict.columnType))})`,
        ],
        note: `give the column a DEFAULT so the sink can insert rows without it (or keep the field in the schema); the panel never drops it`,
      },
    };
  }
  const next = `${verdict.field}_v2`;
  const type = verdict.suggestedType ?? null;
  return {
    field: verdict.field,
    column,
    reason: `field \`${verdict.field}\` is now ${verdict.avroType}, but column \`${column}\` is ${verdict.columnType}: ${verdict.reason}`,
    migration: {
      statements: type
        ? [
            `${alter} ADD COLUMN IF NOT EXISTS ${quoteIdentifier(next)} ${type}`,
            `-- backfill once (a mutation: ClickHouse rewrites the table's parts):`,
            `ALTER TABLE ${target} UPDATE ${quoteIdentifier(next)} = ${castTo(column, type)} WHERE 1`,
          ]
        : [],
      note: type
        ? `a new column for the new type: name the field \`${next}\` in the draft (the old field may stay, or go — its column stays), add the column, then backfill it from \`${column}\``
        : `no column type of the sink takes ${verdict.avroType}; change the field's type`,
    },
  };
}

const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const stripped = (type: string | null) => type ?? 'String';
/** The old column's values in the new type: NULL (or the type's default) where they do not convert. */
function castTo(column: string, type: string): string {
  const nullable = type.startsWith('Nullable(');
  const base = nullable ? type.slice('Nullable('.length, -1) : type;
  return `${nullable ? 'accurateCastOrNull' : 'accurateCastOrDefault'}(${quoteIdentifier(column)}, ${quote(base)})`;
}
