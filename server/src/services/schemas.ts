/**
 * The schemas screen's operations over the Schema Registry: subjects, versions, compatibility (with the panel's own
 * avsc reasons when the registry gives none) and idempotent registration.
 */
import type {
  CompatibilityLevel,
  CompatibilityVerdict,
  RegisterResult,
  SchemaInput,
  SchemaVersion,
  SetCompatibilityResult,
  SubjectDetail,
  SubjectListResponse,
} from '../contracts/schemas.ts';
import { AppError } from '../errors/app-error.ts';
import type { RegisteredSchema, RegistryClient } from '../registry/index.ts';
import { cacheKey, type ReadCache } from './read-cache.ts';
import { avroText, createCompatibilityCheck } from './schema-compatibility.ts';
import { createSchemaReads } from './schema-versions.ts';
import { createSubjectLister, SLOW_MS } from './subject-list.ts';

export interface SchemaService {
  list(): Promise<SubjectListResponse>;
  detail(subject: string): Promise<SubjectDetail>;
  version(subject: string, version: number | 'latest'): Promise<SchemaVersion>;
  check(subject: string, input: SchemaInput): Promise<CompatibilityVerdict>;
  /** Registers the schema, or says which version already holds it (nothing changes then). */
  register(subject: string, input: SchemaInput): Promise<RegisterResult>;
  setCompatibility(subject: string, level: CompatibilityLevel): Promise<SetCompatibilityResult>;
}

export function createSchemaService(registry: RegistryClient, cache: ReadCache): SchemaService {
  const listSubjects = createSubjectLister(registry, cache);
  const reads = createSchemaReads(registry, cache);
  const { check, withReasons } = createCompatibilityCheck(reads);

  return {
    list: listSubjects,

    detail: async (subject) =>
      (
        await cache.get(cacheKey('Schema Registry', 'subject', subject), async () => {
          const [versions, latest, compatibility] = await Promise.all([
            registry.versions(subject),
            registry.version(subject, 'latest'),
            reads.effective(subject),
          ]);
          return { subject, versions, latest: present(latest), compatibility };
        })
      ).value,

    // A numbered version does not change while it exists; "latest" does.
    version: async (subject, version) =>
      (
        await cache.get(
          cacheKey('Schema Registry', 'version-text', subject, String(version)),
          async () => present(await registry.version(subject, version)),
          version === 'latest' ? {} : { ttlMs: SLOW_MS },
        )
      ).value,

    check,

    async register(subject, input) {
      const schema = avroText(input);
      const existing = await registry.lookup(subject, schema);
      if (existing) {
        return {
          subject,
          id: existing.id,
          version: existing.version,
          created: false,
          message: `This schema is already version ${existing.version} of ${subject} (id ${existing.id}); nothing changed`,
        };
      }
      try {
        await registry.register(subject, schema);
      } catch (error) {
        if (error instanceof AppError && error.code === 'INCOMPATIBLE_SCHEMA') throw await withReasons(subject, schema, error);
        throw error;
      }
      const registered = await registry.lookup(subject, schema);
      if (!registered)
        throw new AppError(
          502,
          'SCHEMA_REGISTRY_ERROR',
          `The Schema Registry accepted the schema for ${subject} but cannot find it afterwards`,
        );
      return {
        subject,
        id: registered.id,
        version: registered.version,
        created: true,
        message: `Registered version ${registered.version} of ${subject} (id ${registered.id})`,
      };
    },

    async setCompatibility(subject, level) {
      const previous = await registry.subjectCompatibility(subject);
      if (previous === level) return { subject, level, previous, changed: false };
      await registry.setCompatibility(subject, level);
      return { subject, level, previous, changed: true };
    },
  };
}

function present(schema: RegisteredSchema): SchemaVersion {
  let text = schema.schema;
  try {
    text = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Protobuf and other non-JSON schemas are shown as stored.
  }
  return { subject: schema.subject, version: schema.version, id: schema.id, schemaType: schema.schemaType, schema: text };
}
