/**
 * Which changes of a diff break which compatibility level, and why in words. The resolution check (resolve.ts)
 * is the truth: BACKWARD asks whether the newer schema reads data written with the older one, FORWARD the
 * reverse, FULL both; *_TRANSITIVE ask the same against every earlier version (the caller passes each one);
 * NONE asks nothing. Every incompatibility the check finds is attached to the change at its place, so each
 * breaking change says which direction it breaks; one no change explains is reported on its own.
 */
import { diffNodes, type ChangeKind, type SchemaChange } from './diff.ts';
import { readerIncompatibilities, type Incompatibility, type IncompatibilityKind } from './resolve.ts';
import type { ParsedSchema } from './tree.ts';

export type Direction = 'BACKWARD' | 'FORWARD';

export interface LevelDirections {
  backward: boolean;
  forward: boolean;
  transitive: boolean;
}

/** What a Schema Registry compatibility level checks (Confluent's definitions, shared by Apicurio). */
export function levelDirections(level: string): LevelDirections {
  const upper = level.toUpperCase();
  return {
    backward: upper.startsWith('BACKWARD') || upper.startsWith('FULL'),
    forward: upper.startsWith('FORWARD') || upper.startsWith('FULL'),
    transitive: upper.endsWith('_TRANSITIVE'),
  };
}

export interface DirectionBreak {
  direction: Direction;
  kind: IncompatibilityKind;
  /** The resolution check's own finding. */
  detail: string;
}

export interface JudgedChange extends SchemaChange {
  /** Breaks a direction the level checks. */
  breaking: boolean;
  /** Every direction it breaks, whether or not the level checks it. */
  breaks: DirectionBreak[];
  /** Why, in words: "removing field `note` without a default breaks FORWARD: old readers expect it". */
  reason: string;
}

export interface SchemaDiff {
  changes: JudgedChange[];
  /** Incompatibilities the resolution check found in a direction the level checks (each also on its change). */
  incompatibilities: { direction: Direction; path: string; kind: IncompatibilityKind; message: string }[];
}

/** Kinds an incompatibility of a given kind can belong to, most specific first. */
const OWNERS: Record<IncompatibilityKind, ChangeKind[]> = {
  READER_FIELD_MISSING_DEFAULT_VALUE: ['field-added', 'field-removed', 'field-renamed'],
  NAME_MISMATCH: ['name-changed', 'type-changed'],
  FIXED_SIZE_MISMATCH: ['fixed-size-changed', 'type-changed'],
  MISSING_ENUM_SYMBOLS: ['enum-symbols-added', 'enum-symbols-removed', 'type-changed'],
  TYPE_MISMATCH: ['type-changed', 'nullability-added', 'nullability-removed', 'union-branch-added', 'union-branch-removed'],
  MISSING_UNION_BRANCH: ['union-branch-added', 'union-branch-removed', 'nullability-added', 'nullability-removed', 'type-changed'],
};

const within = (inner: string, outer: string) => inner === outer || (inner.startsWith(outer) && '.[{<'.includes(inner[outer.length] ?? ''));

