/**
 * The schemas screen's operations over the Schema Registry: subjects, versions, compatibility (with the panel's own
 * avsc reasons when the registry gives none) and idempotent registration.
 */
import type {
  CompatibilityLevel,
  CompatibilityVerdict,
  EffectiveCompatibility,
  RegisterResult,
  SchemaInput,
  SchemaVersion,
  SetCompatibilityResult,
  SubjectDetail,
  SubjectListResponse,
} from '../contracts/schemas.ts';
import { parseAvroSchema } from '../domain/avro/model.ts';
import { AppError } from '../errors/app-error.ts';
import { localIncompatibilityReasons } from '../registry/avro-compatibility.ts';
import type { RegisteredSchema, RegistryClient } from '../registry/index.ts';
import { cacheKey, type ReadCache } from './read-cache.ts';
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
  const effective = async (subject: string): Promise<EffectiveCompatibility> => {
    const own = await registry.subjectCompatibility(subject);
    if (own !== null) return { level: own, source: 'subject' };
    return { level: await registry.globalCompatibility(), source: 'global' };
  };

  /** The registry said "incompatible" without reasons (Apicurio ignores ?verbose=true): explain it with avsc. */
  const localReasons = async (subject: string, schema: string, level: string): Promise<string[]> => {
    try {
      return localIncompatibilityReasons(level, schema, (await registry.version(subject, 'latest')).schema);
    } catch {
      return [];
    }
  };

  /** A 409 from the registry names the conflict only loosely; the verbose check adds its reasons. */
  const withReasons = async (subject: string, schema: string, error: AppError): Promise<AppError> => {
    const details = (error.details ?? {}) as Record<string, unknown>;
    const messages = [...((details.messages as string[] | undefined) ?? [])];
    try {
      const answer = await registry.checkCompatibility(subject, schema);
      let reasons = answer?.messages ?? [];
      if (reasons.length === 0) reasons = await localReasons(subject, schema, (await effective(subject)).level);
      for (const m of reasons) if (!messages.includes(m)) messages.push(m);
    } catch {
      // The registry's own 409 message is still there.
    }
    return new AppError(409, 'INCOMPATIBLE_SCHEMA', error.message, { ...details, messages });
  };

  return {
    list: listSubjects,

    detail: async (subject) =>
      (
        await cache.get(cacheKey('Schema Registry', 'subject', subject), async () => {
          const [versions, latest, compatibility] = await Promise.all([
            registry.versions(subject),
            registry.version(subject, 'latest'),
            effective(subject),
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

    async check(subject, input) {
      const schema = avroText(input);
      const [answer, compatibility] = await Promise.all([registry.checkCompatibility(subject, schema), effective(subject)]);
      let messages = answer?.messages ?? [];
      if (answer && !answer.compatible && messages.length === 0) messages = await localReasons(subject, schema, compatibility.level);
      return { subject, subjectExists: answer !== null, compatible: answer?.compatible ?? null, messages, level: compatibility.level };
    },

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

/** Validates the Avro schema with avsc before the registry sees it; returns compact JSON text. */
function avroText({ schema }: SchemaInput): string {
  const parsed = parseAvroSchema(schema);
  if (!parsed.ok) throw new AppError(400, 'INVALID_AVRO', `Invalid Avro schema: ${parsed.message}`, { avscMessage: parsed.message });
  return JSON.stringify(parsed.schema);
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
