/**
 * Can a reader schema read data written with a writer schema? Every reason it cannot, not only the first — the same
 * rules as Apache Avro's Java `SchemaCompatibility` (lang/java/avro/.../SchemaCompatibility.java at release-1.11.3),
 * which Confluent Schema Registry and Apicurio Registry both run for Avro compatibility:
 *  - equal primitive types match; the promotions int→long|float|double, long→float|double, float→double,
 *    string↔bytes are readable; logical types play no part;
 *  - records, enums and fixed match by unqualified name, or by a reader alias equal to the writer's full name;
 *  - every reader field needs a writer field (by name, or by one of the reader field's aliases) or a default;
 *  - every writer enum symbol must be a reader symbol, unless the reader enum has a default;
 *  - fixed sizes must be equal; arrays and maps compare their items and values;
 *  - a writer union must have every branch readable; a reader union must read the writer with some branch.
 * Recursive records are assumed compatible while being compared (as Java memoises "recursion in progress").
 */
import { branchPath, describeNode, fieldPath, itemsPath, shortName, valuesPath, type ParsedSchema, type SchemaNode } from './tree.ts';

export type IncompatibilityKind =
  | 'TYPE_MISMATCH'
  | 'NAME_MISMATCH'
  | 'FIXED_SIZE_MISMATCH'
  | 'MISSING_ENUM_SYMBOLS'
  | 'READER_FIELD_MISSING_DEFAULT_VALUE'
  | 'MISSING_UNION_BRANCH';

export interface Incompatibility {
  kind: IncompatibilityKind;
  /** Where, in the reader's naming: `address.city`, `tags[]`, `attrs{}`, `note<string>`; '' is the root. */
  path: string;
  /** What went wrong, in words, naming reader and writer types. */
  detail: string;
  /** For MISSING_ENUM_SYMBOLS: the writer symbols the reader lacks. */
  symbols?: string[];
}

const PROMOTIONS: Record<string, string[]> = {
  long: ['int'],
  float: ['int', 'long'],
  double: ['int', 'long', 'float'],
  bytes: ['string'],
  string: ['bytes'],
};

/** True when a reader of primitive `reader` reads writer values of primitive `writer` (equal, or a promotion). */
export function readsPrimitive(reader: string, writer: string): boolean {
  return reader === writer || (PROMOTIONS[reader] ?? []).includes(writer);
}

export function readerIncompatibilities(reader: ParsedSchema, writer: ParsedSchema): Incompatibility[] {
  return new Resolver(reader, writer).check(reader.root, writer.root, '');
}

class Resolver {
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly reader: ParsedSchema,
    private readonly writer: ParsedSchema,
  ) {}

  check(r: SchemaNode, w: SchemaNode, path: string): Incompatibility[] {
    const reader = this.deref(r, this.reader);
    const writer = this.deref(w, this.writer);
    if (reader.kind === 'record' && writer.kind === 'record') {
      const key = `${reader.name}\u0000${writer.name}`;
      if (this.inProgress.has(key)) return [];
      this.inProgress.add(key);
      try {
        return [...this.names(reader, writer, path), ...this.fields(reader, writer, path)];
      } finally {
        this.inProgress.delete(key);
      }
    }
    if (writer.kind === 'union') {
      if (reader.kind === 'union') {
        return writer.branches.flatMap((branch) =>
          this.readsWithSomeBranch(reader, branch)
            ? []
            : [
                {
                  kind: 'MISSING_UNION_BRANCH' as const,
                  path: branchPath(path, branch),
                  detail: `the reader's union ${describeNode(reader)} has no branch for the writer's ${describeNode(branch)}`,
                },
              ],
        );
      }
      return writer.branches.flatMap((branch) => this.check(reader, branch, branchPath(path, branch)));
    }
    if (reader.kind === 'union') {
      if (this.readsWithSomeBranch(reader, writer)) return [];
      return [
        {
          kind: 'MISSING_UNION_BRANCH',
          path,
          detail: `the reader's union ${describeNode(reader)} has no branch for the writer's ${describeNode(writer)}`,
        },
      ];
    }
    if (reader.kind !== writer.kind) return [mismatch(reader, writer, path)];
    switch (reader.kind) {
      case 'primitive':
        return readsPrimitive(reader.type, (writer as typeof reader).type) ? [] : [mismatch(reader, writer, path)];
      case 'array':
        return this.check(reader.items, (writer as typeof reader).items, itemsPath(path));
      case 'map':
        return this.check(reader.values, (writer as typeof reader).values, valuesPath(path));
      case 'fixed': {
        const w2 = writer as typeof reader;
        const out = this.names(reader, w2, path);
        if (reader.size !== w2.size)
          out.push({
            kind: 'FIXED_SIZE_MISMATCH',
            path,
            detail: `the reader's fixed ${shortName(reader.name)} has ${reader.size} bytes, the writer's ${w2.size}`,
          });
        return out;
      }
      case 'enum': {
        const w2 = writer as typeof reader;
        const out = this.names(reader, w2, path);
        const missing = w2.symbols.filter((s) => !reader.symbols.includes(s));
        const readerDefault = reader.default !== undefined && reader.symbols.includes(reader.default);
        if (missing.length > 0 && !readerDefault)
          out.push({
            kind: 'MISSING_ENUM_SYMBOLS',
            path,
            symbols: missing,
            detail: `the reader's enum ${shortName(reader.name)} lacks the writer's symbol(s) ${missing.join(', ')} and has no default`,
          });
        return out;
      }
      default:
        return [];
    }
  }

  private readsWithSomeBranch(reader: Extract<SchemaNode, { kind: 'union' }>, writer: SchemaNode): boolean {
    return reader.branches.some((branch) => this.check(branch, writer, '').length === 0);
  }

  private names(reader: SchemaNode & { name: string; aliases: string[] }, writer: { name: string }, path: string): Incompatibility[] {
    if (shortName(reader.name) === shortName(writer.name) || reader.aliases.includes(writer.name)) return [];
    return [
      {
        kind: 'NAME_MISMATCH',
        path,
        detail: `the reader's type is named ${reader.name} and has no alias ${writer.name}`,
      },
    ];
  }

  private fields(
    reader: Extract<SchemaNode, { kind: 'record' }>,
    writer: Extract<SchemaNode, { kind: 'record' }>,
    path: string,
  ): Incompatibility[] {
    return reader.fields.flatMap((field) => {
      const from = writer.fields.find((w) => w.name === field.name) ?? writer.fields.find((w) => field.aliases.includes(w.name));
      const at = fieldPath(path, field.name);
      if (from) return this.check(field.type, from.type, at);
      if (field.hasDefault) return [];
      return [
        {
          kind: 'READER_FIELD_MISSING_DEFAULT_VALUE' as const,
          path: at,
          detail: `the reader's field \`${field.name}\` has no default and the writer's record has no such field`,
        },
      ];
    });
  }

  private deref(node: SchemaNode, schema: ParsedSchema): SchemaNode {
    return node.kind === 'ref' ? (schema.named.get(node.name) ?? node) : node;
  }
}

function mismatch(reader: SchemaNode, writer: SchemaNode, path: string): Incompatibility {
  return {
    kind: 'TYPE_MISMATCH',
    path,
    detail: `a reader of ${describeNode(reader)} cannot read the writer's ${describeNode(writer)}`,
  };
}
