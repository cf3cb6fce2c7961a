/** The semantic schema diff and the itemised compatibility check (Schemas screen). */
import { Type, type Static } from 'typebox';
import { Closed, Nullable, StringEnum } from './common.ts';
import { SchemaVersionRef, SubjectName } from './names.ts';
import { AvroSchemaValue, CompatibilityDirection, EffectiveCompatibility } from './schemas.ts';

export const SchemaDiffParams = Closed({ subject: SubjectName });
/** `GET /api/schemas/:subject/diff?from=1&to=2`; `to` defaults to latest, `from` to the version before `to`. */
export const SchemaDiffQuery = Closed({ from: Type.Optional(SchemaVersionRef), to: Type.Optional(SchemaVersionRef) });
export type SchemaDiffQuery = Static<typeof SchemaDiffQuery>;

/** `POST /api/schemas/:subject/diff`: a draft against a version (default the latest). */
export const DraftDiffInput = Closed({ draft: AvroSchemaValue, against: Type.Optional(SchemaVersionRef) });
export type DraftDiffInput = Static<typeof DraftDiffInput>;

export const ChangeKind = StringEnum([
  'field-added',
  'field-removed',
  'field-renamed',
  'type-changed',
  'nullability-added',
  'nullability-removed',
  'union-branch-added',
  'union-branch-removed',
  'default-added',
  'default-removed',
  'default-changed',
  'logical-type-changed',
  'doc-changed',
  'aliases-changed',
  'enum-symbols-added',
  'enum-symbols-removed',
  'enum-default-changed',
  'fixed-size-changed',
  'name-changed',
  'namespace-changed',
] as const);

export const SchemaChange = Type.Object({
  kind: ChangeKind,
  /** Where, in the newer schema's naming: `address.city`, `tags[]` (items), `attrs{}` (map values), `note<string>` (union branch); '' is the root type. */
  path: Type.String(),
  /** The same place in the older schema's naming (differs below a renamed field). */
  fromPath: Type.String(),
  before: Nullable(Type.String()),
  after: Nullable(Type.String()),
  description: Type.String(),
  /** Breaks a direction the compatibility level checks. */
  breaking: Type.Boolean(),
  /** Every direction it breaks, checked by the level or not, with the resolution check's finding. */
  breaks: Type.Array(Type.Object({ direction: CompatibilityDirection, kind: Type.String(), detail: Type.String() })),
  /** Why it breaks, or why it is safe, in words. */
  reason: Type.String(),
});
export type SchemaChange = Static<typeof SchemaChange>;

export const SchemaDiffSide = Type.Object({
  /** null for a draft. */
  version: Nullable(Type.Integer()),
  id: Nullable(Type.Integer()),
  /** Pretty-printed schema text, for a side-by-side view. */
  schema: Type.String(),
});

export const SchemaDiffResult = Type.Object({
  subject: Type.String(),
  from: SchemaDiffSide,
  to: SchemaDiffSide,
  /** The subject's effective level, which `breaking` is judged under. */
  compatibility: EffectiveCompatibility,
  changes: Type.Array(SchemaChange),
  breaking: Type.Integer(),
  summary: Type.String(),
});
export type SchemaDiffResult = Static<typeof SchemaDiffResult>;
