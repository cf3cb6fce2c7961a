/**
 * How many partitions one INSERT block of smoke-test records can touch under a table's PARTITION BY, compared
 * with ClickHouse's max_partitions_per_insert_block (default 100): above it ClickHouse refuses the INSERT with
 * code 252 "Too many partitions for single INSERT block", which the sink treats as retriable
 * (clickhouse-kafka-connect v1.5.0 Utils.handleException) and retries forever.
 *
 * The estimate follows the record generator (generate-records.ts): timestamps lie within the last 24 h, dates
 * are today or yesterday, enums take their symbols, booleans two values, everything else is (nearly) unique
 * per record. The partition key is parsed from system.tables.partition_key; time-bucket functions shrink a
 * day's span to its buckets, `%`/modulo bounds a count, anything unknown keeps the product of its inputs.
 */
import type { ClickHouseColumn, PartitionEstimate } from '../../contracts/contract.ts';
import { splitNullable, type AvroField } from '../avro/model.ts';
import { RECENT_DAYS, RECENT_WINDOW_MS } from '../avro/generate-records.ts';
import { parseClickHouseType, unwrapColumnType } from './clickhouse-type.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface PartitionCheckInput {
  /** system.tables.partition_key; '' for an unpartitioned table. */
  partitionKey: string;
  columns: ClickHouseColumn[];
  fields: AvroField[];
  /** Records in one INSERT block. */
  batchRecords: number;
  /** The effective max_partitions_per_insert_block; 0 means no limit. */
  limit: number;
  /** throw_on_max_partitions_per_insert_block (default true): false only logs a warning. */
  throwOnLimit?: boolean;
}

/** Distinct values an expression takes over one block: a time span at a resolution, or a count. */
type Spread = { kind: 'time'; spanMs: number; resolutionMs: number } | { kind: 'count'; n: number };

type Expr =
  | { t: 'id'; name: string }
  | { t: 'lit'; value: number | string }
  | { t: 'interval'; n: number; unit: string }
  | { t: 'call'; name: string; args: Expr[] };

class ExprError extends Error {}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s*(`(?:[^`\\]|\\.)*`|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_.]*|[(),%*/+-])/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = pattern.exec(text))) {
    tokens.push(m[1]!);
    end = pattern.lastIndex;
  }
  if (text.slice(end).trim() !== '') throw new ExprError(`cannot read "${text.slice(end).trim()}"`);
  return tokens;
}

const BINARY: Record<string, [number, string]> = {
  '+': [1, 'plus'],
  '-': [1, 'minus'],
  '*': [2, 'multiply'],
  '/': [2, 'divide'],
  '%': [2, 'modulo'],
};

function parseExpr(text: string): Expr {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    const t = tokens[i++];
    if (t === undefined) throw new ExprError('unexpected end');
    return t;
  };
  const list = (): Expr[] => {
    const items: Expr[] = [];
    if (peek() === ')') {
      i++;
      return items;
    }
    for (;;) {
      items.push(binary(0));
      const t = next();
      if (t === ')') return items;
      if (t !== ',') throw new ExprError('expected , or )');
    }
  };
  const primary = (): Expr => {
    const t = next();
    if (t === '(') {
      const items = list();
      return items.length === 1 ? items[0]! : { t: 'call', name: 'tuple', args: items };
    }
    if (/^\d/.test(t)) return { t: 'lit', value: Number(t) };
    if (t.startsWith("'")) return { t: 'lit', value: t.slice(1, -1) };
    if (t.toUpperCase() === 'INTERVAL') {
      const n = Number(next());
      return { t: 'interval', n, unit: next().toLowerCase().replace(/s$/, '') };
    }
    const name = t.startsWith('`') || t.startsWith('"') ? t.slice(1, -1) : t;
    if (peek() === '(') {
      i++;
      const args = list();
      // ClickHouse prints `INTERVAL 5 MINUTE` as toIntervalMinute(5) in system.tables.
      const interval = /^toInterval([A-Z][a-z]+)$/.exec(name);
      if (interval && args.length === 1 && args[0]!.t === 'lit')
        return { t: 'interval', n: Number(args[0]!.value), unit: interval[1]!.toLowerCase() };
      return { t: 'call', name, args };
    }
    return { t: 'id', name };
  };
  const binary = (minPrec: number): Expr => {
    let left = primary();
    for (;;) {
      const op = peek();
      const entry = op === undefined ? undefined : BINARY[op];
      if (!entry || entry[0] < minPrec) return left;
      i++;
      left = { t: 'call', name: entry[1], args: [left, binary(entry[0] + 1)] };
    }
  };
  const expr = binary(0);
  if (i < tokens.length) throw new ExprError(`unexpected "${tokens[i]}"`);
  return expr;
}

/** Bucket sizes of the time functions ClickHouse users partition by (months and years at their shortest). */
const BUCKET_MS: Record<string, number> = {
  toYYYYMM: 28 * DAY,
  toStartOfMonth: 28 * DAY,
  toMonth: 28 * DAY,
  toYYYYMMDD: DAY,
  toDate: DAY,
  toDate32: DAY,
  toStartOfDay: DAY,
  toDayOfMonth: DAY,
  toDayOfWeek: DAY,
  toDayOfYear: DAY,
  toRelativeDayNum: DAY,
  toMonday: 7 * DAY,
  toStartOfWeek: 7 * DAY,
  toYearWeek: 7 * DAY,
  toISOWeek: 7 * DAY,
  toYear: 365 * DAY,
  toStartOfYear: 365 * DAY,
  toISOYear: 365 * DAY,
  toQuarter: 90 * DAY,
  toStartOfQuarter: 90 * DAY,
  toHour: HOUR,
  toStartOfHour: HOUR,
  toRelativeHourNum: HOUR,
  toMinute: MINUTE,
  toStartOfMinute: MINUTE,
  toStartOfFiveMinutes: 5 * MINUTE,
  toStartOfFiveMinute: 5 * MINUTE,
  toStartOfTenMinutes: 10 * MINUTE,
  toStartOfFifteenMinutes: 15 * MINUTE,
  toRelativeMinuteNum: MINUTE,
  toDateTime: SECOND,
  toStartOfSecond: SECOND,
  toUnixTimestamp: SECOND,
  toYYYYMMDDhhmmss: SECOND,
};

