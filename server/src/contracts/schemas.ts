/** Shapes of the schemas screen's API (Confluent Schema Registry REST, proxied and validated by the panel). */
import { Type, type Static } from 'typebox';
import { Closed, FetchedAt, Nullable, StringEnum } from './common.ts';
import { SchemaVersionRef, SubjectName } from './names.ts';

export const COMPATIBILITY_LEVELS = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
] as const;
export const CompatibilityLevel = StringEnum(COMPATIBILITY_LEVELS, { 'x-error-code': 'INVALID_COMPATIBILITY_LEVEL' });
export type CompatibilityLevel = Static<typeof CompatibilityLevel>;

/** `GET /api/schemas` → `{ subjects }`. */
export const SubjectSummary = Type.Object({
  subject: Type.String(),
  versions: Type.Array(Type.Integer()),
  latestVersion: Type.Integer(),
  latestId: Type.Integer(),
  /** The subject's own level; null when it inherits the global one. */
  compatibility: Nullable(Type.String()),
});
export type SubjectSummary = Static<typeof SubjectSummary>;

export const SubjectListResponse = Type.Object({ subjects: Type.Array(SubjectSummary), fetchedAt: FetchedAt });
export type SubjectListResponse = Static<typeof SubjectListResponse>;

export const SubjectParams = Closed({ subject: SubjectName });
export const SubjectVersionParams = Closed({
  subject: SubjectName,
  version: SchemaVersionRef,
});

/** `GET /api/schemas/:subject/versions/:version`. */
export const SchemaVersion = Type.Object({
  subject: Type.String(),
  version: Type.Integer(),
  id: Type.Integer(),
  /** AVRO, JSON or PROTOBUF. */
  schemaType: Type.String(),
  /** The schema as pretty-printed JSON text (raw text when it is not JSON). */
  schema: Type.String(),
});
export type SchemaVersion = Static<typeof SchemaVersion>;

export const EffectiveCompatibility = Type.Object({
  level: Type.String(),
  /** `subject` when the subject has its own level, `global` when it inherits the registry's default. */
  source: StringEnum(['subject', 'global'] as const),
});
export type EffectiveCompatibility = Static<typeof EffectiveCompatibility>;

/** `GET /api/schemas/:subject`. */
export const SubjectDetail = Type.Object({
  subject: Type.String(),
  versions: Type.Array(Type.Integer()),
  latest: SchemaVersion,
  compatibility: EffectiveCompatibility,
});
export type SubjectDetail = Static<typeof SubjectDetail>;

/** An Avro schema as JSON text or as a JSON object (validated with avsc before the registry sees it). */
export const AvroSchemaValue = Type.Union(
  [Type.String({ minLength: 1, maxLength: 512 * 1024 }), Type.Object({}, { additionalProperties: true })],
  { description: 'An Avro schema, as JSON text or as a JSON object', 'x-error-code': 'INVALID_AVRO' },
);

/** Body of `POST /api/schemas/:subject/check` and `POST /api/schemas/:subject/versions`. */
export const SchemaInput = Closed({ schema: AvroSchemaValue });
export type SchemaInput = Static<typeof SchemaInput>;

export const CompatibilityDirection = StringEnum(['BACKWARD', 'FORWARD'] as const);
export type CompatibilityDirection = Static<typeof CompatibilityDirection>;

/** One reason a schema is incompatible: the registry's own message, or the panel's finding (schema-diff). */
export const Incompatibility = Type.Object({
  source: StringEnum(['registry', 'panel'] as const),
  /** The registered version it conflicts with; null for a registry message (the registry compares with the latest). */
  version: Nullable(Type.Integer()),
  direction: Nullable(CompatibilityDirection),
  /** Where in the schema (panel findings): `address.city`, `tags[]`, `note<string>`; '' is the root type. */
  path: Nullable(Type.String()),
  message: Type.String(),
});
export type Incompatibility = Static<typeof Incompatibility>;

/** `POST /api/schemas/:subject/check`. */
export const CompatibilityVerdict = Type.Object({
  subject: Type.String(),
  subjectExists: Type.Boolean(),
  /** null when the subject does not exist yet (nothing to compare against: the first version is always accepted). */
  compatible: Nullable(Type.Boolean()),
  /** Every reason as text: the registry's (verbose mode) first, then the panel's, each marked with its source. */
  messages: Type.Array(Type.String()),
  /**
   * Every incompatibility, itemised: the registry's messages (source `registry`; Apicurio's ccompat API gives none)
   * and the panel's own resolution check against the latest version, or every version under a *_TRANSITIVE level.
   */
  incompatibilities: Type.Array(Incompatibility),
  /** True when the panel's check and the registry's verdict disagree (the registry's verdict is the one that counts). */
  disagreement: Type.Boolean(),
  /** The effective level the check used. */
  level: Type.String(),
});
export type CompatibilityVerdict = Static<typeof CompatibilityVerdict>;

/** `POST /api/schemas/:subject/versions`. */
export const RegisterResult = Type.Object({
  subject: Type.String(),
  id: Type.Integer(),
  version: Type.Integer(),
  /** false when the identical schema was already registered under this subject (the registry returns it unchanged). */
  created: Type.Boolean(),
  message: Type.String(),
});
export type RegisterResult = Static<typeof RegisterResult>;

/** Body of `PUT /api/schemas/:subject/compatibility`. */
export const SetCompatibilityInput = Closed({ level: CompatibilityLevel });
export type SetCompatibilityInput = Static<typeof SetCompatibilityInput>;

/** `PUT /api/schemas/:subject/compatibility`. */
export const SetCompatibilityResult = Type.Object({
  subject: Type.String(),
  level: CompatibilityLevel,
  /** The subject's own level before the change; null when it inherited the global level. */
  previous: Nullable(Type.String()),
  changed: Type.Boolean(),
});
export type SetCompatibilityResult = Static<typeof SetCompatibilityResult>;
