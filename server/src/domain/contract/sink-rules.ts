/**
 * The rule table of the contract check: what the ClickHouse Kafka Connect sink v1.5.0 does with each kind of
 * Avro value (as Confluent's AvroConverter hands it over) in each kind of column, and the upstream code that does
 * it. mapping.ts applies these rules; docs/sink-type-mapping.md is rendered from this table (and tested against it).
 *
 * Verdicts mean what the sink does with the batch:
 *   error   — the sink fails the batch: with errors.tolerance=all every record of it goes to the dead-letter
 *             topic, otherwise the task FAILS (ChunkFlusher.putDirect → Utils.handleException).
 *   warning — rows land, but changed or restricted exactly as the rule says (e.g. truncated, or some values fail).
 *   ok      — rows land and read back as the record's value in the column's type.
 */
import type { Verdict } from '../../contracts/contract.ts';

const SINK = 'ClickHouse/clickhouse-kafka-connect@v1.5.0';
const SINK_SRC = `${SINK} src/main/java/com/clickhouse/kafka/connect/sink`;
export const SOURCES = {
  column: `${SINK_SRC}/db/mapping/Column.java (extractColumn, dispatchPrimitive)`,
  table: `${SINK_SRC}/db/helper/ClickHouseHelperClient.java (describeTableV2), db/ClickHouseWriter.java (getTable)`,
  validate: `${SINK_SRC}/db/ClickHouseWriter.java (validateDataSchema)`,
  writeCol: `${SINK_SRC}/db/ClickHouseWriter.java (doWriteCol)`,
  colValue: `${SINK_SRC}/db/ClickHouseWriter.java (doWriteColValue)`,
  primitive: `${SINK_SRC}/db/ClickHouseWriter.java (doWritePrimitive)`,
  dates: `${SINK_SRC}/db/ClickHouseWriter.java (doWriteDates, doWriteDate)`,
  fixed: `${SINK_SRC}/db/ClickHouseWriter.java (doWriteFixedString); ClickHouse/clickhouse-java@v0.9.5 clickhouse-data/src/main/java/com/clickhouse/data/format/BinaryStreamUtils.java (writeFixedString)`,
  decimal: `${SINK_SRC}/db/ClickHouseWriter.java (doWriteColValue, Decimal); ClickHouse/clickhouse-java@v0.9.5 clickhouse-data/src/main/java/com/clickhouse/data/format/BinaryStreamUtils.java (writeDecimal32/64/128/256)`,
  unsigned: `${SINK_SRC}/db/ClickHouseWriter.java (doWritePrimitive); ClickHouse/clickhouse-java@v0.9.5 clickhouse-data/src/main/java/com/clickhouse/data/format/BinaryStreamUtils.java (writeUnsignedInt8/16/32/64/128)`,
  variant: `${SINK_SRC}/db/ClickHouseWriter.java (doWriteColValue, VARIANT); db/mapping/Column.java (getVariantGlobalDiscriminator)`,
  converter: 'confluentinc/schema-registry@v8.3.1 avro-data/src/main/java/io/confluent/connect/avro/AvroData.java (toConnectSchema)',
  config: `${SINK_SRC}/ClickHouseSinkConfig.java (clickhouseSettings, input_format_binary_read_json_as_string)`,
  clickhouse: 'ClickHouse: CREATE TABLE refuses the type (Nullable cannot wrap composite types)',
} as const;

export interface SinkRule {
  verdict: Verdict;
  /** Which Avro value and column the rule is about. */
  when: string;
  /** What the sink does. */
  effect: string;
  source: keyof typeof SOURCES;
}

const rule = (verdict: Verdict, when: string, effect: string, source: keyof typeof SOURCES): SinkRule => ({
  verdict,
  when,
  effect,
  source,
});