export function judgeSchemas(older: ParsedSchema, newer: ParsedSchema, level: string): SchemaDiff {
  const directions = levelDirections(level);
  const changes: JudgedChange[] = diffNodes(older.root, newer.root).map((c) => ({ ...c, breaking: false, breaks: [], reason: '' }));
  const found: { direction: Direction; incompatibility: Incompatibility }[] = [
    // BACKWARD: the newer schema reads old data (paths in the newer naming).
    ...readerIncompatibilities(newer, older).map((incompatibility) => ({ direction: 'BACKWARD' as const, incompatibility })),
    // FORWARD: the older schema reads new data (paths in the older naming).
    ...readerIncompatibilities(older, newer).map((incompatibility) => ({ direction: 'FORWARD' as const, incompatibility })),
  ];
  for (const { direction, incompatibility } of found) {
    const pathOf = (c: SchemaChange) => (direction === 'BACKWARD' ? c.path : c.fromPath);
    const owners = OWNERS[incompatibility.kind];
    const candidates = changes
      .filter((c) => owners.includes(c.kind) && within(incompatibility.path, pathOf(c)))
      .sort((x, y) => pathOf(y).length - pathOf(x).length || owners.indexOf(x.kind) - owners.indexOf(y.kind));
    let owner = candidates[0];
    if (!owner) {
      owner = {
        kind: 'type-changed',
        path: incompatibility.path,
        fromPath: incompatibility.path,
        before: null,
        after: null,
        description: `${incompatibility.path ? `\`${incompatibility.path}\`` : 'the root type'} cannot be resolved`,
        breaking: false,
        breaks: [],
        reason: '',
      };
      changes.push(owner);
    }
    owner.breaks.push({ direction, kind: incompatibility.kind, detail: incompatibility.detail });
  }
  const checked = (d: Direction) => (d === 'BACKWARD' ? directions.backward : directions.forward);
  for (const change of changes) {
    change.breaking = change.breaks.some((b) => checked(b.direction));
    change.reason = reasonFor(change, level, checked);
  }
  const incompatibilities = changes.flatMap((c) =>
    c.breaks
      .filter((b) => checked(b.direction))
      .map((b) => ({ direction: b.direction, path: c.path, kind: b.kind, message: breakSentence(c, b) })),
  );
  return { changes, incompatibilities };
}

function reasonFor(change: JudgedChange, level: string, checked: (d: Direction) => boolean): string {
  const relevant = change.breaks.filter((b) => checked(b.direction));
  const unchecked = [...new Set(change.breaks.filter((b) => !checked(b.direction)).map((b) => b.direction))];
  if (relevant.length > 0) return unique(relevant.map((b) => breakSentence(change, b))).join('; ');
  const safe = safeSentence(change, level);
  const tail = unchecked.length ? ` (it would break ${unchecked.join(' and ')}, which ${level.toUpperCase()} does not check)` : '';
  return `${safe}${tail}${change.caution ? `. Note: ${change.caution}` : ''}`;
}

const unique = (items: string[]) => [...new Set(items)];
const name = (path: string) => `\`${path.slice(path.lastIndexOf('.') + 1)}\``;

/** The sentence a direction break gets, by change kind; the resolution check's detail when nothing better fits. */
export function breakSentence(change: SchemaChange, b: DirectionBreak): string {
  const d = b.direction;
  const oldSide =
    d === 'BACKWARD'
      ? 'the new schema cannot read data written with the old one'
      : 'old readers cannot read data written with the new schema';
  switch (change.kind) {
    case 'field-added':
      return `adding field ${name(change.path)} without a default breaks ${d}: readers on the new schema find no ${name(change.path)} in old data`;
    case 'field-removed':
      return `removing field ${name(change.fromPath)} without a default breaks ${d}: old readers expect it`;
    case 'field-renamed':
      return `renaming ${name(change.fromPath)} to ${name(change.path)} breaks ${d}: old readers look for ${name(change.fromPath)}, which has no default`;
    case 'nullability-added':
      return `making \`${change.path}\` nullable breaks ${d}: old readers (${change.before}) cannot read a null`;
    case 'nullability-removed':
      return `making \`${change.path}\` non-nullable breaks ${d}: old data may hold nulls the new schema cannot read`;
    case 'union-branch-added':
      return `adding union branch ${change.after} at \`${stripBranch(change.path)}\` breaks ${d}: old readers have no branch for it`;
    case 'union-branch-removed':
      return `removing union branch ${change.before} at \`${stripBranch(change.path)}\` breaks ${d}: old data may use that branch`;
    case 'enum-symbols-added':
      return `adding enum symbol(s) ${change.after} at \`${change.path}\` breaks ${d}: old readers lack them and their enum has no default`;
    case 'enum-symbols-removed':
      return `removing enum symbol(s) ${change.before} at \`${change.path}\` breaks ${d}: old data may hold them and the new enum has no default`;
    case 'fixed-size-changed':
      return `changing the size of \`${change.path}\` from ${change.before} to ${change.after} bytes breaks ${d}: ${oldSide}`;
    case 'name-changed':
      return `renaming type ${change.before} to ${change.after} breaks ${d}: ${b.detail}`;
    case 'type-changed':
      return `changing \`${change.path}\`${change.before ? ` from ${change.before} to ${change.after}` : ''} breaks ${d}: ${oldSide} (${b.detail})`;
    default:
      return `${change.description} breaks ${d}: ${b.detail}`;
  }
}

const stripBranch = (path: string) => path.replace(/<[^<>]*>$/, '') || '(root)';

function safeSentence(change: SchemaChange, level: string): string {
  const under = `safe under ${level.toUpperCase()}`;
  switch (change.kind) {
    case 'field-added':
      return `${under}: new readers use the default for old data, old readers skip the field`;
    case 'field-removed':
      return `${under}: new readers skip it in old data; old readers use its default`;
    case 'field-renamed':
      return `${under}: the alias lets new readers find the old name`;
    case 'type-changed':
      return `${under}: Avro resolves the change in the direction the level checks`;
    case 'doc-changed':
    case 'aliases-changed':
      return `${under}: documentation and aliases do not change the data`;
    case 'default-added':
    case 'default-removed':
    case 'default-changed':
    case 'enum-default-changed':
      return `${under}: defaults matter only when a reader misses the field or symbol`;
    case 'logical-type-changed':
    case 'namespace-changed':
      return `${under} as far as Avro resolution goes`;
    default:
      return `${under}`;
  }
}
