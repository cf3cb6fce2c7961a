/**
 * What changed between two versions of a schema, per field and recursively into records, arrays, maps and unions:
 * fields added, removed or renamed (by alias), types changed, defaults, logical types, docs, aliases, enum symbols,
 * fixed sizes, names and namespaces. Only describes; judge.ts says which changes break which compatibility level.
 */
import {
  branchLabel,
  branchPath,
  describeLogical,
  describeNode,
  fieldPath,
  itemsPath,
  namespaceOf,
  shortName,
  valuesPath,
  type SchemaField,
  type SchemaNode,
} from './tree.ts';
import { readsPrimitive } from './resolve.ts';

export type ChangeKind =
  | 'field-added'
  | 'field-removed'
  | 'field-renamed'
  | 'type-changed'
  | 'nullability-added'
  | 'nullability-removed'
  | 'union-branch-added'
  | 'union-branch-removed'
  | 'default-added'
  | 'default-removed'
  | 'default-changed'
  | 'logical-type-changed'
  | 'doc-changed'
  | 'aliases-changed'
  | 'enum-symbols-added'
  | 'enum-symbols-removed'
  | 'enum-default-changed'
  | 'fixed-size-changed'
  | 'name-changed'
  | 'namespace-changed';

export interface SchemaChange {
  kind: ChangeKind;
  /** In the newer schema's naming: `address.city`, `tags[]`, `attrs{}`, `note<string>`; '' is the root. */
  path: string;
  /** The same place in the older schema's naming (differs below a renamed field). */
  fromPath: string;
  before: string | null;
  after: string | null;
  /** One line, e.g. "field `note` added: [null, string], default null". */
  description: string;
  /** Set for changes the registry accepts but readers may feel (e.g. a logical type). */
  caution?: string;
}

const tick = (name: string) => `\`${name}\``;
const where = (path: string) => (path === '' ? 'the root type' : tick(path));
const json = (value: unknown) => JSON.stringify(value);

export function diffNodes(older: SchemaNode, newer: SchemaNode): SchemaChange[] {
  const out: SchemaChange[] = [];
  diff(older, newer, '', '', out);
  return out;
}

function push(out: SchemaChange[], change: SchemaChange): void {
  out.push(change);
}

function diff(a: SchemaNode, b: SchemaNode, path: string, fromPath: string, out: SchemaChange[]): void {
  const change = (kind: ChangeKind, before: string | null, after: string | null, description: string, caution?: string) =>
    push(out, { kind, path, fromPath, before, after, description, ...(caution ? { caution } : {}) });

  if (a.kind === 'ref' || b.kind === 'ref') {
    const an = 'name' in a ? a.name : '';
    const bn = 'name' in b ? b.name : '';
    if (an !== bn) change('name-changed', an, bn, `${where(path)} refers to ${bn} instead of ${an}`);
    return;
  }
  if (a.kind === 'union' && b.kind === 'union') return diffUnions(a.branches, b.branches, path, fromPath, out);
  if (a.kind === 'union' || b.kind === 'union') return diffUnionAndSingle(a, b, path, fromPath, out);
  if (a.kind !== b.kind || (a.kind === 'primitive' && b.kind === 'primitive' && a.type !== b.type)) {
    const promoted =
      a.kind === 'primitive' && b.kind === 'primitive'
        ? readsPrimitive(b.type, a.type)
          ? ` (a promotion Avro reads: ${a.type} → ${b.type})`
          : readsPrimitive(a.type, b.type)
            ? ` (a narrowing: only ${b.type} → ${a.type} is a promotion)`
            : ''
        : '';
    change(
      'type-changed',
      describeNode(a),
      describeNode(b),
      `${where(path)} changed type from ${describeNode(a)} to ${describeNode(b)}${promoted}`,
    );
    return;
  }
  switch (a.kind) {
    case 'primitive': {
      const bl = (b as typeof a).logical;
      if (describeLogical(a.logical) !== describeLogical(bl))
        change(
          'logical-type-changed',
          describeLogical(a.logical),
          describeLogical(bl),
          `${where(path)} changed logical type from ${describeLogical(a.logical)} to ${describeLogical(bl)} (${a.type} underneath)`,
          'Avro resolution ignores logical types, so a registry accepts this, but readers interpret the same bytes differently',
        );
      return;
    }
    case 'array':
      return diff(a.items, (b as typeof a).items, itemsPath(path), itemsPath(fromPath), out);
    case 'map':
      return diff(a.values, (b as typeof a).values, valuesPath(path), valuesPath(fromPath), out);
    case 'fixed': {
      const bf = b as typeof a;
      diffNamed(a, bf, path, fromPath, out);
      if (a.size !== bf.size)
        change('fixed-size-changed', String(a.size), String(bf.size), `${where(path)} changed size from ${a.size} to ${bf.size} bytes`);
      if (describeLogical(a.logical) !== describeLogical(bf.logical))
        change(
          'logical-type-changed',
          describeLogical(a.logical),
          describeLogical(bf.logical),
          `${where(path)} changed logical type from ${describeLogical(a.logical)} to ${describeLogical(bf.logical)}`,
          'Avro resolution ignores logical types, so a registry accepts this, but readers interpret the same bytes differently',
        );
      return;
    }
    case 'enum': {
      const be = b as typeof a;
      diffNamed(a, be, path, fromPath, out);
      const added = be.symbols.filter((s) => !a.symbols.includes(s));
      const removed = a.symbols.filter((s) => !be.symbols.includes(s));
      if (added.length) change('enum-symbols-added', null, added.join(', '), `enum ${where(path)} gained symbol(s) ${added.join(', ')}`);
      if (removed.length)
        change('enum-symbols-removed', removed.join(', '), null, `enum ${where(path)} lost symbol(s) ${removed.join(', ')}`);
      if (a.default !== be.default)
        change(
          'enum-default-changed',
          a.default ?? null,
          be.default ?? null,
          `enum ${where(path)} default ${a.default ?? 'none'} → ${be.default ?? 'none'}`,
        );
      return;
    }
    case 'record':
      diffNamed(a, b as typeof a, path, fromPath, out);
      return diffFields(a.fields, (b as typeof a).fields, path, fromPath, out);
  }
}

