/**
 * Judges whether the ClickHouse Kafka Connect sink v1.5.0 writes an Avro value into a ClickHouse column, following
 * its code path: the column type as the sink parses it (sink-column.ts, Column.java), the value as Confluent's
 * AvroConverter hands it over (connect-value.ts, AvroData.java), the pre-insert check (validateDataSchema, for
 * top-level non-Nullable columns without DEFAULT unless bypassSchemaValidation) and the writers (doWriteCol,
 * doWriteColValue, doWritePrimitive, doWriteDates, doWriteFixedString). Every verdict comes from a rule of
 * sink-rules.ts, which names the upstream file; docs/sink-type-mapping.md lists them.
 */
import { describeAvro, splitNullable, type AvroNode } from '../avro/model.ts';
import type { Verdict } from '../../contracts/contract.ts';
import { formatClickHouseType, type ChType } from './clickhouse-type.ts';
import { connectValue, connectTypeName, type ConnectValue } from './connect-value.ts';
import { sinkColumn, type SinkColumn, type SinkType } from './sink-column.ts';
import { SINK_RULES, type SinkRuleId } from './sink-rules.ts';

export interface Judgement {
  verdict: Verdict;
  reasons: string[];
  /** The sink rules that decided the verdict (sink-rules.ts). */
  rules: SinkRuleId[];
}

export interface JudgeOptions {
  /** The connector's bypassSchemaValidation=true: validateDataSchema does not run. */
  bypassSchemaValidation?: boolean;
  /** clickhouseSettings input_format_binary_read_json_as_string=1: JSON columns take strings and records. */
  jsonAsString?: boolean;
}

const RANK: Record<Verdict, number> = { ok: 0, warning: 1, error: 2 };

export function worst(...verdicts: Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((a, b) => (RANK[b] > RANK[a] ? b : a), 'ok');
}

/** The worst part decides; its reasons lead, its rules are listed first. */
export function combine(parts: Judgement[]): Judgement {
  const verdict = worst(...parts.map((p) => p.verdict));
  const deciding = parts.filter((p) => p.verdict === verdict);
  const rules = [...new Set([...deciding.flatMap((p) => p.rules), ...parts.flatMap((p) => p.rules)])];
  return { verdict, reasons: deciding.flatMap((p) => p.reasons), rules };
}

/** A rule applied at a position; `detail` replaces the rule's generic effect with the specific one. */
function apply(id: SinkRuleId, label: string, detail?: string): Judgement {
  const rule = SINK_RULES[id];
  return { verdict: rule.verdict, reasons: [`${label}: ${detail ?? rule.effect}`], rules: [id] };
}

