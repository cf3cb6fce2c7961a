/**
 * A normalised, JSON-friendly view of an Avro schema: what the contract check, DDL generator and record
 * generator reason about. avsc validates the schema; this walks the JSON itself because avsc drops the
 * attributes of logical types it has no implementation registered for.
 */
import avro from 'avsc';

export type AvroPrimitive = 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

export type AvroLogicalName =
  | 'decimal'
  | 'date'
  | 'time-millis'
  | 'time-micros'
  | 'timestamp-millis'
  | 'timestamp-micros'
  | 'local-timestamp-millis'
  | 'local-timestamp-micros'
  | 'uuid';

export type AvroNode =
  | { kind: 'null' }
  /** `connectType` is Kafka Connect's `connect.type` hint (int8/int16), which AvroConverter honours. */
  | { kind: 'primitive'; type: AvroPrimitive; connectType?: 'int8' | 'int16' }
  | { kind: 'decimal'; underlying: 'bytes' | 'fixed'; precision: number; scale: number; size?: number; name?: string }
  | { kind: 'logical'; logicalType: Exclude<AvroLogicalName, 'decimal'>; underlying: 'int' | 'long' | 'string' | 'fixed' }
  | { kind: 'enum'; name: string; symbols: string[]; default?: string }
  | { kind: 'fixed'; name: string; size: number }
  | { kind: 'array'; items: AvroNode }
  | { kind: 'map'; values: AvroNode }
  | { kind: 'record'; name: string; fields: AvroField[] }
  /** A reference back to a record that encloses it: the schema is recursive. */
  | { kind: 'recursive'; name: string }
  /** Every union. `branches` keeps declaration order, null included. */
  | { kind: 'union'; branches: AvroNode[] };

export interface AvroField {
  name: string;
  type: AvroNode;
  hasDefault: boolean;
  default?: unknown;
  doc?: string;
}

export type ParsedAvroSchema = { ok: true; schema: unknown; type: avro.Type; root: AvroNode } | { ok: false; message: string };

