import type { FastifyInstance } from 'fastify';
import type {
  CompatibilityLevel,
  CompatibilityVerdict,
  RegisterResult,
  SchemaVersion,
  SetCompatibilityResult,
  SubjectDetail,
  SubjectListResponse,
} from '../contracts/schemas.ts';
import { parseAvroSchema } from '../domain/avro/model.ts';
import { AppError } from '../errors/app-error.ts';
import { localIncompatibilityReasons } from '../registry/avro-compatibility.ts';
import { assertSubject, type RegisteredSchema, type RegistryClient } from '../registry/index.ts';
import { MAX_BODY_BYTES, objectBody } from './pipeline-scope.ts';

export const COMPATIBILITY_LEVELS: readonly CompatibilityLevel[] = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
];

type SubjectParams = { Params: { subject: string } };

export function schemaRoutes(app: FastifyInstance, registry: RegistryClient): void {
  app.get('/api/schemas', async (): Promise<SubjectListResponse> => {
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
  });

  app.get<SubjectParams>('/api/schemas/:subject', async (request): Promise<SubjectDetail> => {
    const { subject } = request.params;
    assertSubject(subject);
    const [versions, latest, compatibility] = await Promise.all([
      registry.versions(subject),
      registry.version(subject, 'latest'),
      effectiveCompatibility(registry, subject),
    ]);
    return { subject, versions, latest: present(latest), compatibility };
  });

  app.get<{ Params: { subject: string; version: string } }>(
    '/api/schemas/:subject/versions/:version',
    async (request): Promise<SchemaVersion> => {
      const { subject, version } = request.params;
      assertSubject(subject);
      if (version !== 'latest' && !/^[1-9]\d{0,9}$/.test(version)) {
        throw new AppError(400, 'INVALID_VERSION', `version must be a positive whole number or "latest" (got "${version}")`);
      }
      return present(await registry.version(subject, version === 'latest' ? 'latest' : Number(version)));
    },
  );

  app.post<SubjectParams>('/api/schemas/:subject/check', { bodyLimit: MAX_BODY_BYTES }, async (request): Promise<CompatibilityVerdict> => {
    const { subject } = request.params;
    assertSubject(subject);
    const schema = avroText(request.body);
    const [answer, compatibility] = await Promise.all([
      registry.checkCompatibility(subject, schema),
      effectiveCompatibility(registry, subject),
    ]);
    let messages = answer?.messages ?? [];
    if (answer && !answer.compatible && messages.length === 0)
      messages = await localReasons(registry, subject, schema, compatibility.level);
    return { subject, subjectExists: answer !== null, compatible: answer?.compatible ?? null, messages, level: compatibility.level };
  });

  app.post<SubjectParams>('/api/schemas/:subject/versions', { bodyLimit: MAX_BODY_BYTES }, async (request): Promise<RegisterResult> => {
    const { subject } = request.params;
    assertSubject(subject);
    const schema = avroText(request.body);
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
      if (error instanceof AppError && error.code === 'INCOMPATIBLE_SCHEMA') throw await withReasons(registry, subject, schema, error);
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
  });

  app.put<SubjectParams>(
    '/api/schemas/:subject/compatibility',
    { bodyLimit: MAX_BODY_BYTES },
    async (request): Promise<SetCompatibilityResult> => {
      const { subject } = request.params;
      assertSubject(subject);
      const { level } = objectBody(request.body, '{"level":"BACKWARD"}');
      if (typeof level !== 'string' || !COMPATIBILITY_LEVELS.includes(level as CompatibilityLevel)) {
        throw new AppError(
          400,
          'INVALID_COMPATIBILITY_LEVEL',
          `level must be one of ${COMPATIBILITY_LEVELS.join(', ')} (got ${JSON.stringify(level)})`,
          { allowed: COMPATIBILITY_LEVELS },
        );
      }
      const previous = await registry.subjectCompatibility(subject);
      if (previous === level) return { subject, level: level as CompatibilityLevel, previous, changed: false };
      await registry.setCompatibility(subject, level);
      return { subject, level: level as CompatibilityLevel, previous, changed: true };
    },
  );
}

async function effectiveCompatibility(registry: RegistryClient, subject: string): Promise<SubjectDetail['compatibility']> {
  const own = await registry.subjectCompatibility(subject);
  if (own !== null) return { level: own, source: 'subject' };
  return { level: await registry.globalCompatibility(), source: 'global' };
}

/** Validates the body's Avro schema with avsc before the registry sees it; returns compact JSON text. */
function avroText(body: unknown): string {
  const { schema } = objectBody(body, '{"schema": "<Avro schema JSON>"}');
  if (typeof schema !== 'string' && (schema === null || typeof schema !== 'object')) {
    throw new AppError(400, 'INVALID_AVRO', 'schema is missing: send {"schema": <Avro schema as JSON text or object>}');
  }
  const parsed = parseAvroSchema(schema);
  if (!parsed.ok) throw new AppError(400, 'INVALID_AVRO', `Invalid Avro schema: ${parsed.message}`, { avscMessage: parsed.message });
  return JSON.stringify(parsed.schema);
}

/** A 409 from the registry names the conflict only loosely; the verbose check adds its reasons. */
async function withReasons(registry: RegistryClient, subject: string, schema: string, error: AppError): Promise<AppError> {
  const details = (error.details ?? {}) as Record<string, unknown>;
  const messages = [...((details.messages as string[] | undefined) ?? [])];
  try {
    const answer = await registry.checkCompatibility(subject, schema);
    let reasons = answer?.messages ?? [];
    if (reasons.length === 0)
      reasons = await localReasons(registry, subject, schema, (await effectiveCompatibility(registry, subject)).level);
    for (const m of reasons) if (!messages.includes(m)) messages.push(m);
  } catch {
    // The registry's own 409 message is still there.
  }
  return new AppError(409, 'INCOMPATIBLE_SCHEMA', error.message, { ...details, messages });
}

/** The registry said "incompatible" without reasons (Apicurio ignores ?verbose=true): explain it with avsc. */
async function localReasons(registry: RegistryClient, subject: string, schema: string, level: string): Promise<string[]> {
  try {
    return localIncompatibilityReasons(level, schema, (await registry.version(subject, 'latest')).schema);
  } catch {
    return [];
  }
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
