/** Shapes of the schemas screen's API (Confluent Schema Registry REST, proxied and validated by the panel). */

export type CompatibilityLevel =
  'BACKWARD' | 'BACKWARD_TRANSITIVE' | 'FORWARD' | 'FORWARD_TRANSITIVE' | 'FULL' | 'FULL_TRANSITIVE' | 'NONE';

/** `GET /api/schemas` → `{ subjects }`. */
export interface SubjectSummary {
  subject: string;
  versions: number[];
  latestVersion: number;
  latestId: number;
  /** The subject's own level; null when it inherits the global one. */
  compatibility: string | null;
}

export interface SubjectListResponse {
  subjects: SubjectSummary[];
}

/** `GET /api/schemas/:subject/versions/:version`. */
export interface SchemaVersion {
  subject: string;
  version: number;
  id: number;
  schemaType: 'AVRO' | 'JSON' | 'PROTOBUF' | string;
  /** The schema as pretty-printed JSON text (raw text when it is not JSON). */
  schema: string;
}

export interface EffectiveCompatibility {
  level: string;
  /** `subject` when the subject has its own level, `global` when it inherits the registry's default. */
  source: 'subject' | 'global';
}

/** `GET /api/schemas/:subject`. */
export interface SubjectDetail {
  subject: string;
  versions: number[];
  latest: SchemaVersion;
  compatibility: EffectiveCompatibility;
}

/** Body of `POST /api/schemas/:subject/check` and `POST /api/schemas/:subject/versions`. */
export interface SchemaInput {
  /** Avro schema as JSON text or as a JSON object. */
  schema: string | object;
}

/** `POST /api/schemas/:subject/check`. */
export interface CompatibilityVerdict {
  subject: string;
  subjectExists: boolean;
  /** null when the subject does not exist yet (nothing to compare against: the first version is always accepted). */
  compatible: boolean | null;
  /** The registry's reasons (verbose mode), empty when compatible. */
  messages: string[];
  /** The effective level the check used. */
  level: string;
}

/** `POST /api/schemas/:subject/versions`. */
export interface RegisterResult {
  subject: string;
  id: number;
  version: number;
  /** false when the identical schema was already registered under this subject (the registry returns it unchanged). */
  created: boolean;
  message: string;
}

/** Body of `PUT /api/schemas/:subject/compatibility`. */
export interface SetCompatibilityInput {
  level: CompatibilityLevel;
}

/** `PUT /api/schemas/:subject/compatibility`. */
export interface SetCompatibilityResult {
  subject: string;
  level: CompatibilityLevel;
  /** The subject's own level before the change; null when it inherited the global level. */
  previous: string | null;
  changed: boolean;
}
