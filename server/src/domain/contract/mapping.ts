/**
 * Judges whether the ClickHouse Kafka Connect sink v1.5.0 can write an Avro value (as Confluent's AvroConverter
 * hands it over) into a ClickHouse column type. The rules follow the sink's write path, not only its
 * pre-insert validation, because a value that passes `validateDataSchema` can still fail in
 * `doWritePrimitive` with a ClassCastException:
 *   - ClickHouseWriter.java `doWritePrimitive`: Int8/UInt8 cast to Byte, Int16 to Short, Int32 to Integer,
 *     Int64 to Long; UInt16/32/64 take any Number; Int128/UInt128 go through BigInteger(toString);
 *     Float32 casts to Float, Float64 to Double; Bool takes Boolean or any Number; UUID uses UUID.fromString;
 *     Enum8/16 look the string up in the column's enum values.
 *   - `doWriteDates`: Date/Date32 take INT32 (Connect Date or raw days); DateTime takes a Connect Timestamp/Date
 *     (seconds), a raw int/long written verbatim as seconds, or an ISO string; DateTime64 rescales a Connect
 *     Timestamp to its precision but writes a raw INT64 verbatim as ticks.
 *   - `doWriteColValue`: Decimal uses the column's precision/scale; Map keys go through doWritePrimitive;
 *     Tuple elements are looked up by element name; Variant members are matched by Connect type name;
 *     JSON needs input_format_binary_read_json_as_string=1; Int256/UInt256 are not serialised at all.
 *   - `validateDataSchema` (only for non-Nullable, non-DEFAULT, non-Variant top-level columns, skipped with
 *     bypassSchemaValidation): rejects e.g. a double into a Decimal column, which the writer would accept.
 * Confluent AvroConverter hands over: int→INT32 (Integer), long→INT64 (Long), float→FLOAT32, double→FLOAT64,
 * bytes/fixed→BYTES (byte[]), string/enum/uuid→STRING, decimal→Connect Decimal (BigDecimal), date→Connect Date,
 * time-millis→Connect Time, timestamp-millis→Connect Timestamp; time-micros, timestamp-micros and
 * local-timestamp-* stay plain INT64 (docs/upstream-facts.md §5).
 */
import { describeAvro, splitNullable, type AvroNode } from '../avro/model.ts';
import { formatClickHouseType, unwrapColumnType, type ChType } from './clickhouse-type.ts';
import { VARIANT_MEMBER_FOR } from './suggest.ts';
import type { Verdict } from '../../contracts/contract.ts';

export interface Judgement {
  verdict: Verdict;
  reasons: string[];
}

export interface JudgeContext {
  /** Whether the sink's validateDataSchema runs for this column (top level, not Nullable, no DEFAULT, not Variant, no bypass). */
  validated: boolean;
}

const RANK: Record<Verdict, number> = { ok: 0, warning: 1, error: 2 };

export function worst(...verdicts: Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((a, b) => (RANK[b] > RANK[a] ? b : a), 'ok');
}

export function combine(parts: Judgement[]): Judgement {
  const verdict = worst(...parts.map((p) => p.verdict));
  // Lead with the reasons that decide the verdict.
  const reasons = parts.filter((p) => p.verdict === verdict).flatMap((p) => p.reasons);
  return { verdict, reasons };
}

