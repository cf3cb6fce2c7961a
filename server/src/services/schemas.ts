/**
 * The schemas screen's operations over the Schema Registry: subjects, versions, compatibility (with the panel's own
 * avsc reasons when the registry gives none) and idempotent registration.
 */
import type {
  CompatibilityLevel,
  CompatibilityVerdict,
  RegisterResult,
  Incompatibility,
  SchemaInput,
  SchemaVersion,
  SetCompatibilityResult,
  SubjectDetail,
  SubjectListResponse,
} from '../contracts/schemas.ts';
import { parseAvroSchema } from '../domain/avro/model.ts';
import { levelDirections } from '../domain/schema-diff/index.ts';
import { AppError } from '../errors/app-error.ts';
import { panelIncompatibilities, panelMessage } from '../registry/avro-compatibility.ts';
import type { CompatibilityAnswer, RegisteredSchema, RegistryClient } from '../registry/index.ts';
import { effectiveCompatibility, versionsToCompare } from './schema-versions.ts';

export interface SchemaService {
  list(): Promise<SubjectListResponse>;
  detail(subject: string): Promise<SubjectDetail>;
  version(subject: string, version: number | 'latest'): Promise<SchemaVersion>;
  check(subject: string, input: SchemaInput): Promise<CompatibilityVerdict>;
  /** Registers the schema, or says which version already holds it (nothing changes then). */
  register(subject: string, input: SchemaInput): Promise<RegisterResult>;
  setCompatibility(subject: string, level: CompatibilityLevel): Promise<SetCompatibilityResult>;
}

export function createSchemaService(registry: RegistryClient): SchemaService {
  const effective = (subject: string) => effectiveCompatibility(registry, subject);

  /**
   * Every incompatibility: the registry's answers (against the latest version, and against each earlier one under a
   * transitive level) plus the panel's own findings from the semantic diff, each marked with where it came from.
   */
  const itemise = async (subject: string, schema: string, level: string) => {
    const targets = await versionsToCompare(registry, subject, level);
    const findings = panelIncompatibilities(level, schema, targets);
    const older = levelDirections(level).transitive ? targets.slice(1) : [];
    const answers = await Promise.all(
      older.map(async (t) => ({ version: t.version, answer: await registry.checkCompatibility(subject, schema, t.version) })),
    );
    const fromRegistry: Incompatibility[] = answers.flatMap(({ version, answer }) =>
      reasonsOf(answer).map((message) => ({ source: 'registry' as const, version, direction: null, path: null, message })),
    );
    const incompatibilities: Incompatibility[] = [
      ...fromRegistry,
      ...findings.map((f) => ({ source: 'panel' as const, version: f.version, direction: f.direction, path: f.path, message: f.message })),
    ];
    const olderCompatible = answers.every(({ answer }) => answer?.compatible !== false);
    return { incompatibilities, panelCompatible: findings.length === 0, olderCompatible, findings };
  };

  const registryItems = (messages: string[]): Incompatibility[] =>
    messages.map((message) => ({ source: 'registry', version: null, direction: null, path: null, message }));
  const asText = (items: Incompatibility[]) =>
    items.map((i) => (i.source === 'panel' ? `panel check: ${i.message}` : i.version === null ? i.message : `v${i.version}: ${i.message}`));

  /** A 409 from the registry names the conflict only loosely; the itemised check adds every reason. */
  const withReasons = async (subject: string, schema: string, error: AppError): Promise<AppError> => {
    const details = (error.details ?? {}) as Record<string, unknown>;
    const messages = [...((details.messages as string[] | undefined) ?? [])];
    let incompatibilities: Incompatibility[] = registryItems(messages);
    try {
      const [answer, { level }] = await Promise.all([registry.checkCompatibility(subject, schema), effective(subject)]);
      const itemised = await itemise(subject, schema, level);
      for (const m of answer?.messages ?? []) if (!messages.includes(m)) messages.push(m);
      incompatibilities = [...registryItems(messages), ...itemised.incompatibilities];
      messages.push(...itemised.findings.map(panelMessage));
    } catch {
      // The registry's own 409 message is still there.
    }
    return new AppError(409, 'INCOMPATIBLE_SCHEMA', error.message, { ...details, messages, incompatibilities });
  };

  return {
    async list() {
      const names = await registry.subjects();
      const subjects = await Promise.all(
        [...names].sort().map(async (subject) => {
          const [versions, latest, compatibility] = await Promise.all([
            registry.versions(subject),
            registry.version(subject, 'latest'),
            registry.subjectCompatibility(subject),
          ]);
          return { subject, versions, latestVersion: latest.version, latestId: latest.id, compatibility };
        }),
      );
      return { subjects };
    },

    async detail(subject) {
      const [versions, latest, compatibility] = await Promise.all([
        registry.versions(subject),
        registry.version(subject, 'latest'),
        effective(subject),
      ]);
      return { subject, versions, latest: present(latest), compatibility };
    },

    version: async (subject, version) => present(await registry.version(subject, version)),

    async check(subject, input) {
      const schema = avroText(input);
      const [answer, compatibility] = await Promise.all([registry.checkCompatibility(subject, schema), effective(subject)]);
      const level = compatibility.level;
      if (answer === null)
        return { subject, subjectExists: false, compatible: null, messages: [], incompatibilities: [], disagreement: false, level };
      const itemised = await itemise(subject, schema, level);
      const compatible = answer.compatible && itemised.olderCompatible;
      const incompatibilities = [...registryItems(reasonsOf(answer)), ...itemised.incompatibilities];
      return {
        subject,
        subjectExists: true,
        compatible,
        messages: asText(incompatibilities),
        incompatibilities,
        disagreement: compatible !== itemised.panelCompatible,
        level,
      };
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

/** The registry's reasons; a refusal without any (Apicurio ignores ?verbose=true) still says that it refused. */
function reasonsOf(answer: CompatibilityAnswer | null): string[] {
  if (!answer || answer.compatible || answer.messages.length > 0) return answer?.messages ?? [];
  return ['the registry answered "incompatible" without giving reasons'];
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