const INTERVAL_MS: Record<string, number> = {
  second: SECOND,
  minute: MINUTE,
  hour: HOUR,
  day: DAY,
  week: 7 * DAY,
  month: 28 * DAY,
  quarter: 90 * DAY,
  year: 365 * DAY,
};

function count(spread: Spread, cap: number): number {
  if (spread.kind === 'count') return Math.min(cap, spread.n);
  return Math.min(cap, Math.ceil(spread.spanMs / spread.resolutionMs) + 1);
}

/** The spread of a column's values under the generator (see the file comment). */
function columnSpread(name: string, columns: ClickHouseColumn[], fields: AvroField[], cap: number): Spread {
  const column = columns.find((c) => c.name === name);
  if (!column) throw new ExprError(`unknown column ${name}`);
  const field = fields.find((f) => f.name === name);
  if (!field) return { kind: 'count', n: 1 }; // filled by its DEFAULT/MATERIALIZED expression or NULL
  const { nullable, inner } = splitNullable(field.type);
  const extra = nullable ? 1 : 0;
  let base: ChTypeKind | undefined;
  try {
    base = unwrapColumnType(parseClickHouseType(column.type)).base.kind;
  } catch {
    base = undefined;
  }
  if (inner.kind === 'logical' && (inner.logicalType.includes('timestamp') || inner.logicalType === 'date')) {
    const date = inner.logicalType === 'date';
    return {
      kind: 'time',
      spanMs: date ? (RECENT_DAYS - 1) * DAY : RECENT_WINDOW_MS,
      resolutionMs: date || base === 'Date' || base === 'Date32' ? DAY : 1,
    };
  }
  if (inner.kind === 'enum') return { kind: 'count', n: inner.symbols.length + extra };
  if (inner.kind === 'primitive' && inner.type === 'boolean') return { kind: 'count', n: 2 + extra };
  return { kind: 'count', n: cap };
}

type ChTypeKind = ReturnType<typeof parseClickHouseType>['kind'];

function spreadOf(expr: Expr, columns: ClickHouseColumn[], fields: AvroField[], cap: number): Spread {
  switch (expr.t) {
    case 'lit':
    case 'interval':
      return { kind: 'count', n: 1 };
    case 'id':
      return columnSpread(expr.name, columns, fields, cap);
    case 'call': {
      const args = expr.args.map((a) => spreadOf(a, columns, fields, cap));
      const first = args[0];
      const bucket = BUCKET_MS[expr.name];
      if (bucket !== undefined && first?.kind === 'time')
        return { kind: 'time', spanMs: first.spanMs, resolutionMs: Math.max(first.resolutionMs, bucket) };
      if (expr.name === 'toStartOfInterval' && first?.kind === 'time') {
        const interval = expr.args[1];
        const size = interval?.t === 'interval' ? (INTERVAL_MS[interval.unit] ?? 0) * interval.n : 0;
        if (size > 0) return { kind: 'time', spanMs: first.spanMs, resolutionMs: Math.max(first.resolutionMs, size) };
      }
      if ((expr.name === 'modulo' || expr.name === 'positiveModulo' || expr.name === 'moduloOrZero') && expr.args[1]?.t === 'lit') {
        const k = Math.abs(Number(expr.args[1].value));
        if (k > 0) return { kind: 'count', n: Math.min(count(first!, cap), k) };
      }
      // Anything else: at most one value per combination of its inputs.
      return { kind: 'count', n: args.reduce((product, s) => Math.min(cap, product * count(s, cap)), 1) };
    }
  }
}

export function estimatePartitions(input: PartitionCheckInput): PartitionEstimate {
  const { partitionKey, batchRecords, limit } = input;
  const base = { partitionKey, limit };
  const key = partitionKey.trim();
  if (key === '' || key === 'tuple()') return { ...base, partitions: 1, exceeds: false, reason: 'the table is not partitioned' };
  let partitions: number;
  try {
    partitions = count(spreadOf(parseExpr(key), input.columns, input.fields, batchRecords), batchRecords);
  } catch (error) {
    return {
      ...base,
      partitions: batchRecords,
      exceeds: false,
      reason: `PARTITION BY ${key}: the panel cannot estimate how many partitions a batch touches (${(error as Error).message})`,
    };
  }
  const exceeds = limit > 0 && input.throwOnLimit !== false && partitions > limit;
  const reason = exceeds
    ? `PARTITION BY ${key}: a batch of up to ${batchRecords} smoke-test records can touch up to ${partitions} partitions, more than max_partitions_per_insert_block = ${limit}; ClickHouse refuses such an INSERT (code 252, "Too many partitions for single INSERT block") and the sink retries the batch forever. Partition by a coarse time bucket (e.g. toYYYYMM of a timestamp), run fewer records, or raise max_partitions_per_insert_block in the connector's clickhouseSettings`
    : `PARTITION BY ${key}: a batch of up to ${batchRecords} records touches at most ${partitions} partition(s)${limit > 0 ? ` (limit ${limit})` : ''}`;
  return { ...base, partitions, exceeds, reason };
}