function diffNamed(
  a: { name: string; aliases: string[]; doc?: string },
  b: { name: string; aliases: string[]; doc?: string },
  path: string,
  fromPath: string,
  out: SchemaChange[],
): void {
  const base = { path, fromPath };
  if (shortName(a.name) !== shortName(b.name))
    push(out, {
      ...base,
      kind: 'name-changed',
      before: a.name,
      after: b.name,
      description: `${where(path)} renamed from ${a.name} to ${b.name}`,
    });
  else if (namespaceOf(a.name) !== namespaceOf(b.name))
    push(out, {
      ...base,
      kind: 'namespace-changed',
      before: namespaceOf(a.name) || null,
      after: namespaceOf(b.name) || null,
      description: `${where(path)} moved from namespace ${namespaceOf(a.name) || '(none)'} to ${namespaceOf(b.name) || '(none)'}`,
      caution: 'Avro matches named types by their unqualified name, so readers resolve it; code generated from the schema changes package',
    });
  diffAliases(a.aliases, b.aliases, base, `${where(path)} (type ${shortName(b.name)})`, out);
  if ((a.doc ?? '') !== (b.doc ?? ''))
    push(out, {
      ...base,
      kind: 'doc-changed',
      before: a.doc ?? null,
      after: b.doc ?? null,
      description: `doc of type ${shortName(b.name)} changed`,
    });
}

function diffAliases(a: string[], b: string[], base: { path: string; fromPath: string }, what: string, out: SchemaChange[]): void {
  const added = b.filter((x) => !a.includes(x));
  const removed = a.filter((x) => !b.includes(x));
  if (added.length === 0 && removed.length === 0) return;
  const parts = [added.length ? `aliases added: ${added.join(', ')}` : '', removed.length ? `aliases removed: ${removed.join(', ')}` : ''];
  push(out, {
    ...base,
    kind: 'aliases-changed',
    before: a.join(', ') || null,
    after: b.join(', ') || null,
    description: `${what}: ${parts.filter(Boolean).join('; ')}`,
  });
}

function diffFields(a: SchemaField[], b: SchemaField[], path: string, fromPath: string, out: SchemaChange[]): void {
  const matched = new Set<SchemaField>();
  for (const field of b) {
    const at = fieldPath(path, field.name);
    const direct = a.find((f) => f.name === field.name);
    const renamed = direct ? undefined : a.find((f) => field.aliases.includes(f.name) && !b.some((x) => x.name === f.name));
    const old = direct ?? renamed;
    if (!old) {
      push(out, {
        kind: 'field-added',
        path: at,
        fromPath: fieldPath(fromPath, field.name),
        before: null,
        after: describeNode(field.type),
        description: `field ${tick(at)} added: ${describeNode(field.type)}${field.hasDefault ? `, default ${json(field.default)}` : ', no default'}`,
      });
      continue;
    }
    matched.add(old);
    const from = fieldPath(fromPath, old.name);
    if (renamed)
      push(out, {
        kind: 'field-renamed',
        path: at,
        fromPath: from,
        before: old.name,
        after: field.name,
        description: `field ${tick(from)} renamed to ${tick(at)} (alias ${old.name})`,
      });
    diffField(old, field, at, from, out);
  }
  for (const old of a) {
    if (matched.has(old)) continue;
    const from = fieldPath(fromPath, old.name);
    push(out, {
      kind: 'field-removed',
      path: fieldPath(path, old.name),
      fromPath: from,
      before: describeNode(old.type),
      after: null,
      description: `field ${tick(from)} removed (was ${describeNode(old.type)}${old.hasDefault ? `, default ${json(old.default)}` : ', no default'})`,
    });
  }
}