export const SINK_RULES = {
  // The column type
  'type-unknown': rule(
    'error',
    "a column type the sink does not recognise: `DateTime('tz')`, `IPv4`/`IPv6`, `Time`, `Object(…)`, `Dynamic`, …",
    'dispatchPrimitive gives UNKNOWN: a validated column fails "Data schema validation failed" (type [UNKNOWN]); any other column gets no bytes ("Cannot serialize unsupported type UNKNOWN"), so ClickHouse rejects the short row',
    'column',
  ),
  'type-int256': rule(
    'error',
    '`Int256`/`UInt256`',
    'recognised, but doWriteColValue has no writer for it: no bytes, the INSERT fails',
    'colValue',
  ),
  'type-nested': rule(
    'error',
    'a `Nested` column (DESCRIBE shows it only with flatten_nested=0)',
    'extractColumn returns null, so the sink ignores the whole table and every batch fails with "Table … does not exist"',
    'table',
  ),
  'type-nullable-composite': rule(
    'error',
    '`Nullable` around `Array`, `Map`, `Tuple`, `Variant`, `JSON` or `LowCardinality`',
    'not a valid ClickHouse type',
    'clickhouse',
  ),
  'validation-mismatch': rule(
    'error',
    'a top-level, non-Nullable column without DEFAULT whose sink type differs from the Connect type (and no exception below applies)',
    '"Table column name [c] type [T] is not matching data column type [D]", then "Data schema validation failed." for the batch (skipped with bypassSchemaValidation=true). Exceptions: every String column (write decides), Int8…UInt64 take any Connect type, Bool takes integers, Decimal takes Connect Decimal, Tuple takes a struct, Date/DateTime/UUID/FixedString/Enum are not checked',
    'validate',
  ),
  // Nulls
  'null-not-nullable': rule(
    'error',
    'a nullable Avro field into a non-Nullable column without DEFAULT (or a null element into a non-Nullable Array/Map element)',
    '"An attempt to write null into not nullable column" (elements: a lone null marker, which misaligns the row)',
    'writeCol',
  ),
  'null-default': rule(
    'warning',
    'a nullable field into a non-Nullable column with DEFAULT',
    'RowBinaryWithDefaults: a null becomes the column DEFAULT',
    'writeCol',
  ),
  'null-array': rule('ok', 'a nullable array into a non-Nullable `Array` column', 'a null is written as []', 'writeCol'),
  'null-variant': rule('ok', 'a null into a `Variant` column', "written as the Variant's NULL (discriminator 255)", 'writeCol'),
  // Integers
  'int-exact': rule(
    'ok',
    'int8/int16 (`connect.type`), int, long into Int8/Int16/Int32/Int64 of the same width',
    'cast to Byte/Short/Integer/Long and written',
    'primitive',
  ),
  'int-cast': rule(
    'error',
    'any other value into Int8/Int16/Int32/Int64 (e.g. int into Int64, long into Int32, string into Int32)',
    'the sink casts to exactly one Java class per width: ClassCastException → DataException "Failed to write column …"',
    'primitive',
  ),
  'int-time-millis': rule(
    'ok',
    'time-millis into Int32/Int64, timestamp-millis into Int64',
    "written as the Date's getTime(): milliseconds since midnight / epoch",
    'primitive',
  ),
  'int-date-millis': rule(
    'warning',
    'date into Int64 (epoch milliseconds of midnight UTC); date or timestamp-millis into Int32 (the milliseconds cast to int, which overflows after 1970-01-25)',
    "written as the Date's getTime()",
    'primitive',
  ),
  'uint8-byte': rule(
    'warning',
    'int8 (`connect.type`) into UInt8',
    'cast to Byte; negative values fail the batch (range check)',
    'unsigned',
  ),
  'uint-number': rule(
    'warning',
    'a number into UInt16/UInt32/UInt64',
    'narrowed with shortValue/intValue/longValue: UInt16 takes 0…32767 and UInt32 0…2^31-1 (anything else fails the batch or wraps), UInt64 stores negatives as 2^64-x, fractions are truncated',
    'unsigned',
  ),
  'int128-integer': rule(
    'ok',
    'an integer into Int128 (Nullable, DEFAULT, nested or with bypassSchemaValidation)',
    'new BigInteger(value.toString())',
    'primitive',
  ),
  'int128-other': rule(
    'warning',
    'a negative-capable integer into UInt128, or a string/float/decimal into Int128/UInt128',
    'new BigInteger(value.toString()): values that are not whole numbers (or negative, for UInt128) fail the batch',
    'unsigned',
  ),
  'bool-as-int': rule('warning', 'boolean into Int8…UInt64', 'written as 1/0', 'primitive'),
  'bool-unsupported': rule(
    'error',
    'boolean into any other primitive column (Int128, floats, String, UUID, Enum, FixedString, dates, Decimal)',
    'DataException "Not implemented conversion from Boolean to …"',
    'primitive',
  ),
  // Floats, booleans
  'float-exact': rule('ok', 'float into Float32, double into Float64', 'cast to Float/Double and written', 'primitive'),
  'float-cast': rule(
    'error',
    'anything else into Float32/Float64 (including float↔double)',
    'ClassCastException → DataException',
    'primitive',
  ),
  'bool-exact': rule('ok', 'boolean into Bool', 'written', 'primitive'),
  'bool-from-number': rule('warning', 'a number into Bool', 'every non-zero value becomes true', 'primitive'),
  'bool-cast': rule('error', 'a string or anything else into Bool', 'ClassCastException → DataException', 'primitive'),
  // Strings
  'string-exact': rule('ok', 'string, enum (its symbol) or uuid into String', 'written as UTF-8 text', 'primitive'),
  'string-bytes': rule('ok', 'bytes or fixed into String', 'the raw bytes are written unchanged', 'primitive'),
  'string-union': rule(
    'ok',
    'a union of string/bytes/enum into String',
    "the union's non-null branch is written as text (validation allows only string and bytes branches)",
    'primitive',
  ),
  'string-union-other': rule(
    'warning',
    'a union with other branches into a Nullable/DEFAULT String',
    "the non-null branch's toString() is written (validation would refuse it on a plain String column)",
    'primitive',
  ),
  'string-cast': rule(
    'error',
    'a number, date, decimal, array, map or record into String',
    'ClassCastException → DataException',
    'primitive',
  ),
  'fixed-string': rule(
    'warning',
    'string, bytes, fixed or enum into FixedString(N)',
    'encoded as UTF-8 (bytes are decoded as UTF-8 first, altering non-UTF-8 bytes), zero-padded to N; a value longer than N bytes fails the batch',
    'fixed',
  ),
  'fixed-string-too-long': rule(
    'error',
    'fixed(M) with M > N, or an enum with a symbol longer than N bytes, into FixedString(N)',
    'writeFixedString refuses values longer than N',
    'fixed',
  ),
  'fixed-string-unsupported': rule('error', 'anything else into FixedString', 'DataException "Not implemented conversion"', 'fixed'),
  'uuid-exact': rule('ok', 'uuid (string) into UUID', 'UUID.fromString', 'primitive'),
  'uuid-string': rule('warning', 'a plain string into UUID', 'UUID.fromString: a value that is not a UUID fails the batch', 'primitive'),
  'uuid-cast': rule('error', 'anything else into UUID', 'ClassCastException → DataException', 'primitive'),
  'enum-exact': rule(
    'ok',
    'an Avro enum whose every symbol is a member of the Enum8/Enum16',
    "the symbol's Enum value is written",
    'primitive',
  ),
  'enum-missing': rule(
    'error',
    'an Avro enum with a symbol that is not a member',
    'a record with that symbol fails the batch (convertEnumValues gives null)',
    'primitive',
  ),
  'enum-string': rule(
    'warning',
    'a plain string into Enum8/Enum16',
    "every value must be one of the Enum's names, any other fails the batch",
    'primitive',
  ),
  'enum-cast': rule('error', 'anything else into Enum8/Enum16', 'ClassCastException → DataException', 'primitive'),
  'json-string': rule(
    'warning',
    'a string or record into JSON with clickhouseSettings input_format_binary_read_json_as_string=1',
    'written as JSON text (a string must hold JSON)',
    'config',
  ),
  'json-unsupported': rule(
    'error',
    'into JSON without input_format_binary_read_json_as_string=1, or any other value',
    '"Writing JSON in binary is not supported yet"',
    'colValue',
  ),
  // Decimals
  'decimal-exact': rule(
    'ok',
    'decimal(P,S) into Decimal(P′,S′) with S′ ≥ S and P′−S′ ≥ P−S (e.g. decimal(12,2) into Decimal(18, 4))',
    'rescaled exactly: the BigDecimal is multiplied by 10^S′ and written',
    'decimal',
  ),
  'decimal-truncate': rule(
    'warning',
    'decimal(P,S) into Decimal(P′,S′) with S′ < S',
    'digits beyond S′ are truncated toward zero',
    'decimal',
  ),
  'decimal-narrow': rule(
    'warning',
    'decimal(P,S) into Decimal(P′,S′) with fewer integer digits (P′−S′ < P−S)',
    "larger values fail the batch once they exceed the Decimal's storage width (Decimal32/64/128/256), smaller ones beyond P′ are stored unchecked",
    'decimal',
  ),
  'decimal-number': rule(
    'warning',
    'int, long, float, double or string into a Nullable/DEFAULT Decimal (validation skipped)',
    'new BigDecimal(value.toString()), truncated to the scale; text that is not a number fails the batch',
    'decimal',
  ),
  'decimal-unsupported': rule(
    'error',
    'bytes, boolean, dates or containers into Decimal',
    'new BigDecimal(toString()) throws NumberFormatException',
    'decimal',
  ),
  // Dates and times
  'date-days': rule(
    'ok',
    'date into Date32 (or Date)',
    'days since 1970-01-01; Date holds 1970-01-01…2149-06-06 only, a date outside fails the batch',
    'dates',
  ),
  'date-int': rule('warning', 'a plain int into Date/Date32', 'written verbatim as days since 1970-01-01', 'dates'),
  'date-from-time': rule('warning', 'time-millis into Date/Date32', 'every value becomes 1970-01-01', 'dates'),
  'date-unsupported': rule(
    'error',
    'anything but an INT32 into Date/Date32 (long, string, timestamp-millis, …)',
    '"(Potentially) Not implemented conversion from … to Date"',
    'dates',
  ),
  'datetime-timestamp': rule(
    'warning',
    'timestamp-millis into DateTime',
    'written in whole seconds: the milliseconds are lost (pre-1970 values fail)',
    'dates',
  ),
  'datetime-date': rule(
    'warning',
    'date or time-millis into DateTime/DateTime64',
    'written as midnight UTC of the date / 1970-01-01 plus the time of day',
    'dates',
  ),
  'datetime-number': rule('warning', 'a plain int/long into DateTime', 'written verbatim as epoch seconds', 'dates'),
  'datetime-overflow': rule(
    'error',
    'timestamp-micros, time-micros or local-timestamp-* into DateTime',
    'the converter passes a plain long, written verbatim as seconds: present-day values exceed UInt32 and fail the batch',
    'dates',
  ),
  'datetime-string': rule(
    'warning',
    'a string into DateTime/DateTime64',
    "parsed with ZonedDateTime.parse (ISO-8601 with zone) or the connector's dateTimeFormats; anything else fails the batch; DateTime64 precisions other than 0, 3, 6, 9 get seconds",
    'dates',
  ),
  'dt64-timestamp': rule(
    'ok',
    "timestamp-millis into DateTime64(p) for p ≥ 3, any zone (e.g. DateTime64(6, 'UTC'))",
    'the Connect Timestamp is rescaled from milliseconds to precision p',
    'dates',
  ),
  'dt64-timestamp-truncate': rule(
    'warning',
    'timestamp-millis into DateTime64(p) for p < 3',
    'rescaled, the digits below 10^-p s are truncated',
    'dates',
  ),
  'dt64-ticks': rule(
    'ok',
    'timestamp-micros or local-timestamp-micros into DateTime64(6); local-timestamp-millis into DateTime64(3)',
    'the plain long is written verbatim as ticks, which is the right unit (local times are stored as if UTC)',
    'dates',
  ),
  'dt64-ticks-scaled': rule(
    'warning',
    'a plain long (timestamp-micros, local-timestamp-*, time-micros or no logical type) into DateTime64(p) of another unit',
    'written verbatim as ticks of 10^-p s, not rescaled: every value is off by the ratio of the units',
    'dates',
  ),
  'datetime-unsupported': rule(
    'error',
    'anything else into DateTime/DateTime64 (int into DateTime64, bytes, floats, boolean)',
    '"(Potentially) Not implemented conversion"',
    'dates',
  ),
  // Containers
  'array-exact': rule('ok', 'an Avro array into Array(T)', 'each element is written under the element rules', 'colValue'),
  'array-mismatch': rule(
    'error',
    'an array into a non-Array column, or anything else into an Array',
    'validation mismatch or ClassCastException',
    'colValue',
  ),
  'map-exact': rule('ok', 'an Avro map into Map(String, V)', 'keys are strings; each value is written under the value rules', 'colValue'),
  'map-key-uuid': rule(
    'warning',
    'an Avro map into Map(UUID, V)',
    'keys are parsed with UUID.fromString; other keys fail the batch',
    'colValue',
  ),
  'map-key-unsupported': rule(
    'error',
    'an Avro map into Map(K, V) with K other than String/UUID — including `LowCardinality(String)`, FixedString, Enum and integer keys',
    'the key is written through dispatchPrimitive of K: integers fail with a ClassCastException, LowCardinality(String)/FixedString/Enum are UNKNOWN and get no bytes',
    'colValue',
  ),
  'map-mismatch': rule(
    'error',
    'a map into a non-Map column, or anything else into a Map',
    'validation mismatch or ClassCastException',
    'colValue',
  ),
  'tuple-exact': rule('ok', 'an Avro record into Tuple(name T, …)', 'elements are filled by name from the record fields', 'colValue'),
  'tuple-missing-element': rule(
    'warning',
    'a record without a field for a Nullable Tuple element (or with an extra field)',
    'the element is NULL / the field is dropped',
    'colValue',
  ),
  'tuple-unfilled': rule(
    'error',
    'a record without a field for a non-Nullable Tuple element, or an unnamed Tuple',
    'doWriteCol throws for the missing element (unnamed elements are looked up as "1", "2", …)',
    'writeCol',
  ),
  'tuple-mismatch': rule(
    'error',
    'a record into anything but Tuple/JSON/String, or a non-record into a Tuple',
    'validation mismatch or ClassCastException',
    'colValue',
  ),
  'variant-branch': rule(
    'ok',
    'a union of string/int/long/float/double/boolean/enum into Variant(…) holding the matching members',
    "each branch goes to the member whose name equals the Connect type's (String, Int32, Int64, Float32, Float64, Bool)",
    'variant',
  ),
  'variant-branch-null': rule(
    'warning',
    'a union branch with no matching Variant member (bytes, decimal, dates, records, arrays, or a missing member)',
    'written as the Variant NULL ("Unable to determine the global discriminator"): those values are lost',
    'variant',
  ),
  'variant-not-union': rule(
    'error',
    'a non-union value into a Variant',
    'the sink reads the value as a union struct: ClassCastException',
    'variant',
  ),
  'union-mismatch': rule(
    'error',
    'a union of several non-null types into anything but Variant/String',
    'validation mismatch or ClassCastException',
    'colValue',
  ),
  recursive: rule(
    'error',
    'a recursive record or an always-null field',
    'no fixed column type can hold it; AvroData refuses a standalone null',
    'converter',
  ),
} as const satisfies Record<string, SinkRule>;

export type SinkRuleId = keyof typeof SINK_RULES;

/** docs/sink-type-mapping.md: every rule with its verdict and upstream source. */
export function renderRuleTable(): string {
  const lines = [
    '| rule | verdict | Avro value → column | what the sink does | upstream source |',
    '|---|---|---|---|---|',
    ...Object.entries(SINK_RULES).map(([id, r]) => `| \`${id}\` | ${r.verdict} | ${r.when} | ${r.effect} | ${SOURCES[r.source]} |`),
  ];
  return lines.join('\n');
}
