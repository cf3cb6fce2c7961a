/**
 * An Avro schema as the semantic diff and the resolution check see it: every named type with its full name,
 * aliases and doc, every field with its default, aliases and doc, logical types with their attributes. avsc
 * validates the schema first (domain/avro/model.ts); this walks the JSON itself because avsc keeps neither docs
 * nor the attributes of logical types it has no implementation for. Names follow the Avro specification
 * ("Names": a dotted name is full, otherwise the enclosing namespace applies; aliases are relative to the type's
 * own namespace).
 */
import { parseAvroSchema } from '../avro/model.ts';

export type PrimitiveType = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

export interface LogicalType {
  name: string;
  precision?: number;
  scale?: number;
}

interface Named {
  /** The full name, `namespace.name`. */
  name: string;
  /** Full names. */
  aliases: string[];
  doc?: string;
}

export type SchemaNode =
  | { kind: 'primitive'; type: PrimitiveType; logical?: LogicalType }
  | ({ kind: 'record'; fields: SchemaField[] } & Named)
  | ({ kind: 'enum'; symbols: string[]; default?: string } & Named)
  | ({ kind: 'fixed'; size: number; logical?: LogicalType } & Named)
  | { kind: 'array'; items: SchemaNode }
  | { kind: 'map'; values: SchemaNode }
  | { kind: 'union'; branches: SchemaNode[] }
  /** A record used inside itself: the definition is in `ParsedSchema.named`. */
  | { kind: 'ref'; name: string };

export interface SchemaField {
  name: string;
  aliases: string[];
  doc?: string;
  hasDefault: boolean;
  default?: unknown;
  type: SchemaNode;
}

export interface ParsedSchema {
  root: SchemaNode;
  /** Every named type by full name (what a `ref` points at). */
  named: Map<string, SchemaNode>;
}

export type SchemaParse = { ok: true; schema: ParsedSchema } | { ok: false; message: string };