/** Parses and validates a schema (object or JSON text) with avsc; returns avsc's own message when invalid. */
export function parseAvroSchema(input: unknown): ParsedAvroSchema {
  let schema = input;
  if (typeof input === 'string') {
    const text = input.trim();
    const isPrimitiveName = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(text);
    if (!isPrimitiveName) {
      try {
        schema = JSON.parse(text);
      } catch (err) {
        return { ok: false, message: `Schema is not valid JSON: ${(err as Error).message}` };
      }
    } else {
      schema = text;
    }
  }
  let type: avro.Type;
  try {
    type = avro.Type.forSchema(schema as avro.Schema);
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
  try {
    return { ok: true, schema, type, root: normalise(schema, '', new Map(), new Set()) };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

function fullName(name: string, namespace: string): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

function namespaceOf(full: string): string {
  const i = full.lastIndexOf('.');
  return i < 0 ? '' : full.slice(0, i);
}

function normalise(schema: unknown, namespace: string, named: Map<string, unknown>, expanding: Set<string>): AvroNode {
  if (Array.isArray(schema)) {
    return { kind: 'union', branches: schema.map((s) => normalise(s, namespace, named, expanding)) };
  }
  if (typeof schema === 'string') {
    if (PRIMITIVES.has(schema)) return schema === 'null' ? { kind: 'null' } : { kind: 'primitive', type: schema as AvroPrimitive };
    const key = named.has(fullName(schema, namespace)) ? fullName(schema, namespace) : schema;
    if (expanding.has(key)) return { kind: 'recursive', name: key };
    const def = named.get(key);
    if (def === undefined) throw new Error(`undefined type name: ${schema}`);
    // A named type used a second time (not recursively): expand the stored definition again.
    return normaliseObject(def as Record<string, unknown>, namespaceOf(key), named, expanding, true);
  }
  if (schema !== null && typeof schema === 'object') {
    return normaliseObject(schema as Record<string, unknown>, namespace, named, expanding, false);
  }
  throw new Error(`unsupported schema element: ${JSON.stringify(schema)}`);
}

function normaliseObject(
  s: Record<string, unknown>,
  namespace: string,
  named: Map<string, unknown>,
  expanding: Set<string>,
  isReuse: boolean,
): AvroNode {
  const type = s.type;
  const logical = typeof s.logicalType === 'string' ? s.logicalType : undefined;
  const ns = typeof s.namespace === 'string' ? s.namespace : namespace;

  if (type === 'record' || type === 'error' || type === 'enum' || type === 'fixed') {
    const full = fullName(String(s.name), ns);
    if (!isReuse) named.set(full, s);
    const innerNs = namespaceOf(full);
    if (type === 'enum') {
      const node: AvroNode = { kind: 'enum', name: full, symbols: (s.symbols as string[]).slice() };
      if (typeof s.default === 'string') node.default = s.default;
      return node;
    }
    if (type === 'fixed') {
      const size = Number(s.size);
      if (logical === 'decimal') return decimalNode(s, 'fixed', size, full);
      if (logical === 'uuid' && size === 16) return { kind: 'logical', logicalType: 'uuid', underlying: 'fixed' };
      return { kind: 'fixed', name: full, size };
    }
    expanding.add(full);
    const fields = (s.fields as Record<string, unknown>[]).map((f): AvroField => {
      const field: AvroField = {
        name: String(f.name),
        type: normalise(f.type, innerNs, named, expanding),
        hasDefault: Object.prototype.hasOwnProperty.call(f, 'default'),
      };
      if (field.hasDefault) field.default = f.default;
      if (typeof f.doc === 'string') field.doc = f.doc;
      return field;
    });
    expanding.delete(full);
    return { kind: 'record', name: full, fields };
  }
  if (type === 'array') return { kind: 'array', items: normalise(s.items, namespace, named, expanding) };
  if (type === 'map') return { kind: 'map', values: normalise(s.values, namespace, named, expanding) };
  if (typeof type === 'string' && PRIMITIVES.has(type)) {
    if (type === 'null') return { kind: 'null' };
    const logicalNode = logicalOn(type as AvroPrimitive, logical, s);
    if (logicalNode) return logicalNode;
    const node: AvroNode = { kind: 'primitive', type: type as AvroPrimitive };
    if (type === 'int' && (s['connect.type'] === 'int8' || s['connect.type'] === 'int16')) node.connectType = s['connect.type'];
    return node;
  }
  // `{"type": {...}}` or `{"type": "SomeName"}`
  return normalise(type, ns, named, expanding);
}

function logicalOn(type: AvroPrimitive, logical: string | undefined, s: Record<string, unknown>): AvroNode | undefined {
  if (logical === undefined) return undefined;
  if (logical === 'decimal' && type === 'bytes') return decimalNode(s, 'bytes');
  const allowed: Record<string, AvroPrimitive> = {
    date: 'int',
    'time-millis': 'int',
    'time-micros': 'long',
    'timestamp-millis': 'long',
    'timestamp-micros': 'long',
    'local-timestamp-millis': 'long',
    'local-timestamp-micros': 'long',
    uuid: 'string',
  };
  // The Avro spec says a logical type on the wrong base type is ignored; so do we.
  if (allowed[logical] === type) {
    return { kind: 'logical', logicalType: logical as Exclude<AvroLogicalName, 'decimal'>, underlying: type as 'int' | 'long' | 'string' };
  }
  return undefined;
}

function decimalNode(s: Record<string, unknown>, underlying: 'bytes' | 'fixed', size?: number, name?: string): AvroNode {
  const precision = s.precision;
  const scale = s.scale === undefined ? 0 : s.scale;
  if (typeof precision !== 'number' || !Number.isInteger(precision) || precision <= 0) {
    throw new Error(`decimal logical type needs a positive integer "precision" (got ${JSON.stringify(precision)})`);
  }
  if (typeof scale !== 'number' || !Number.isInteger(scale) || scale < 0 || scale > precision) {
    throw new Error(`decimal "scale" must be an integer between 0 and precision ${precision} (got ${JSON.stringify(scale)})`);
  }
  if (size !== undefined) {
    const maxPrecision = Math.floor(Math.log10(2) * (8 * size - 1));
    if (precision > maxPrecision) {
      throw new Error(`decimal precision ${precision} does not fit in fixed(${size}) (max ${maxPrecision})`);
    }
  }
  const node: AvroNode = { kind: 'decimal', underlying, precision, scale };
  if (size !== undefined) node.size = size;
  if (name !== undefined) node.name = name;
  return node;
}

/** `[null, T]` → { nullable: true, inner: T }; `[null, A, B]` → { nullable: true, inner: union(A, B) }. */
export function splitNullable(node: AvroNode): { nullable: boolean; inner: AvroNode } {
  if (node.kind !== 'union') return { nullable: false, inner: node };
  const nonNull = node.branches.filter((b) => b.kind !== 'null');
  const nullable = nonNull.length !== node.branches.length;
  if (nonNull.length === 1) return { nullable, inner: nonNull[0] as AvroNode };
  if (nonNull.length === 0) return { nullable, inner: { kind: 'null' } };
  return { nullable, inner: { kind: 'union', branches: nonNull } };
}

/** Avro-ish spelling for messages: `["null","string"]`, `bytes(decimal 10,2)`, `array<long>`. */
export function describeAvro(node: AvroNode): string {
  switch (node.kind) {
    case 'null':
      return 'null';
    case 'primitive':
      return node.connectType ? `${node.type}(connect.type=${node.connectType})` : node.type;
    case 'decimal':
      return `${node.underlying === 'fixed' ? `fixed(${node.size})` : 'bytes'}(decimal ${node.precision},${node.scale})`;
    case 'logical':
      return `${node.underlying}(${node.logicalType})`;
    case 'enum':
      return `enum ${node.name}{${node.symbols.join(',')}}`;
    case 'fixed':
      return `fixed ${node.name}(${node.size})`;
    case 'array':
      return `array<${describeAvro(node.items)}>`;
    case 'map':
      return `map<${describeAvro(node.values)}>`;
    case 'record':
      return `record ${node.name}`;
    case 'recursive':
      return `record ${node.name} (recursive)`;
    case 'union':
      return `[${node.branches.map(describeAvro).join(', ')}]`;
  }
}

/** Top-level fields of a record schema (the value schema of a topic). */
export function recordFields(root: AvroNode): AvroField[] | undefined {
  return root.kind === 'record' ? root.fields : undefined;
}
