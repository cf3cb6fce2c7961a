/**
 * The ClickHouse column type we recommend for an Avro type under the ClickHouse Kafka Connect sink v1.5.0.
 * Every suggestion is one the contract check (mapping.ts) rates `ok`; what the sink cannot write is refused
 * with a reason. Sources: clickhouse-kafka-connect v1.5.0 `ClickHouseWriter.java` (doWritePrimitive,
 * doWriteDates, doWriteColValue, doWriteCol) and `Column.java` (type parsing, connectTypeToClickHouseType).
 */
import { describeAvro, splitNullable, type AvroField, type AvroNode } from '../avro/model.ts';
import { quoteString } from './clickhouse-type.ts';

export type Suggestion = { ok: true; type: string } | { ok: false; reason: string };

/** Avro primitive → the Variant member the sink matches it to (by Connect type name, `Column.getVariantGlobalDiscriminator`). */
export const VARIANT_MEMBER_FOR: Partial<Record<string, string>> = {
  string: 'String',
  int: 'Int32',
  long: 'Int64',
  float: 'Float32',
  double: 'Float64',
  boolean: 'Bool',
};

/** ClickHouse rejects Variants mixing these unless allow_suspicious_variant_types=1. */
const SUSPICIOUS_NUMERIC = new Set(['Int32', 'Int64', 'Float32', 'Float64']);

export function suggestColumnType(field: AvroField | AvroNode): Suggestion {
  const node = 'kind' in field ? field : field.type;
  return suggestTop(node);
}

function suggestTop(node: AvroNode): Suggestion {
  const { nullable, inner } = splitNullable(node);
  if (inner.kind === 'null') return { ok: false, reason: 'a field that is always null has no column type to map to' };
  if (inner.kind === 'union') return suggestVariant(inner.branches);
  const base = suggestBase(inner);
  if (!base.ok || !nullable) return base;
  return wrapNullable(inner, base.type);
}

/** Nullable(T) where ClickHouse allows it; Array/Map/Tuple/JSON cannot be Nullable. */
function wrapNullable(inner: AvroNode, type: string): Suggestion {
  if (inner.kind === 'array' || inner.kind === 'map') {
    // The sink writes an empty Array/Map for a null (doWriteCol: Array gets the not-null marker and size 0).
    return inner.kind === 'array'
      ? { ok: true, type }
      : {
          ok: false,
          reason: `a nullable map (${describeAvro(inner)}) cannot be written: ClickHouse has no Nullable(Map) and the sink throws "An attempt to write null into not nullable column" for a null map`,
        };
  }
  if (inner.kind === 'record') {
    return {
      ok: false,
      reason: `a nullable record (${describeAvro(inner)}) cannot be written: ClickHouse has no Nullable(Tuple) and the sink throws "An attempt to write null into not nullable column" for a null record; make the field non-nullable or flatten it`,
    };
  }
  if (type.startsWith('LowCardinality(')) return { ok: true, type: `LowCardinality(Nullable(${type.slice(15, -1)}))` };
  return { ok: true, type: `Nullable(${type})` };
}

function suggestVariant(branches: AvroNode[]): Suggestion {
  const members: string[] = [];
  for (const b of branches) {
    const member = b.kind === 'primitive' && !b.connectType ? VARIANT_MEMBER_FOR[b.type] : undefined;
    if (!member) {
      return {
        ok: false,
        reason: `union branch ${describeAvro(b)} cannot go into a Variant: the sink picks the Variant member by Connect type name and only string, int, long, float, double and boolean have a matching ClickHouse type`,
      };
    }
    if (!members.includes(member)) members.push(member);
  }
  if (members.length === 1) return { ok: true, type: members[0] as string };
  if (members.filter((m) => SUSPICIOUS_NUMERIC.has(m)).length > 1) {
    return {
      ok: false,
      reason: `union [${branches.map(describeAvro).join(', ')}] would need Variant(${members.join(', ')}), which ClickHouse rejects as suspicious (similar numeric types) unless allow_suspicious_variant_types=1`,
    };
  }
  return { ok: true, type: `Variant(${members.slice().sort().join(', ')})` };
}