const PRIMITIVES = new Set<string>(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

/** Parses Avro JSON text or an object; invalid Avro gets avsc's message. */
export function parseSchema(input: unknown): SchemaParse {
  const valid = parseAvroSchema(input);
  if (!valid.ok) return { ok: false, message: valid.message };
  const named = new Map<string, SchemaNode>();
  try {
    return { ok: true, schema: { root: walk(valid.schema, '', named, new Map(), new Set()), named } };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/** Like parseSchema, for schemas the caller knows are valid (registered versions); throws otherwise. */
export function mustParse(input: unknown, what = 'schema'): ParsedSchema {
  const parsed = parseSchema(input);
  if (!parsed.ok) throw new Error(`${what} is not valid Avro: ${parsed.message}`);
  return parsed.schema;
}

const fullName = (name: string, namespace: string) => (name.includes('.') || !namespace ? name : `${namespace}.${name}`);
export const namespaceOf = (full: string) => (full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : '');
export const shortName = (full: string) => full.slice(full.lastIndexOf('.') + 1);

function walk(
  schema: unknown,
  namespace: string,
  named: Map<string, SchemaNode>,
  definitions: Map<string, Record<string, unknown>>,
  expanding: Set<string>,
): SchemaNode {
  if (Array.isArray(schema)) return { kind: 'union', branches: schema.map((s) => walk(s, namespace, named, definitions, expanding)) };
  if (typeof schema === 'string') {
    if (PRIMITIVES.has(schema)) return { kind: 'primitive', type: schema as PrimitiveType };
    const key = definitions.has(fullName(schema, namespace)) ? fullName(schema, namespace) : schema;
    if (expanding.has(key)) return { kind: 'ref', name: key };
    const definition = definitions.get(key);
    if (!definition) throw new Error(`undefined type name: ${schema}`);
    return walkObject(definition, namespaceOf(key), named, definitions, expanding, true);
  }
  if (schema !== null && typeof schema === 'object')
    return walkObject(schema as Record<string, unknown>, namespace, named, definitions, expanding, false);
  throw new Error(`unsupported schema element: ${JSON.stringify(schema)}`);
}

function walkObject(
  s: Record<string, unknown>,
  namespace: string,
  named: Map<string, SchemaNode>,
  definitions: Map<string, Record<string, unknown>>,
  expanding: Set<string>,
  reuse: boolean,
): SchemaNode {
  const type = s.type;
  const doc = typeof s.doc === 'string' ? s.doc : undefined;
  if (type === 'record' || type === 'error' || type === 'enum' || type === 'fixed') {
    const ns = typeof s.namespace === 'string' ? s.namespace : namespace;
    const name = fullName(String(s.name), ns);
    if (!reuse) definitions.set(name, s);
    const own = namespaceOf(name);
    const aliases = Array.isArray(s.aliases) ? s.aliases.map((a) => fullName(String(a), own)) : [];
    const base = { name, aliases, ...(doc === undefined ? {} : { doc }) };
    let node: SchemaNode;
    if (type === 'enum') {
      node = { kind: 'enum', ...base, symbols: (s.symbols as string[]).map(String) };
      if (typeof s.default === 'string') node.default = s.default;
    } else if (type === 'fixed') {
      node = { kind: 'fixed', ...base, size: Number(s.size) };
      const logical = logicalOf(s);
      if (logical) node.logical = logical;
    } else {
      expanding.add(name);
      const fields = (s.fields as Record<string, unknown>[]).map((f): SchemaField => ({
        name: String(f.name),
        aliases: Array.isArray(f.aliases) ? f.aliases.map(String) : [],
        ...(typeof f.doc === 'string' ? { doc: f.doc } : {}),
        hasDefault: Object.prototype.hasOwnProperty.call(f, 'default'),
        ...(Object.prototype.hasOwnProperty.call(f, 'default') ? { default: f.default } : {}),
        type: walk(f.type, own, named, definitions, expanding),
      }));
      expanding.delete(name);
      node = { kind: 'record', ...base, fields };
    }
    if (!named.has(name)) named.set(name, node);
    return node;
  }
  if (type === 'array') return { kind: 'array', items: walk(s.items, namespace, named, definitions, expanding) };
  if (type === 'map') return { kind: 'map', values: walk(s.values, namespace, named, definitions, expanding) };
  if (typeof type === 'string' && PRIMITIVES.has(type)) {
    const logical = logicalOf(s);
    return logical ? { kind: 'primitive', type: type as PrimitiveType, logical } : { kind: 'primitive', type: type as PrimitiveType };
  }
  // `{"type": {...}}` or `{"type": "SomeName"}`.
  return walk(type, namespace, named, definitions, expanding);
}

function logicalOf(s: Record<string, unknown>): LogicalType | undefined {
  if (typeof s.logicalType !== 'string') return undefined;
  const logical: LogicalType = { name: s.logicalType };
  if (typeof s.precision === 'number') logical.precision = s.precision;
  if (typeof s.scale === 'number') logical.scale = s.scale;
  else if (s.logicalType === 'decimal') logical.scale = 0;
  return logical;
}

/** Short Avro-like spelling for messages: `string`, `["null", string]`, `array<long>`, `long (timestamp-millis)`. */
export function describeNode(node: SchemaNode): string {
  switch (node.kind) {
    case 'primitive':
      return node.logical ? `${node.type} (${describeLogical(node.logical)})` : node.type;
    case 'record':
      return `record ${shortName(node.name)}`;
    case 'enum':
      return `enum ${shortName(node.name)}`;
    case 'fixed':
      return `fixed ${shortName(node.name)}(${node.size})${node.logical ? ` (${describeLogical(node.logical)})` : ''}`;
    case 'array':
      return `array<${describeNode(node.items)}>`;
    case 'map':
      return `map<${describeNode(node.values)}>`;
    case 'union':
      return `[${node.branches.map(describeNode).join(', ')}]`;
    case 'ref':
      return `record ${shortName(node.name)}`;
  }
}

export function describeLogical(logical: LogicalType | undefined): string {
  if (!logical) return 'none';
  return logical.name === 'decimal' ? `decimal(${logical.precision ?? '?'},${logical.scale ?? 0})` : logical.name;
}

/** How a union branch is named in paths and matched between versions: a named type by its short name, else its type. */
export function branchLabel(node: SchemaNode): string {
  switch (node.kind) {
    case 'primitive':
      return node.type;
    case 'record':
    case 'enum':
    case 'fixed':
    case 'ref':
      return shortName(node.name);
    default:
      return node.kind;
  }
}

export const fieldPath = (parent: string, name: string) => (parent ? `${parent}.${name}` : name);
export const itemsPath = (parent: string) => `${parent}[]`;
export const valuesPath = (parent: string) => `${parent}{}`;
export const branchPath = (parent: string, branch: SchemaNode) => `${parent}<${branchLabel(branch)}>`;