function diffField(a: SchemaField, b: SchemaField, path: string, fromPath: string, out: SchemaChange[]): void {
  const base = { path, fromPath };
  if (!a.hasDefault && b.hasDefault)
    push(out, {
      ...base,
      kind: 'default-added',
      before: null,
      after: json(b.default),
      description: `field ${tick(path)} gained default ${json(b.default)}`,
    });
  else if (a.hasDefault && !b.hasDefault)
    push(out, {
      ...base,
      kind: 'default-removed',
      before: json(a.default),
      after: null,
      description: `field ${tick(path)} lost its default ${json(a.default)}`,
      caution:
        'without a default, a later version cannot drop this field under FORWARD, and readers of this version need it in every record',
    });
  else if (a.hasDefault && b.hasDefault && json(a.default) !== json(b.default))
    push(out, {
      ...base,
      kind: 'default-changed',
      before: json(a.default),
      after: json(b.default),
      description: `field ${tick(path)} default ${json(a.default)} → ${json(b.default)}`,
      caution: 'readers fill in a missing field with their own default, so old and new readers disagree on records without it',
    });
  if ((a.doc ?? '') !== (b.doc ?? ''))
    push(out, {
      ...base,
      kind: 'doc-changed',
      before: a.doc ?? null,
      after: b.doc ?? null,
      description: `doc of field ${tick(path)} changed`,
    });
  diffAliases(a.aliases, b.aliases, base, `field ${tick(path)}`, out);
  diff(a.type, b.type, path, fromPath, out);
}

function diffUnions(a: SchemaNode[], b: SchemaNode[], path: string, fromPath: string, out: SchemaChange[]): void {
  const used = new Set<SchemaNode>();
  for (const branch of b) {
    const old = a.find((x) => !used.has(x) && branchLabel(x) === branchLabel(branch) && x.kind === branch.kind);
    if (old) {
      used.add(old);
      diff(old, branch, branchPath(path, branch), branchPath(fromPath, old), out);
      continue;
    }
    push(out, {
      kind: 'union-branch-added',
      path: branchPath(path, branch),
      fromPath: branchPath(fromPath, branch),
      before: null,
      after: describeNode(branch),
      description: `${where(path)} gained union branch ${describeNode(branch)}`,
    });
  }
  for (const old of a) {
    if (used.has(old)) continue;
    push(out, {
      kind: 'union-branch-removed',
      path: branchPath(path, old),
      fromPath: branchPath(fromPath, old),
      before: describeNode(old),
      after: null,
      description: `${where(path)} lost union branch ${describeNode(old)}`,
    });
  }
}

/** T ↔ [null, T] is a nullability change (then T is compared further); any other union ↔ single type a type change. */
function diffUnionAndSingle(a: SchemaNode, b: SchemaNode, path: string, fromPath: string, out: SchemaChange[]): void {
  const union = (a.kind === 'union' ? a : b) as Extract<SchemaNode, { kind: 'union' }>;
  const single = a.kind === 'union' ? b : a;
  const same = union.branches.find((x) => x.kind === single.kind && branchLabel(x) === branchLabel(single));
  const others = union.branches.filter((x) => x !== same);
  const onlyNull = others.length > 0 && others.every((x) => x.kind === 'primitive' && x.type === 'null');
  const base = { path, fromPath, before: describeNode(a), after: describeNode(b) };
  if (same && onlyNull) {
    const becameNullable = b.kind === 'union';
    push(out, {
      ...base,
      kind: becameNullable ? 'nullability-added' : 'nullability-removed',
      description: becameNullable
        ? `${where(path)} became nullable: ${describeNode(b)}`
        : `${where(path)} is no longer nullable: ${describeNode(b)}`,
    });
  } else {
    push(out, { ...base, kind: 'type-changed', description: `${where(path)} changed type from ${describeNode(a)} to ${describeNode(b)}` });
  }
  // The branch that matches keeps its own changes (e.g. a logical type), at the single type's path.
  if (same) {
    if (a.kind === 'union') diff(same, b, path, fromPath, out);
    else diff(a, same, path, fromPath, out);
  }
}