function suggestElement(node: AvroNode): Suggestion {
  const { nullable, inner } = splitNullable(node);
  if (inner.kind === 'null') return { ok: false, reason: 'an always-null element has no column type' };
  if (inner.kind === 'union')
    return {
      ok: false,
      reason: `a union of several types (${describeAvro(node)}) inside an array/map/record is not supported by the sink (Variant is only handled for top-level columns)`,
    };
  const base = suggestBase(inner);
  if (!base.ok || !nullable) return base;
  if (inner.kind === 'array' || inner.kind === 'map' || inner.kind === 'record') {
    return {
      ok: false,
      reason: `a nullable ${inner.kind} inside an array/map/record cannot be written: ClickHouse has no Nullable(${inner.kind === 'record' ? 'Tuple' : inner.kind === 'array' ? 'Array' : 'Map'})`,
    };
  }
  return wrapNullable(inner, base.type);
}

function suggestBase(node: AvroNode): Suggestion {
  switch (node.kind) {
    case 'null':
      return { ok: false, reason: 'null has no column type' };
    case 'primitive':
      switch (node.type) {
        case 'boolean':
          return { ok: true, type: 'Bool' };
        case 'int':
          return { ok: true, type: node.connectType === 'int8' ? 'Int8' : node.connectType === 'int16' ? 'Int16' : 'Int32' };
        case 'long':
          return { ok: true, type: 'Int64' };
        case 'float':
          return { ok: true, type: 'Float32' };
        case 'double':
          return { ok: true, type: 'Float64' };
        case 'bytes':
        case 'string':
          return { ok: true, type: 'String' };
      }
      break;
    case 'decimal':
      if (node.precision > 76) return { ok: false, reason: `decimal precision ${node.precision} exceeds ClickHouse's maximum of 76` };
      return { ok: true, type: `Decimal(${node.precision}, ${node.scale})` };
    case 'logical':
      switch (node.logicalType) {
        case 'date':
          // Date32 covers 1900..2299; Date (UInt16 days) cannot hold dates before 1970. The sink's own auto.evolve picks Date32 too.
          return { ok: true, type: 'Date32' };
        case 'time-millis':
          return { ok: true, type: 'Int32' };
        case 'time-micros':
          return { ok: true, type: 'Int64' };
        case 'timestamp-millis':
        case 'local-timestamp-millis':
          return { ok: true, type: "DateTime64(3, 'UTC')" };
        case 'timestamp-micros':
        case 'local-timestamp-micros':
          return { ok: true, type: "DateTime64(6, 'UTC')" };
        case 'uuid':
          return node.underlying === 'string' ? { ok: true, type: 'UUID' } : { ok: true, type: 'String' };
      }
      break;
    case 'enum': {
      // Enum8 holds values -128..127, Enum16 -32768..32767; values are numbered from 1 in symbol order.
      const bits = node.symbols.length <= 127 ? 8 : node.symbols.length <= 32767 ? 16 : 0;
      if (bits === 0) return { ok: true, type: 'LowCardinality(String)' };
      return { ok: true, type: `Enum${bits}(${node.symbols.map((s, i) => `${quoteString(s)} = ${i + 1}`).join(', ')})` };
    }
    case 'fixed':
      // The sink turns fixed bytes into a Java String (UTF-8) before writing FixedString; String keeps the raw bytes.
      return { ok: true, type: 'String' };
    case 'array': {
      const items = suggestElement(node.items);
      return items.ok ? { ok: true, type: `Array(${items.type})` } : items;
    }
    case 'map': {
      const values = suggestElement(node.values);
      return values.ok ? { ok: true, type: `Map(String, ${values.type})` } : values;
    }
    case 'record': {
      if (node.fields.length === 0) return { ok: false, reason: `record ${node.name} has no fields; ClickHouse has no empty Tuple column` };
      const parts: string[] = [];
      for (const f of node.fields) {
        const s = suggestElement(f.type);
        if (!s.ok) return { ok: false, reason: `${node.name}.${f.name}: ${s.reason}` };
        parts.push(`${tupleElementName(f.name)} ${s.type}`);
      }
      return { ok: true, type: `Tuple(${parts.join(', ')})` };
    }
    case 'recursive':
      return { ok: false, reason: `record ${node.name} refers to itself; a recursive record has no fixed ClickHouse type` };
    case 'union':
      return suggestVariant(node.branches.filter((b) => b.kind !== 'null'));
  }
  return { ok: false, reason: `no mapping for ${describeAvro(node)}` };
}

function tupleElementName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name}\``;
}