/** Nested positions (`f[]`, `f{}`, `f.b`) are named in messages; the top-level field is named by the caller. */
function at(where: string): string {
  return /[.[{]/.test(where) ? `${where}: ` : '';
}

const ok = (reason: string): Judgement => ({ verdict: 'ok', reasons: [reason] });
const warn = (reason: string): Judgement => ({ verdict: 'warning', reasons: [reason] });
const err = (reason: string): Judgement => ({ verdict: 'error', reasons: [reason] });

/** The Java class the converter produces for an Avro node (what doWritePrimitive casts). */
type JavaValue =
  'Byte' | 'Short' | 'Integer' | 'Long' | 'Float' | 'Double' | 'Boolean' | 'String' | 'byte[]' | 'BigDecimal' | 'Date' | 'other';

function javaValueOf(node: AvroNode): JavaValue {
  switch (node.kind) {
    case 'primitive':
      switch (node.type) {
        case 'int':
          return node.connectType === 'int8' ? 'Byte' : node.connectType === 'int16' ? 'Short' : 'Integer';
        case 'long':
          return 'Long';
        case 'float':
          return 'Float';
        case 'double':
          return 'Double';
        case 'boolean':
          return 'Boolean';
        case 'string':
          return 'String';
        case 'bytes':
          return 'byte[]';
      }
      break;
    case 'enum':
      return 'String';
    case 'fixed':
      return 'byte[]';
    case 'decimal':
      return 'BigDecimal';
    case 'logical':
      switch (node.logicalType) {
        case 'date':
        case 'time-millis':
        case 'timestamp-millis':
          return 'Date';
        case 'time-micros':
        case 'timestamp-micros':
        case 'local-timestamp-millis':
        case 'local-timestamp-micros':
          return 'Long';
        case 'uuid':
          return node.underlying === 'string' ? 'String' : 'byte[]';
      }
  }
  return 'other';
}

function isIntegral(v: JavaValue): v is 'Byte' | 'Short' | 'Integer' | 'Long' {
  return v === 'Byte' || v === 'Short' || v === 'Integer' || v === 'Long';
}

const JAVA_BITS: Record<'Byte' | 'Short' | 'Integer' | 'Long', number> = { Byte: 8, Short: 16, Integer: 32, Long: 64 };
const EXACT_INT_COLUMN: Record<'Byte' | 'Short' | 'Integer' | 'Long', string> = {
  Byte: 'Int8',
  Short: 'Int16',
  Integer: 'Int32',
  Long: 'Int64',
};

/**
 * Judges a value slot: top-level column (after the caller handled top-level nullability) or an element inside
 * Array/Map/Tuple, where nullability is judged here.
 */
export function judgeSlot(
  node: AvroNode,
  col: ChType,
  where: string,
  ctx: JudgeContext,
  slot: 'element' | 'tupleElement' = 'element',
): Judgement {
  const { nullable: avroNullable, inner } = splitNullable(node);
  const { base, nullable: colNullable } = unwrapColumnType(col);
  const parts: Judgement[] = [];
  const illegal = illegalNullable(col);
  if (illegal) parts.push(err(`${at(where)}${illegal}`));
  if (avroNullable && !colNullable && inner.kind !== 'union') {
    if (base.kind === 'Array' && slot === 'tupleElement') {
      // doWriteCol writes a null array as size 0; Array elements and Map values go through doWriteColValue, which does not.
      parts.push(ok(`${at(where)}a null array is written as []`));
    } else {
      parts.push(
        err(
          `${at(where)}the Avro type allows null but ${formatClickHouseType(col)} is not Nullable; the sink fails with "An attempt to write null into not nullable column"`,
        ),
      );
    }
  }
  parts.push(judgeBase(inner, base, where, ctx));
  return combine(parts);
}

/** ClickHouse forbids Nullable around Array, Map, Tuple, Variant, JSON and LowCardinality. */
export function illegalNullable(col: ChType): string | undefined {
  if (col.kind !== 'Nullable') return undefined;
  const inner = col.inner;
  if (['Array', 'Map', 'Tuple', 'Variant', 'JSON', 'Object', 'LowCardinality', 'Nested'].includes(inner.kind)) {
    return `${formatClickHouseType(col)} is not a valid ClickHouse type: Nullable cannot wrap ${inner.kind}`;
  }
  return undefined;
}

export function judgeBase(node: AvroNode, col: ChType, where: string, ctx: JudgeContext): Judgement {
  const a = describeAvro(node);
  const c = formatClickHouseType(col);
  const label = `${at(where)}${a} → ${c}`;

  if (node.kind === 'null') return err(`${label}: a field that is always null cannot fill a column`);
  if (node.kind === 'recursive') return err(`${label}: a recursive record has no fixed ClickHouse type`);
  if (node.kind === 'union') return judgeUnion(node.branches, col, label, where, ctx);
  if (col.kind === 'Other') return err(`${label}: the sink has no writer for ${c}`);
  if (col.kind === 'Nested') {
    return err(
      `${label}: the sink ignores a table with a Nested column (Column.extractColumn returns null; DESCRIBE shows Nested only with flatten_nested=0)`,
    );
  }

  // Containers first: they only accept their Avro counterparts.
  if (node.kind === 'array') {
    if (col.kind !== 'Array') return err(`${label}: an Avro array needs an Array(T) column`);
    return judgeSlot(node.items, col.element, `${where}[]`, { validated: false });
  }
  if (col.kind === 'Array') return err(`${label}: only an Avro array can fill an Array column`);
  if (node.kind === 'map') {
    if (col.kind !== 'Map') return err(`${label}: an Avro map needs a Map(String, V) column`);
    const key = unwrapColumnType(col.key).base;
    const keyJudgement =
      key.kind === 'String'
        ? ok(`${at(where)}map keys are strings`)
        : err(`${label}: Avro map keys are strings, so the Map key must be String (got ${formatClickHouseType(col.key)})`);
    return combine([keyJudgement, judgeSlot(node.values, col.value, `${where}{}`, { validated: false })]);
  }
  if (col.kind === 'Map') return err(`${label}: only an Avro map can fill a Map column`);
  if (node.kind === 'record') return judgeRecord(node, col, label, where);
  if (col.kind === 'Tuple') return err(`${label}: only an Avro record can fill a Tuple column`);
  if (col.kind === 'Variant') {
    return err(
      `${label}: only a union of two or more non-null types can fill a Variant column (the sink reads the value as the converter's union struct; anything else fails with a ClassCastException)`,
    );
  }

  const v = javaValueOf(node);
  switch (col.kind) {
    case 'Int':
      return judgeInt(node, v, col, label, ctx);
    case 'Float': {
      const need = col.bits === 32 ? 'Float' : 'Double';
      if (v === need) return ok(`${label}: exact`);
      if (v === 'Float' || v === 'Double') {
        return err(
          `${label}: the sink casts the value to ${need}, so ${v === 'Float' ? 'float needs Float32' : 'double needs Float64'} (FLOAT32/FLOAT64 must match exactly)`,
        );
      }
      return err(`${label}: the sink casts a Float${col.bits} value to ${need}; ${a} fails with a ClassCastException`);
    }
    case 'Bool':
      if (v === 'Boolean') return ok(`${label}: exact`);
      if (isIntegral(v) && node.kind === 'primitive') return warn(`${label}: accepted, every non-zero number becomes true`);
      return err(`${label}: Bool takes a boolean (or an integer); ${a} fails`);
    case 'String':
      if (v === 'String') {
        if (node.kind === 'enum') return ok(`${label}: symbols are written as text`);
        if (node.kind === 'logical') return ok(`${label}: written as text`);
        return ok(`${label}: exact`);
      }
      if (v === 'byte[]') return ok(`${label}: raw bytes are written unchanged`);
      return err(`${label}: the sink casts a String column's value to String; ${a} fails with a ClassCastException`);
    case 'FixedString':
      return judgeFixedString(node, v, col.length, label);
    case 'UUID':
      if (node.kind === 'logical' && node.logicalType === 'uuid' && node.underlying === 'string')
        return ok(`${label}: parsed with UUID.fromString`);
      if (node.kind === 'primitive' && node.type === 'string') {
        return warn(
          `${label}: plain strings are parsed with UUID.fromString; a value that is not a UUID fails the batch (use logicalType uuid)`,
        );
      }
      return err(`${label}: the sink parses UUID columns from strings; ${a} fails`);
    case 'Enum':
      return judgeEnum(node, v, col, label);
    case 'Decimal':
      return judgeDecimal(node, v, col, label, ctx);
    case 'Date':
    case 'Date32':
      return judgeDate(node, v, col.kind, label);
    case 'DateTime':
      return judgeDateTime(node, v, label);
    case 'DateTime64':
      return judgeDateTime64(node, v, col.precision, label);
    case 'JSON':
    case 'Object':
      if (v === 'String')
        return warn(
          `${label}: the string must be JSON, and the connector needs clickhouseSettings input_format_binary_read_json_as_string=1`,
        );
      return err(`${label}: a JSON column takes a record or a JSON string`);
    case 'LowCardinality':
    case 'Nullable':
      // Reached only for a nested wrapper order the caller did not unwrap (e.g. LowCardinality(Nullable(T))).
      return judgeSlot(node, col, where, ctx);
  }
  return err(`${label}: no mapping`);
}

function judgeInt(node: AvroNode, v: JavaValue, col: Extract<ChType, { kind: 'Int' }>, label: string, ctx: JudgeContext): Judgement {
  if (v === 'Boolean') {
    if (col.bits <= 64) return warn(`${label}: booleans are written as 1/0`);
    return err(`${label}: the sink cannot write a boolean into ${col.signed ? '' : 'U'}Int${col.bits}`);
  }
  if (col.bits === 256) return err(`${label}: the sink v1.5.0 has no writer for ${col.signed ? '' : 'U'}Int256 (doWriteColValue skips it)`);
  if (v === 'Date') {
    // doWritePrimitive writes Date.getTime() (epoch millis) for Int32/Int64.
    if (node.kind === 'logical' && node.logicalType === 'time-millis' && col.signed && (col.bits === 32 || col.bits === 64)) {
      return ok(`${label}: written as milliseconds since midnight`);
    }
    if (node.kind === 'logical' && node.logicalType === 'timestamp-millis' && col.signed && col.bits === 64) {
      return ok(`${label}: written as epoch milliseconds`);
    }
    return err(
      `${label}: the converter hands over a java.util.Date, which the sink writes only into Int64 (epoch millis) or, for time-millis, Int32`,
    );
  }
  if (!isIntegral(v)) {
    if (col.bits === 128 && !ctx.validated && (v === 'String' || v === 'Float' || v === 'Double' || v === 'BigDecimal')) {
      return warn(`${label}: written through BigInteger(value.toString()); values that are not whole numbers fail`);
    }
    return err(`${label}: integer columns take Avro int/long; ${describeAvro(node)} fails with a ClassCastException`);
  }
  const bits = JAVA_BITS[v];
  if (col.bits === 128) {
    return col.signed ? ok(`${label}: widened through BigInteger`) : warn(`${label}: negative values cannot be stored in UInt128`);
  }
  if (col.signed || col.bits === 8) {
    // Signed Int8..Int64 and UInt8 are written with a cast to exactly one Java class.
    const exact = col.signed ? EXACT_INT_COLUMN[v] : undefined;
    if (col.signed && JAVA_BITS[v] === col.bits) return ok(`${label}: exact`);
    const want = col.signed ? { 8: 'Byte', 16: 'Short', 32: 'Integer', 64: 'Long' }[col.bits] : 'Byte';
    return err(
      `${label}: the sink casts ${formatClickHouseType(col)} values to java.lang.${want} but the converter gives ${v === 'Integer' ? 'an' : 'a'} ${v} — the batch fails with a ClassCastException although the pre-insert validation lets any integer through; use ${exact ?? EXACT_INT_COLUMN[v]}`,
    );
  }
  // UInt16/32/64 go through Number, so any integer is written; narrowing and sign are the risks.
  const notes: string[] = [];
  if (bits > col.bits) notes.push(`values above ${2 ** col.bits - 1} overflow`);
  notes.push('negative values cannot be stored unsigned');
  return warn(`${label}: accepted, but ${notes.join(' and ')}`);
}

function judgeFixedString(node: AvroNode, v: JavaValue, length: number, label: string): Judgement {
  if (node.kind === 'fixed' || (node.kind === 'logical' && node.underlying === 'fixed')) {
    const size = node.kind === 'fixed' ? node.size : 16;
    if (size !== length) return err(`${label}: fixed size ${size} does not match FixedString(${length})`);
    return warn(
      `${label}: the sink decodes the bytes as UTF-8 before writing FixedString, so bytes that are not valid UTF-8 are altered; String keeps raw bytes`,
    );
  }
  if (v === 'byte[]')
    return warn(
      `${label}: bytes are decoded as UTF-8 before writing (non-UTF-8 bytes are altered); values longer than ${length} bytes fail, shorter ones are zero-padded`,
    );
  if (v === 'String') {
    if (node.kind === 'enum') {
      const longest = Math.max(...node.symbols.map((s) => Buffer.byteLength(s)));
      if (longest > length) return err(`${label}: symbol(s) longer than ${length} bytes cannot be stored`);
      return warn(`${label}: symbols shorter than ${length} bytes are zero-padded`);
    }
    return warn(`${label}: strings longer than ${length} bytes fail, shorter ones are zero-padded`);
  }
  return err(`${label}: FixedString takes a string or bytes; ${describeAvro(node)} fails`);
}

function judgeEnum(node: AvroNode, v: JavaValue, col: Extract<ChType, { kind: 'Enum' }>, label: string): Judgement {
  const names = new Set(col.values.map((x) => x.name));
  if (node.kind === 'enum') {
    const missing = node.symbols.filter((s) => !names.has(s));
    if (missing.length > 0) {
      return err(
        `${label}: symbol(s) ${missing.map((s) => `'${s}'`).join(', ')} are not members of the ClickHouse enum; the sink fails on such a value`,
      );
    }
    return ok(`${label}: every symbol is an enum member`);
  }
  if (v === 'String')
    return warn(`${label}: every string must be one of the enum's names (${[...names].join(', ')}); any other value fails the batch`);
  return err(`${label}: an Enum column takes a string or an Avro enum; ${describeAvro(node)} fails`);
}

function judgeDecimal(
  node: AvroNode,
  v: JavaValue,
  col: Extract<ChType, { kind: 'Decimal' }>,
  label: string,
  ctx: JudgeContext,
): Judgement {
  if (node.kind === 'decimal') {
    if (node.precision !== col.precision || node.scale !== col.scale) {
      return err(
        `${label}: precision/scale differ (Avro ${node.precision},${node.scale} vs column ${col.precision},${col.scale}); the sink writes the value with the column's precision and scale`,
      );
    }
    if (node.underlying === 'fixed') {
      return warn(
        `${label}: exact precision and scale, but decimal on fixed depends on the AvroConverter version (UNVERIFIED); bytes-based decimal is the safe choice`,
      );
    }
    return ok(`${label}: exact precision and scale`);
  }
  if (v === 'Integer' || v === 'Long' || v === 'Float' || v === 'Double' || v === 'String' || v === 'Short' || v === 'Byte') {
    if (ctx.validated) {
      return err(
        `${label}: the sink's schema validation accepts only a Connect Decimal for a non-Nullable Decimal column without DEFAULT ("Data schema validation failed"); use Avro decimal (or bypassSchemaValidation)`,
      );
    }
    return warn(
      `${label}: written through new BigDecimal(value.toString()) because validation does not run for this column; binary floats and text are approximated or may fail`,
    );
  }
  return err(`${label}: a Decimal column takes an Avro decimal; ${describeAvro(node)} fails`);
}

function judgeDate(node: AvroNode, v: JavaValue, kind: 'Date' | 'Date32', label: string): Judgement {
  if (node.kind === 'logical' && node.logicalType === 'date')
    return ok(`${label}: exact (days since epoch)${kind === 'Date' ? '; Date holds 1970..2149 only, Date32 covers 1900..2299' : ''}`);
  if (v === 'Integer' && node.kind === 'primitive') return warn(`${label}: a plain int is written verbatim as days since 1970-01-01`);
  return err(`${label}: ${kind} takes an Avro date (or an int of days); ${describeAvro(node)} is rejected ("Not implemented conversion")`);
}

/** What DateTime and DateTime64 say alike about logical types that are not timestamps; undefined for the others. */
function judgeNotATimestamp(logicalType: string, label: string): Judgement | undefined {
  if (logicalType === 'date') return warn(`${label}: written as midnight UTC of the date`);
  if (logicalType === 'time-millis') return err(`${label}: a time of day is not a point in time`);
  if (logicalType === 'uuid') return err(`${label}: a UUID is not a date-time`);
  return undefined;
}

function judgeDateTime(node: AvroNode, v: JavaValue, label: string): Judgement {
  if (node.kind === 'logical') {
    const alike = judgeNotATimestamp(node.logicalType, label);
    if (alike) return alike;
    switch (node.logicalType) {
      case 'timestamp-millis':
        return warn(`${label}: written in whole seconds, the milliseconds are lost (use DateTime64(3))`);
      case 'timestamp-micros':
      case 'local-timestamp-micros':
      case 'local-timestamp-millis':
      case 'time-micros':
        return err(
          `${label}: the converter passes ${node.logicalType} as a plain long and the sink writes it verbatim as seconds (UInt32), which is wrong or out of range; use DateTime64(${node.logicalType.endsWith('millis') ? 3 : 6})`,
        );
    }
  }
  if (v === 'Integer' || v === 'Long') return warn(`${label}: a plain number is written verbatim as epoch seconds`);
  if (v === 'String') return warn(`${label}: strings are parsed with ZonedDateTime.parse (ISO-8601 with zone); anything else fails`);
  return err(`${label}: DateTime takes a timestamp, an epoch-seconds number or an ISO string; ${describeAvro(node)} fails`);
}

function judgeDateTime64(node: AvroNode, v: JavaValue, precision: number, label: string): Judgement {
  if (node.kind === 'logical') {
    const alike = judgeNotATimestamp(node.logicalType, label);
    if (alike) return alike;
    switch (node.logicalType) {
      case 'timestamp-millis':
        return precision === 3
          ? ok(`${label}: exact`)
          : ok(`${label}: the sink rescales the Connect Timestamp from millis to precision ${precision}`);
      case 'timestamp-micros':
      case 'local-timestamp-micros':
      case 'local-timestamp-millis':
      case 'time-micros': {
        if (node.logicalType === 'time-micros') return err(`${label}: a time of day is not a point in time`);
        const ticks = node.logicalType.endsWith('millis') ? 3 : 6;
        if (precision === ticks) {
          return ok(
            `${label}: the converter passes ${node.logicalType} as a plain long, written verbatim as ticks of 10^-${ticks} s, which matches DateTime64(${ticks})${node.logicalType.startsWith('local') ? '; the local wall-clock time is stored as if it were UTC' : ''}`,
          );
        }
        return err(
          `${label}: the converter passes ${node.logicalType} as a plain long and the sink writes it verbatim as DateTime64 ticks (10^-${precision} s), so every value is off by a factor of 10^${Math.abs(ticks - precision)}; use DateTime64(${ticks})`,
        );
      }
    }
  }
  if (v === 'Long')
    return warn(
      `${label}: a plain long is written verbatim as ticks of 10^-${precision} s (not rescaled); make sure the producer uses that unit`,
    );
  if (v === 'String')
    return warn(
      `${label}: strings are parsed with ZonedDateTime.parse (ISO-8601 with zone) or the connector's dateTimeFormats; anything else fails`,
    );
  return err(`${label}: DateTime64 takes a timestamp, a long of ticks or an ISO string; ${describeAvro(node)} is rejected`);
}

function judgeRecord(node: Extract<AvroNode, { kind: 'record' }>, col: ChType, label: string, where: string): Judgement {
  if (col.kind === 'JSON' || col.kind === 'Object') {
    return warn(
      `${label}: written as a JSON string; the connector needs clickhouseSettings input_format_binary_read_json_as_string=1 (it applies to all columns)`,
    );
  }
  if (col.kind === 'Variant') {
    return err(`${label}: a plain record is not a union; the sink would write only its first non-null field into the Variant`);
  }
  if (col.kind !== 'Tuple') return err(`${label}: a record maps to Tuple (named elements) or JSON`);
  const parts: Judgement[] = [];
  const fieldsByName = new Map(node.fields.map((f) => [f.name, f]));
  for (const [i, element] of col.elements.entries()) {
    if (element.name === undefined) {
      parts.push(err(`${label}: tuple element ${i + 1} has no name; the sink fills Tuple elements by name from the record's fields`));
      continue;
    }
    const f = fieldsByName.get(element.name);
    if (!f) {
      const ci = node.fields.find((x) => x.name.toLowerCase() === element.name!.toLowerCase());
      const hint = ci ? ` (record has "${ci.name}": names are case-sensitive)` : '';
      if (unwrapColumnType(element.type).nullable)
        parts.push(warn(`${where}.${element.name}: no record field${hint}; the element is always NULL`));
      else
        parts.push(
          err(
            `${where}.${element.name}: no record field${hint} and ${formatClickHouseType(element.type)} is not Nullable; the sink cannot fill it`,
          ),
        );
      continue;
    }
    parts.push(judgeSlot(f.type, element.type, `${where}.${element.name}`, { validated: false }, 'tupleElement'));
  }
  const elementNames = new Set(col.elements.map((e) => e.name));
  for (const f of node.fields) {
    if (!elementNames.has(f.name)) parts.push(warn(`${where}.${f.name}: record field has no tuple element and is dropped`));
  }
  if (parts.length === 0) return ok(`${label}: ok`);
  return combine(parts);
}

function judgeUnion(branches: AvroNode[], col: ChType, label: string, where: string, _ctx: JudgeContext): Judgement {
  const nonNull = branches.filter((b) => b.kind !== 'null');
  if (col.kind === 'Variant') {
    const members = col.variants.map((m) => formatClickHouseType(m).toUpperCase());
    const parts: Judgement[] = [];
    for (const b of nonNull) {
      const name = b.kind === 'primitive' && !b.connectType ? VARIANT_MEMBER_FOR[b.type] : b.kind === 'enum' ? 'String' : undefined;
      if (!name) {
        parts.push(
          err(
            `${label}: union branch ${describeAvro(b)} has no Variant member the sink can match (it matches by Connect type name: String, Int32, Int64, Float32, Float64, Bool); such values would be written as NULL`,
          ),
        );
      } else if (!members.includes(name.toUpperCase())) {
        parts.push(err(`${label}: union branch ${describeAvro(b)} needs ${name} in the Variant; without it the sink writes NULL`));
      } else {
        parts.push(ok(`${at(where)}branch ${describeAvro(b)} → ${name}`));
      }
    }
    return combine(parts);
  }
  if (col.kind === 'String') {
    const allText = nonNull.every((b) => (b.kind === 'primitive' && (b.type === 'string' || b.type === 'bytes')) || b.kind === 'enum');
    if (allText) return ok(`${label}: a union of string/bytes is written as text`);
  }
  return err(`${label}: a union of several non-null types needs a Variant column (sink ≥ 1.5.0)`);
}

/** What the sink would do with the nullability of a top-level field/column pair. */
export function judgeTopNullability(field: AvroNode, col: ChType, defaultKind: string, where: string): Judgement | undefined {
  const { nullable: avroNullable, inner } = splitNullable(field);
  const { base, nullable: colNullable } = unwrapColumnType(col);
  if (!avroNullable || colNullable) return undefined;
  if (inner.kind === 'union') return undefined; // a Variant's NULL discriminator handles null; judged with the union
  if (base.kind === 'Array') return ok(`${at(where)}a null array is written as []`);
  if (base.kind === 'Variant') return ok(`${at(where)}null is written as the Variant's NULL`);
  if (defaultKind === 'DEFAULT') return warn(`${at(where)}null values are replaced by the column's DEFAULT (RowBinaryWithDefaults)`);
  return err(
    `${at(where)}${describeAvro(field)} can be null but ${formatClickHouseType(col)} is not Nullable and has no DEFAULT; the sink fails with "An attempt to write null into not nullable column"`,
  );
}
