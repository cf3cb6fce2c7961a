/**
 * What the ClickHouse sink v1.5.0 makes of a column's type string: its `Column.extractColumn` +
 * `dispatchPrimitive` (clickhouse-kafka-connect v1.5.0, src/main/java/com/clickhouse/kafka/connect/sink/db/mapping/
 * Column.java; the enum in Type.java). The sink matches *strings*: `DateTime` only when it is exactly `DateTime`,
 * `DateTime64…`/`Decimal…`/`FixedString…`/`JSON…` by prefix, everything else it does not list is `UNKNOWN` — so
 * `DateTime('UTC')`, `IPv4`, `Time`, `Object('json')` or a `LowCardinality(String)` map key are UNKNOWN. The type
 * strings it sees are DESCRIBE TABLE's (describe_include_subcolumns=1, ClickHouseHelperClient.describeTableV2),
 * which is what `formatClickHouseType` prints.
 */
import { formatClickHouseType, parseClickHouseType, type ChType } from './clickhouse-type.ts';

/** Type.java, same names. */
export type SinkType =
  | 'UNKNOWN'
  | 'INT8'
  | 'INT16'
  | 'INT32'
  | 'INT64'
  | 'INT128'
  | 'INT256'
  | 'STRING'
  | 'FLOAT32'
  | 'FLOAT64'
  | 'BOOLEAN'
  | 'ARRAY'
  | 'MAP'
  | 'TUPLE'
  | 'VARIANT'
  | 'Date'
  | 'Date32'
  | 'DateTime'
  | 'DateTime64'
  | 'UUID'
  | 'UINT8'
  | 'UINT16'
  | 'UINT32'
  | 'UINT64'
  | 'UINT128'
  | 'UINT256'
  | 'Decimal'
  | 'FIXED_STRING'
  | 'Enum8'
  | 'Enum16'
  | 'JSON';

export interface SinkColumn {
  type: SinkType;
  /** The type string the sink dispatched on (wrappers removed), for messages. */
  text: string;
  /** Nullable somewhere in the LowCardinality/Nullable wrappers. */
  nullable: boolean;
  /** DateTime64 precision, FixedString length, Decimal precision. */
  precision: number;
  scale: number;
  /** Enum8/16 member names. */
  enumNames?: string[];
  element?: SinkColumn;
  /** Map keys go through dispatchPrimitive on the key's type string. */
  mapKey?: { type: SinkType; text: string };
  mapValue?: SinkColumn;
  tuple?: { name: string | undefined; column: SinkColumn }[];
  /** Variant members as the sink matches them (`Bool` renamed `Boolean`, Column.extractColumn). */
  variants?: { name: string; column: SinkColumn }[];
}

const EXACT: Record<string, SinkType> = {
  Int8: 'INT8',
  Int16: 'INT16',
  Int32: 'INT32',
  Int64: 'INT64',
  Int128: 'INT128',
  Int256: 'INT256',
  UInt8: 'UINT8',
  UInt16: 'UINT16',
  UInt32: 'UINT32',
  UInt64: 'UINT64',
  UInt128: 'UINT128',
  UInt256: 'UINT256',
  UUID: 'UUID',
  String: 'STRING',
  Float32: 'FLOAT32',
  Float64: 'FLOAT64',
  Bool: 'BOOLEAN',
  Date: 'Date',
  Date32: 'Date32',
  DateTime: 'DateTime',
};

/** Column.dispatchPrimitive: exact names first, then four prefixes; anything else is UNKNOWN. */
export function dispatchPrimitive(text: string): SinkType {
  const exact = EXACT[text];
  if (exact) return exact;
  if (text.startsWith('DateTime64')) return 'DateTime64';
  if (text.startsWith('Decimal')) return 'Decimal';
  if (text.startsWith('FixedString')) return 'FIXED_STRING';
  if (text.startsWith('JSON')) return 'JSON';
  return 'UNKNOWN';
}

function primitive(type: ChType, nullable: boolean): SinkColumn {
  const text = formatClickHouseType(type);
  const column: SinkColumn = { type: dispatchPrimitive(text), text, nullable, precision: 0, scale: 0 };
  if (type.kind === 'DateTime64') column.precision = type.precision;
  if (type.kind === 'FixedString') column.precision = type.length;
  if (type.kind === 'Decimal') {
    column.precision = type.precision;
    column.scale = type.scale;
  }
  return column;
}

/** `SimpleAggregateFunction(f, T)` → T, as Column.extractColumn unwraps it. */
function simpleAggregateArgument(raw: string): ChType | null {
  const inner = /^SimpleAggregateFunction\((.*)\)$/s.exec(raw)?.[1];
  if (inner === undefined) return null;
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      try {
        return parseClickHouseType(inner.slice(i + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * The sink's Column for a column type; null when the sink gives up on the whole table (a `Nested` column:
 * extractColumn returns null, describeTableV2 returns no table and the sink reports "Table … does not exist").
 */
export function sinkColumn(type: ChType, nullable = false): SinkColumn | null {
  switch (type.kind) {
    case 'Enum':
      return {
        type: type.bits === 16 ? 'Enum16' : 'Enum8',
        text: formatClickHouseType(type),
        nullable,
        precision: 0,
        scale: 0,
        enumNames: type.values.map((v) => v.name),
      };
    case 'Array': {
      const element = sinkColumn(type.element);
      if (!element) return null;
      return { type: 'ARRAY', text: formatClickHouseType(type), nullable, precision: 0, scale: 0, element };
    }
    case 'Map': {
      const value = sinkColumn(type.value);
      if (!value) return null;
      const keyText = formatClickHouseType(type.key);
      return {
        type: 'MAP',
        text: formatClickHouseType(type),
        nullable,
        precision: 0,
        scale: 0,
        mapKey: { type: dispatchPrimitive(keyText), text: keyText },
        mapValue: value,
      };
    }
    case 'Tuple': {
      const tuple: NonNullable<SinkColumn['tuple']> = [];
      for (const e of type.elements) {
        const column = sinkColumn(e.type);
        if (!column) return null;
        tuple.push({ name: e.name, column });
      }
      return { type: 'TUPLE', text: formatClickHouseType(type), nullable, precision: 0, scale: 0, tuple };
    }
    case 'Nested':
      return null;
    case 'Variant':
      return {
        type: 'VARIANT',
        text: formatClickHouseType(type),
        nullable,
        precision: 0,
        scale: 0,
        variants: type.variants.map((v) => {
          const column = primitive(v, false);
          return { name: column.text === 'Bool' ? 'Boolean' : column.text, column };
        }),
      };
    case 'LowCardinality':
      return sinkColumn(type.inner, nullable);
    case 'Nullable':
      return sinkColumn(type.inner, true);
    case 'Other': {
      if (type.name === 'SimpleAggregateFunction') {
        const argument = simpleAggregateArgument(type.raw);
        if (argument) return sinkColumn(argument, nullable);
      }
      return primitive(type, nullable);
    }
    default:
      return primitive(type, nullable);
  }
}
