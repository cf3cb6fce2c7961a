/**
 * What Confluent's AvroConverter hands the sink for an Avro type: the Connect schema type and the Java class of the
 * value (confluentinc/schema-registry v8.3.1, avro-data/src/main/java/io/confluent/connect/avro/AvroData.java,
 * `toConnectSchema`; values as the sink's StructToJsonMap reads them, clickhouse-kafka-connect v1.5.0
 * src/main/java/com/clickhouse/kafka/connect/sink/data/StructToJsonMap.java).
 * Only decimal (on bytes or fixed), date, time-millis and timestamp-millis become Connect logical types;
 * time-micros, timestamp-micros and local-timestamp-* stay plain INT64 longs; uuid stays a STRING; enum becomes a
 * STRING; fixed becomes BYTES; a union of two or more non-null types becomes a STRUCT (io.confluent.connect.avro.Union).
 */
import { splitNullable, type AvroNode } from '../avro/model.ts';

/** org.apache.kafka.connect.data.Schema.Type names, as validateDataSchema upper-cases them. */
export type ConnectType =
  'INT8' | 'INT16' | 'INT32' | 'INT64' | 'FLOAT32' | 'FLOAT64' | 'BOOLEAN' | 'STRING' | 'BYTES' | 'ARRAY' | 'MAP' | 'STRUCT';

export type ConnectLogical = 'Decimal' | 'Date' | 'Time' | 'Timestamp' | 'Union';

export type JavaClass =
  | 'Byte'
  | 'Short'
  | 'Integer'
  | 'Long'
  | 'Float'
  | 'Double'
  | 'Boolean'
  | 'String'
  | 'byte[]'
  | 'BigDecimal'
  | 'java.util.Date'
  | 'List'
  | 'Map'
  | 'Struct';

export interface ConnectValue {
  type: ConnectType;
  logical?: ConnectLogical;
  java: JavaClass;
}

const v = (type: ConnectType, java: JavaClass, logical?: ConnectLogical): ConnectValue =>
  logical ? { type, java, logical } : { type, java };

/** The Connect value of a (non-null) Avro node; a nullable union is judged by its non-null branch. */
export function connectValue(node: AvroNode): ConnectValue {
  const inner = splitNullable(node).inner;
  switch (inner.kind) {
    case 'primitive':
      switch (inner.type) {
        case 'boolean':
          return v('BOOLEAN', 'Boolean');
        case 'int':
          // `connect.type` int8/int16 survive the round trip (AvroData NON_AVRO_TYPES_BY_TYPE_CODE).
          if (inner.connectType === 'int8') return v('INT8', 'Byte');
          if (inner.connectType === 'int16') return v('INT16', 'Short');
          return v('INT32', 'Integer');
        case 'long':
          return v('INT64', 'Long');
        case 'float':
          return v('FLOAT32', 'Float');
        case 'double':
          return v('FLOAT64', 'Double');
        case 'string':
          return v('STRING', 'String');
        case 'bytes':
          return v('BYTES', 'byte[]');
      }
      break;
    case 'enum':
      return v('STRING', 'String');
    case 'fixed':
      return v('BYTES', 'byte[]');
    case 'decimal':
      return v('BYTES', 'BigDecimal', 'Decimal');
    case 'logical':
      switch (inner.logicalType) {
        case 'date':
          return v('INT32', 'java.util.Date', 'Date');
        case 'time-millis':
          return v('INT32', 'java.util.Date', 'Time');
        case 'timestamp-millis':
          return v('INT64', 'java.util.Date', 'Timestamp');
        case 'time-micros':
        case 'timestamp-micros':
        case 'local-timestamp-millis':
        case 'local-timestamp-micros':
          return v('INT64', 'Long');
        case 'uuid':
          return inner.underlying === 'string' ? v('STRING', 'String') : v('BYTES', 'byte[]');
      }
      break;
    case 'array':
      return v('ARRAY', 'List');
    case 'map':
      return v('MAP', 'Map');
    case 'record':
    case 'recursive':
      return v('STRUCT', 'Struct');
    case 'union':
      return v('STRUCT', 'Struct', 'Union');
    case 'null':
      break;
  }
  return v('STRUCT', 'Struct');
}

/** The Connect type name the sink compares with Variant members (Schema.Type#getName, e.g. `int64`, `string`). */
export function connectTypeName(value: ConnectValue): string {
  return value.type.toLowerCase();
}