/** Nested positions (`f[]`, `f{}`, `f.b`) are named in messages; the top-level field is named by the caller. */
function at(where: string): string {
  return /[.[{]/.test(where) ? `${where}: ` : '';
}

/** ClickHouse forbids Nullable around Array, Map, Tuple, Variant, JSON, LowCardinality and Nested. */
export function illegalNullable(col: ChType): string | undefined {
  if (col.kind !== 'Nullable') return undefined;
  if (['Array', 'Map', 'Tuple', 'Variant', 'JSON', 'Object', 'LowCardinality', 'Nested'].includes(col.inner.kind)) {
    return `${formatClickHouseType(col)} is not a valid ClickHouse type: Nullable cannot wrap ${col.inner.kind}`;
  }
  return undefined;
}

/**
 * A top-level field (with its nullability) against its column. `defaultKind` is DESCRIBE's default_kind;
 * validation runs for non-Nullable columns without DEFAULT, except Variant, unless bypassed.
 */
export function judgeColumn(field: AvroNode, col: ChType, defaultKind: string, where: string, opts: JudgeOptions = {}): Judgement {
  const label = `${at(where)}${describeAvro(field)} → ${formatClickHouseType(col)}`;
  const illegal = illegalNullable(col);
  if (illegal) return apply('type-nullable-composite', label, illegal);
  const sc = sinkColumn(col);
  if (!sc) return apply('type-nested', label);
  const { nullable, inner } = splitNullable(field);
  const hasDefault = defaultKind === 'DEFAULT';
  // The value's own rule leads; a null's fate and the pre-insert check are added to it.
  const nullability = nullable && !sc.nullable ? [nullInto(sc, hasDefault, label, 'top')] : [];
  if (!opts.bypassSchemaValidation && !sc.nullable && !hasDefault && sc.type !== 'VARIANT') {
    const refused = validation(inner, sc, opts, label);
    if (refused) return combine([refused, ...nullability]);
  }
  return combine([judgeValue(inner, sc, where, opts), ...nullability]);
}

/** What doWriteCol does with a null for a non-Nullable column (top level or a Tuple element). */
function nullInto(sc: SinkColumn, hasDefault: boolean, label: string, slot: 'top' | 'tupleElement' | 'element'): Judgement {
  if (slot !== 'element' && sc.type === 'ARRAY') return apply('null-array', label);
  if (slot !== 'element' && sc.type === 'VARIANT') return apply('null-variant', label);
  if (slot === 'top' && hasDefault) return apply('null-default', label);
  return apply(
    'null-not-nullable',
    label,
    slot === 'element'
      ? `the element may be null but ${sc.text} is not Nullable: the sink writes a lone null marker and the row no longer parses; use Nullable(${sc.text})`
      : `the Avro type allows null but ${sc.text} is not Nullable${slot === 'top' ? ' and has no DEFAULT' : ''}: the sink fails with "An attempt to write null into not nullable column"`,
  );
}

const INT_TYPES = new Set<string>(['INT8', 'INT16', 'INT32', 'INT64', 'UINT8', 'UINT16', 'UINT32', 'UINT64']);
const UNCHECKED = new Set<SinkType>(['Date', 'Date32', 'DateTime', 'DateTime64', 'UUID', 'FIXED_STRING', 'Enum8', 'Enum16']);

/** validateDataSchema for one column; null when it passes. */
function validation(node: AvroNode, sc: SinkColumn, opts: JudgeOptions, label: string): Judgement | null {
  if (node.kind === 'null' || node.kind === 'recursive') return null; // judged by the writer rules
  if (UNCHECKED.has(sc.type)) return null;
  const cv = connectValue(node);
  const refuse = (why: string) =>
    apply(
      'validation-mismatch',
      label,
      `${why}: the sink's pre-insert check logs "Table column name [..] type [${sc.type}] is not matching data column type [${cv.type}]" and fails every batch with "Data schema validation failed."`,
    );
  if (sc.type === 'STRING') {
    if (cv.type !== 'STRUCT') return null;
    const members = node.kind === 'union' ? node.branches : node.kind === 'record' ? node.fields.map((f) => f.type) : [];
    const allText = members.every((m) => ['STRING', 'BYTES'].includes(connectValue(m).type));
    return allText
      ? null
      : refuse(
          `a String column takes a ${node.kind === 'union' ? 'union' : 'record'} only when all of its ${node.kind === 'union' ? 'branches' : 'fields'} are string or bytes`,
        );
  }
  if (sc.type === cv.type) return null;
  if (sc.type === 'TUPLE' && cv.type === 'STRUCT') return null;
  if (INT_TYPES.has(sc.type)) return null;
  if (sc.type === 'BOOLEAN' && INT_TYPES.has(cv.type)) return null;
  if (sc.type === 'Decimal' && cv.logical === 'Decimal') return null;
  if (sc.type === 'JSON' && opts.jsonAsString && (cv.type === 'STRUCT' || cv.type === 'STRING')) return null;
  if (sc.type === 'UNKNOWN')
    return apply(
      'type-unknown',
      label,
      `the sink does not recognise the type ${sc.text} (Column.dispatchPrimitive gives UNKNOWN), so its pre-insert check fails every batch: "type [UNKNOWN] is not matching data column type [${cv.type}]", "Data schema validation failed."`,
    );
  return refuse(
    `${describeAvro(node)} is a Connect ${cv.type}${cv.logical ? ` (${cv.logical})` : ''} and the column is the sink's ${sc.type}`,
  );
}

/** An Array element or Map value: its own nullability, then the value rules. */
function judgeElement(node: AvroNode, sc: SinkColumn, where: string, opts: JudgeOptions): Judgement {
  const { nullable, inner } = splitNullable(node);
  const label = `${at(where)}${describeAvro(node)} → ${sc.text}`;
  const nullability = nullable && !sc.nullable ? [nullInto(sc, false, label, 'element')] : [];
  return combine([judgeValue(inner, sc, where, opts), ...nullability]);
}

const JAVA_FOR: Partial<Record<SinkType, string>> = { INT8: 'Byte', INT16: 'Short', INT32: 'Integer', INT64: 'Long' };
const COLUMN_FOR_JAVA: Record<string, string> = { Byte: 'Int8', Short: 'Int16', Integer: 'Int32', Long: 'Int64' };
const NUMBER_CLASSES = new Set(['Byte', 'Short', 'Integer', 'Long', 'Float', 'Double', 'BigDecimal']);
const INTEGRAL_CLASSES = new Set(['Byte', 'Short', 'Integer', 'Long']);

/** The writer rules for a non-null value. */
export function judgeValue(node: AvroNode, sc: SinkColumn, where: string, opts: JudgeOptions): Judgement {
  const label = `${at(where)}${describeAvro(node)} → ${sc.text}`;
  if (node.kind === 'null') return apply('recursive', label, 'a field that is always null cannot fill a column');
  if (node.kind === 'recursive') return apply('recursive', label, 'a recursive record has no fixed ClickHouse type');
  if (sc.type === 'UNKNOWN') {
    return apply(
      'type-unknown',
      label,
      `the sink does not recognise the type ${sc.text} (Column.dispatchPrimitive gives UNKNOWN) and writes no bytes for it ("Cannot serialize unsupported type UNKNOWN"), so ClickHouse rejects the INSERT`,
    );
  }
  if (sc.type === 'INT256' || sc.type === 'UINT256') return apply('type-int256', label);
  switch (sc.type) {
    case 'ARRAY':
      if (node.kind !== 'array') return apply('array-mismatch', label, 'only an Avro array can fill an Array column');
      return combine([apply('array-exact', label), judgeElement(node.items, sc.element!, `${where}[]`, opts)]);
    case 'MAP':
      return judgeMap(node, sc, where, label, opts);
    case 'TUPLE':
      if (node.kind !== 'record') return apply('tuple-mismatch', label, 'only an Avro record can fill a Tuple column');
      return judgeTuple(node, sc, where, label, opts);
    case 'VARIANT':
      if (node.kind !== 'union') return apply('variant-not-union', label);
      return judgeVariant(node.branches, sc, where, label, opts);
    case 'JSON':
      if (opts.jsonAsString && (node.kind === 'record' || connectValue(node).type === 'STRING')) return apply('json-string', label);
      return apply(
        'json-unsupported',
        label,
        opts.jsonAsString
          ? 'a JSON column takes a record or a JSON string'
          : 'the sink writes JSON columns only with clickhouseSettings input_format_binary_read_json_as_string=1 ("Writing JSON in binary is not supported yet")',
      );
  }
  if (node.kind === 'array') return apply('array-mismatch', label, 'an Avro array needs an Array(T) column');
  if (node.kind === 'map') return apply('map-mismatch', label, 'an Avro map needs a Map(String, V) column');
  if (node.kind === 'record' || node.kind === 'union') {
    if (sc.type === 'STRING') {
      const branches = node.kind === 'union' ? node.branches : node.fields.map((f) => f.type);
      const text = branches.every((b) => connectValue(b).type === 'STRING' || connectValue(b).type === 'BYTES');
      if (node.kind === 'union' && text) return apply('string-union', label);
      return apply(
        'string-union-other',
        label,
        node.kind === 'union'
          ? "the union's non-null branch is written with toString()"
          : 'the text of one non-null field of the record (whichever a HashMap yields first) is written; map it to a Tuple instead',
      );
    }
    return node.kind === 'record'
      ? apply('tuple-mismatch', label, 'a record maps to Tuple (named elements) or JSON')
      : apply('union-mismatch', label, 'a union of several non-null types needs a Variant column');
  }
  return judgeScalar(node, connectValue(node), sc, label);
}

function judgeScalar(node: AvroNode, cv: ConnectValue, sc: SinkColumn, label: string): Judgement {
  const a = describeAvro(node);
  if (cv.java === 'Boolean' && sc.type !== 'BOOLEAN') {
    return INT_TYPES.has(sc.type)
      ? apply('bool-as-int', label)
      : apply('bool-unsupported', label, `DataException "Not implemented conversion from Boolean to ${sc.type}"`);
  }
  switch (sc.type) {
    case 'INT8':
    case 'INT16':
    case 'INT32':
    case 'INT64': {
      const need = JAVA_FOR[sc.type]!;
      if (cv.java === need) return apply('int-exact', label);
      if (cv.logical === 'Time' || (cv.logical === 'Timestamp' && sc.type === 'INT64')) {
        if (sc.type === 'INT32' || sc.type === 'INT64')
          return apply(
            'int-time-millis',
            label,
            cv.logical === 'Time' ? 'written as milliseconds since midnight' : 'written as epoch milliseconds',
          );
      }
      if (
        (cv.logical === 'Date' && sc.type === 'INT64') ||
        ((cv.logical === 'Date' || cv.logical === 'Timestamp') && sc.type === 'INT32')
      ) {
        return apply(
          'int-date-millis',
          label,
          sc.type === 'INT64'
            ? 'written as the epoch milliseconds of midnight UTC'
            : `the epoch milliseconds${cv.logical === 'Date' ? ' of midnight' : ''} are cast to int, which overflows for every instant after 1970-01-25`,
        );
      }
      const use = COLUMN_FOR_JAVA[cv.java];
      return apply(
        'int-cast',
        label,
        `the sink casts ${sc.text} values to java.lang.${need} but the converter gives ${cv.java === 'Integer' ? 'an' : 'a'} ${cv.java}: ClassCastException, the batch fails${use ? `; use ${use}` : ''}`,
      );
    }
    case 'UINT8':
      if (cv.java === 'Byte') return apply('uint8-byte', label);
      return apply(
        'int-cast',
        label,
        `the sink casts UInt8 values to java.lang.Byte but the converter gives ${cv.java}: ClassCastException, the batch fails`,
      );
    case 'UINT16':
    case 'UINT32':
    case 'UINT64':
      if (NUMBER_CLASSES.has(cv.java)) {
        const range = {
          UINT16: '0…32767 (shortValue)',
          UINT32: '0…2147483647 (intValue)',
          UINT64: 'any long; negatives are stored as 2^64−x',
        }[sc.type];
        return apply(
          'uint-number',
          label,
          `written through Number (${range}${sc.type === 'UINT64' ? '' : '; other values fail the batch or wrap'})${INTEGRAL_CLASSES.has(cv.java) ? '' : ', fractions truncated'}`,
        );
      }
      return apply('int-cast', label, `the sink reads ${sc.text} values as java.lang.Number; ${cv.java} fails with a ClassCastException`);
    case 'INT128':
    case 'UINT128':
      if (INTEGRAL_CLASSES.has(cv.java)) {
        return sc.type === 'INT128'
          ? apply('int128-integer', label, 'widened through BigInteger')
          : apply('int128-other', label, 'negative values fail the batch (UInt128 range check)');
      }
      if (['String', 'Float', 'Double', 'BigDecimal'].includes(cv.java)) return apply('int128-other', label);
      return apply('int-cast', label, `new BigInteger(value.toString()) fails for ${cv.java}`);
    case 'FLOAT32':
    case 'FLOAT64': {
      const need = sc.type === 'FLOAT32' ? 'Float' : 'Double';
      if (cv.java === need) return apply('float-exact', label);
      return apply(
        'float-cast',
        label,
        cv.java === 'Float' || cv.java === 'Double'
          ? `the sink casts the value to ${need}, so ${cv.java === 'Float' ? 'float needs Float32' : 'double needs Float64'} (the widths must match)`
          : `the sink casts ${sc.text} values to ${need}; ${a} fails with a ClassCastException`,
      );
    }
    case 'BOOLEAN':
      if (cv.java === 'Boolean') return apply('bool-exact', label);
      if (NUMBER_CLASSES.has(cv.java)) return apply('bool-from-number', label);
      return apply('bool-cast', label, `Bool takes a boolean or a number; ${a} fails with a ClassCastException`);
    case 'STRING':
      if (cv.java === 'String')
        return apply('string-exact', label, node.kind === 'enum' ? 'the symbols are written as text' : 'written as text');
      if (cv.java === 'byte[]') return apply('string-bytes', label);
      return apply(
        'string-cast',
        label,
        `the sink casts String values to java.lang.String (bytes to byte[]); ${a} is a ${cv.java}: ClassCastException`,
      );
    case 'FIXED_STRING':
      return judgeFixedString(node, cv, sc.precision, label);
    case 'UUID':
      if (cv.java !== 'String') return apply('uuid-cast', label, `the sink parses UUID columns from strings; ${a} fails`);
      if (node.kind === 'logical' && node.logicalType === 'uuid') return apply('uuid-exact', label);
      if (node.kind === 'enum') return apply('uuid-cast', label, 'enum symbols are never UUIDs: UUID.fromString fails every record');
      return apply('uuid-string', label);
    case 'Enum8':
    case 'Enum16': {
      const names = new Set(sc.enumNames ?? []);
      if (node.kind === 'enum') {
        const missing = node.symbols.filter((s) => !names.has(s));
        if (missing.length === 0) return apply('enum-exact', label);
        return apply(
          'enum-missing',
          label,
          `symbol(s) ${missing.map((s) => `'${s}'`).join(', ')} are not members of the ClickHouse enum: a record with one fails the batch`,
        );
      }
      if (cv.java === 'String')
        return apply(
          'enum-string',
          label,
          `every value must be one of ${[...names].map((n) => `'${n}'`).join(', ')}; any other fails the batch`,
        );
      return apply('enum-cast', label, `an Enum column takes a string or an Avro enum; ${a} fails`);
    }
    case 'Decimal':
      return judgeDecimal(node, cv, sc, label);
    case 'Date':
    case 'Date32':
      if (cv.type !== 'INT32')
        return apply(
          'date-unsupported',
          label,
          `${sc.text} takes an Avro date (or an int of days); ${a} fails: "(Potentially) Not implemented conversion from ${cv.type} to ${sc.type}"`,
        );
      if (cv.logical === 'Date')
        return apply(
          'date-days',
          label,
          sc.type === 'Date'
            ? 'exact days since 1970-01-01; Date holds 1970-01-01…2149-06-06, a date outside fails the batch (Date32 has no such limit)'
            : 'exact days since 1970-01-01',
        );
      if (cv.logical === 'Time') return apply('date-from-time', label);
      return apply('date-int', label);
    case 'DateTime':
      return judgeDateTime(node, cv, label);
    case 'DateTime64':
      return judgeDateTime64(node, cv, sc.precision, label);
  }
  return apply('type-unknown', label, `no writer for ${sc.text}`);
}

function judgeFixedString(node: AvroNode, cv: ConnectValue, length: number, label: string): Judgement {
  if (node.kind === 'enum') {
    const longest = Math.max(...node.symbols.map((s) => Buffer.byteLength(s)));
    if (longest > length) return apply('fixed-string-too-long', label, `symbol(s) longer than ${length} bytes fail the batch`);
    return apply('fixed-string', label, `symbols are zero-padded to ${length} bytes`);
  }
  const size = node.kind === 'fixed' ? node.size : node.kind === 'logical' && node.underlying === 'fixed' ? 16 : undefined;
  if (size !== undefined && size > length)
    return apply('fixed-string-too-long', label, `fixed size ${size} is longer than FixedString(${length}): every value fails the batch`);
  if (cv.java === 'String' || cv.java === 'byte[]') {
    if (size === length)
      return apply(
        'fixed-string',
        label,
        'the bytes are decoded as UTF-8 before writing, so bytes that are not valid UTF-8 are altered; String keeps raw bytes',
      );
    return apply(
      'fixed-string',
      label,
      `${cv.java === 'byte[]' ? 'bytes are decoded as UTF-8 (non-UTF-8 bytes are altered), ' : ''}values longer than ${length} bytes fail the batch, shorter ones are zero-padded`,
    );
  }
  return apply('fixed-string-unsupported', label, `FixedString takes a string or bytes; ${describeAvro(node)} fails`);
}

/** How many integer digits a Decimal(P, S) holds. */
const intDigits = (precision: number, scale: number) => precision - scale;

function judgeDecimal(node: AvroNode, cv: ConnectValue, sc: SinkColumn, label: string): Judgement {
  if (node.kind === 'decimal') {
    if (sc.scale < node.scale) {
      return apply(
        'decimal-truncate',
        label,
        `Avro scale ${node.scale} into column scale ${sc.scale}: digits beyond ${sc.scale} decimal place(s) are truncated toward zero`,
      );
    }
    if (intDigits(sc.precision, sc.scale) < intDigits(node.precision, node.scale)) {
      return apply(
        'decimal-narrow',
        label,
        `the Avro type allows ${intDigits(node.precision, node.scale)} integer digits, the column ${intDigits(sc.precision, sc.scale)}: larger values fail the batch once they exceed the Decimal's storage width, smaller ones beyond ${sc.precision} digits are stored unchecked`,
      );
    }
    if (node.precision === sc.precision && node.scale === sc.scale) return apply('decimal-exact', label, 'exact precision and scale');
    return apply(
      'decimal-exact',
      label,
      `rescaled exactly from scale ${node.scale} to ${sc.scale} (${node.scale === sc.scale ? 'same scale' : `19.99 reads back as 19.99${'0'.repeat(sc.scale - node.scale)}`})`,
    );
  }
  if (['Byte', 'Short', 'Integer', 'Long', 'Float', 'Double', 'String'].includes(cv.java)) return apply('decimal-number', label);
  return apply('decimal-unsupported', label, `new BigDecimal(value.toString()) fails for ${describeAvro(node)}`);
}

function judgeDateTime(node: AvroNode, cv: ConnectValue, label: string): Judgement {
  if (cv.type === 'INT32' || cv.type === 'INT64') {
    if (cv.logical === 'Timestamp')
      return apply('datetime-timestamp', label, "written in whole seconds: the milliseconds are lost (use DateTime64(3, 'UTC'))");
    if (cv.logical === 'Date' || cv.logical === 'Time')
      return apply(
        'datetime-date',
        label,
        cv.logical === 'Date' ? 'written as midnight UTC of the date' : 'written as 1970-01-01 plus the time of day',
      );
    if (node.kind === 'logical') {
      return apply(
        'datetime-overflow',
        label,
        `the converter passes ${node.logicalType} as a plain long, written verbatim as seconds: present-day values exceed UInt32 and fail the batch; use DateTime64(${node.logicalType.endsWith('millis') ? 3 : 6})`,
      );
    }
    return apply('datetime-number', label);
  }
  if (cv.type === 'STRING') {
    if (node.kind === 'enum') return apply('datetime-unsupported', label, 'enum symbols are never ISO-8601 date-times: every record fails');
    return apply('datetime-string', label, 'parsed with ZonedDateTime.parse (ISO-8601 with zone); anything else fails the batch');
  }
  return apply(
    'datetime-unsupported',
    label,
    `DateTime takes a timestamp, an epoch-seconds number or an ISO string; ${describeAvro(node)} fails`,
  );
}

/** The tick unit (decimal digits of a second) of a plain long logical type; undefined when it has none. */
function tickUnit(node: AvroNode): number | undefined {
  if (node.kind !== 'logical') return undefined;
  if (node.logicalType === 'timestamp-micros' || node.logicalType === 'local-timestamp-micros') return 6;
  if (node.logicalType === 'local-timestamp-millis') return 3;
  return undefined;
}

function judgeDateTime64(node: AvroNode, cv: ConnectValue, precision: number, label: string): Judgement {
  if (cv.type === 'INT64') {
    if (cv.logical === 'Timestamp') {
      if (precision >= 3)
        return apply('dt64-timestamp', label, precision === 3 ? 'exact' : `rescaled from milliseconds to precision ${precision}`);
      return apply(
        'dt64-timestamp-truncate',
        label,
        `rescaled to precision ${precision}: the digits below 10^-${precision} s are truncated`,
      );
    }
    if (node.kind === 'logical' && node.logicalType === 'time-micros') {
      return apply(
        'dt64-ticks-scaled',
        label,
        `a time of day in microseconds is written verbatim as ticks of 10^-${precision} s: ${precision === 6 ? '1970-01-01 plus the time' : 'wrong by the ratio of the units'}`,
      );
    }
    const unit = tickUnit(node);
    if (unit === undefined)
      return apply(
        'dt64-ticks-scaled',
        label,
        `a plain long is written verbatim as ticks of 10^-${precision} s (not rescaled): the producer must use that unit`,
      );
    if (unit === precision) {
      const local =
        node.kind === 'logical' && node.logicalType.startsWith('local') ? '; the local wall-clock time is stored as if it were UTC' : '';
      return apply('dt64-ticks', label, `written verbatim as ticks of 10^-${unit} s, the right unit${local}`);
    }
    return apply(
      'dt64-ticks-scaled',
      label,
      `the converter passes ${(node as { logicalType: string }).logicalType} as a plain long, written verbatim as ticks of 10^-${precision} s: every value is off by a factor of 10^${Math.abs(unit - precision)}; use DateTime64(${unit})`,
    );
  }
  if (cv.type === 'INT32' && (cv.logical === 'Date' || cv.logical === 'Time')) {
    return apply(
      'datetime-date',
      label,
      cv.logical === 'Date' ? 'written as midnight UTC of the date' : 'written as 1970-01-01 plus the time of day',
    );
  }
  if (cv.type === 'STRING') {
    if (node.kind === 'enum') return apply('datetime-unsupported', label, 'enum symbols are never ISO-8601 date-times: every record fails');
    return apply(
      'datetime-string',
      label,
      `parsed with ZonedDateTime.parse (ISO-8601 with zone) or the connector's dateTimeFormats; anything else fails the batch${[0, 3, 6, 9].includes(precision) ? '' : `; precision ${precision} gets whole seconds, wrong by 10^${precision}`}`,
    );
  }
  return apply(
    'datetime-unsupported',
    label,
    `DateTime64 takes a timestamp, a long of ticks or an ISO string; ${describeAvro(node)} fails: "(Potentially) Not implemented conversion"`,
  );
}

function judgeMap(node: AvroNode, sc: SinkColumn, where: string, label: string, opts: JudgeOptions): Judgement {
  if (node.kind !== 'map') return apply('map-mismatch', label, 'only an Avro map can fill a Map column');
  const key = sc.mapKey!;
  const keyJudgement =
    key.type === 'STRING'
      ? apply('map-exact', label, 'map keys are strings')
      : key.type === 'UUID'
        ? apply('map-key-uuid', label)
        : apply(
            'map-key-unsupported',
            label,
            key.type === 'UNKNOWN' || key.type === 'FIXED_STRING'
              ? `the sink writes Map keys through dispatchPrimitive("${key.text}"), which it cannot write (no bytes for the key), so ClickHouse rejects the INSERT; use Map(String, …)`
              : `Avro map keys are strings and the sink casts them for ${key.text}: ClassCastException; use Map(String, …)`,
          );
  return combine([keyJudgement, judgeElement(node.values, sc.mapValue!, `${where}{}`, opts)]);
}

function judgeTuple(
  node: Extract<AvroNode, { kind: 'record' }>,
  sc: SinkColumn,
  where: string,
  label: string,
  opts: JudgeOptions,
): Judgement {
  const parts: Judgement[] = [apply('tuple-exact', label)];
  const fields = new Map(node.fields.map((f) => [f.name, f]));
  for (const [i, element] of sc.tuple!.entries()) {
    const position = `${where}.${element.name ?? i + 1}`;
    if (element.name === undefined) {
      parts.push(
        apply(
          'tuple-unfilled',
          label,
          `tuple element ${i + 1} has no name; the sink fills Tuple elements by name from the record's fields`,
        ),
      );
      continue;
    }
    const field = fields.get(element.name);
    if (!field) {
      const twin = node.fields.find((f) => f.name.toLowerCase() === element.name!.toLowerCase());
      const hint = twin ? ` (the record has "${twin.name}": names are case-sensitive)` : '';
      if (element.column.nullable || element.column.type === 'VARIANT') {
        parts.push(apply('tuple-missing-element', `${position}`, `no record field${hint}; the element is always NULL`));
      } else {
        parts.push(
          apply(
            'tuple-unfilled',
            `${position}`,
            `no record field${hint} and ${element.column.text} is not Nullable: the sink cannot fill it`,
          ),
        );
      }
      continue;
    }
    const { nullable, inner } = splitNullable(field.type);
    const elementLabel = `${position}: ${describeAvro(field.type)} → ${element.column.text}`;
    if (nullable && !element.column.nullable) parts.push(nullInto(element.column, false, elementLabel, 'tupleElement'));
    parts.push(judgeValue(inner, element.column, position, opts));
  }
  const names = new Set(sc.tuple!.map((e) => e.name));
  for (const f of node.fields) {
    if (!names.has(f.name))
      parts.push(apply('tuple-missing-element', `${where}.${f.name}`, 'the record field has no tuple element and is dropped'));
  }
  return combine(parts);
}

function judgeVariant(branches: AvroNode[], sc: SinkColumn, where: string, label: string, opts: JudgeOptions): Judgement {
  const parts: Judgement[] = [];
  for (const branch of branches) {
    const name = connectTypeName(connectValue(branch));
    const member = sc.variants!.find((m) => m.name.toUpperCase() === name.toUpperCase());
    if (!member) {
      parts.push(
        apply(
          'variant-branch-null',
          label,
          `union branch ${describeAvro(branch)} is a Connect ${name}, which no member of ${sc.text} is named after (the sink matches String, Int32, Int64, Float32, Float64, Bool by name): its values are stored as NULL`,
        ),
      );
      continue;
    }
    const written = judgeValue(branch, member.column, `${where}<${member.name}>`, opts);
    parts.push(
      written.verdict === 'ok' ? apply('variant-branch', label, `branch ${describeAvro(branch)} → ${member.column.text}`) : written,
    );
  }
  return combine(parts);
}
