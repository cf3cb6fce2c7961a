import { AppError } from '../errors/app-error.ts';
import { pathSegment } from '../http/path-segment.ts';
import type { HttpCredentials } from '../http/credentials.ts';
import { createKeepAliveAgent, requestJson, type HttpEndpoint, UpstreamHttpError, type RestOptions } from '../http/rest.ts';
import type { UpstreamChanges } from '../http/upstream-changes.ts';

export interface RegistryClientOptions {
  /** Base URL of a Confluent-compatible REST API (Confluent SR, or e.g. Apicurio's /apis/ccompat/v7). */
  url: string;
  timeoutMs: number;
  /** HTTP basic auth, when the service requires it. */
  credentials?: HttpCredentials | null;
  /** PEM CA the https: service's certificate must chain to. */
  ca?: string | null;
  /** Where the client announces the writes it sends (register, set compatibility), for the read caches. */
  changes?: UpstreamChanges;
}

/** A registered schema as the registry returns it. */
export interface RegisteredSchema {
  subject: string;
  version: number;
  id: number;
  schemaType: string;
  schema: string;
}

export interface CompatibilityAnswer {
  compatible: boolean;
  messages: string[];
}

/**
 * A small Confluent Schema Registry REST client (the endpoints the panel uses). Only the Confluent API surface
 * (docs/upstream-facts.md §2) so it works against Confluent SR and Apicurio's ccompat API alike.
 */
export interface RegistryClient {
  readonly url: string;
  /** Where and how to reach the service, for one-off calls beside this client (never serialised: it holds the password). */
  readonly endpoint: HttpEndpoint;
  subjects(): Promise<string[]>;
  /** Global compatibility level from GET /config. */
  globalCompatibility(): Promise<string>;
  /** The subject's own level, or null when it inherits the global one. */
  subjectCompatibility(subject: string): Promise<string | null>;
  versions(subject: string): Promise<number[]>;
  version(subject: string, version: number | 'latest'): Promise<RegisteredSchema>;
  /** The version of `subject` holding exactly this schema, or null. */
  lookup(subject: string, schema: string): Promise<RegisteredSchema | null>;
  register(subject: string, schema: string): Promise<{ id: number }>;
  /** Compatibility with the latest version (or the one given); null when the subject does not exist. */
  checkCompatibility(subject: string, schema: string, version?: number | 'latest'): Promise<CompatibilityAnswer | null>;
  setCompatibility(subject: string, level: string): Promise<string>;
  /**
   * The latest version of every subject in one call (Confluent SR's `GET /schemas?latestOnly=true`), or null when the
   * registry has no such endpoint (Apicurio's ccompat API before v7): then ask per subject.
   */
  latestSchemas(): Promise<RegisteredSchema[] | null>;
  /** Closes the kept-alive connections. */
  close(): Promise<void>;
}

const MEDIA_TYPE = 'application/vnd.schemaregistry.v1+json';
const seg = (value: string) => pathSegment(value, 'subject');

export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const agent = createKeepAliveAgent();
  const http: RestOptions = {
    upstream: 'Schema Registry',
    baseUrl: options.url,
    timeoutMs: options.timeoutMs,
    mediaType: MEDIA_TYPE,
    agent,
    credentials: options.credentials,
    ca: options.ca,
  };
  const endpoint: HttpEndpoint = { url: options.url, credentials: options.credentials ?? null, ca: options.ca ?? null };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    try {
      return (await requestJson<T>(http, method, path, body)).body;
    } catch (error) {
      throw mapRegistryError(error);
    }
  };
  /** A write: announced whether or not it was answered (a timed-out write may still land). */
  const write = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    try {
      return await call<T>(method, path, body);
    } finally {
      options.changes?.announce('Schema Registry');
    }
  };
  const toSchema = (raw: RawSchema, subject: string): RegisteredSchema => ({
    subject: raw.subject ?? subject,
    version: raw.version,
    id: raw.id,
    schemaType: raw.schemaType ?? 'AVRO',
    schema: raw.schema,
  });

  return {
    url: options.url,
    endpoint,
    subjects: () => call<string[]>('GET', '/subjects'),
    globalCompatibility: async () => compatibilityOf(await call<ConfigBody>('GET', '/config')) ?? 'unknown',
    async subjectCompatibility(subject) {
      try {
        return compatibilityOf(await call<ConfigBody>('GET', `/config/${seg(subject)}`));
      } catch (error) {
        // Confluent answers 40408 (or 40401 on older versions) when the subject has no level of its own.
        if (error instanceof AppError && error.statusCode === 404) return null;
        throw error;
      }
    },
    versions: (subject) => call<number[]>('GET', `/subjects/${seg(subject)}/versions`),
    version: async (subject, version) => toSchema(await call<RawSchema>('GET', `/subjects/${seg(subject)}/versions/${version}`), subject),
    async lookup(subject, schema) {
      try {
        return toSchema(await call<RawSchema>('POST', `/subjects/${seg(subject)}`, { schema }), subject);
      } catch (error) {
        if (error instanceof AppError && error.statusCode === 404) return null; // 40401 subject / 40403 schema not found
        throw error;
      }
    },
    register: (subject, schema) => write<{ id: number }>('POST', `/subjects/${seg(subject)}/versions`, { schema }),
    async checkCompatibility(subject, schema, version = 'latest') {
      let body: { is_compatible?: unknown; messages?: unknown };
      try {
        body = await call('POST', `/compatibility/subjects/${seg(subject)}/versions/${version}?verbose=true`, { schema });
      } catch (error) {
        if (error instanceof AppError && error.code === 'SUBJECT_NOT_FOUND') return null;
        throw error;
      }
      return { compatible: body.is_compatible === true, messages: verboseMessages(body.messages) };
    },
    setCompatibility: async (subject, level) =>
      compatibilityOf(await write<ConfigBody>('PUT', `/config/${seg(subject)}`, { compatibility: level })) ?? level,
    async latestSchemas() {
      try {
        return (await call<RawSchema[]>('GET', '/schemas?latestOnly=true')).map((raw) => toSchema(raw, raw.subject ?? ''));
      } catch (error) {
        // Apicurio 2.x's ccompat v6 has only /schemas/ids/…: the bare path is a 404 (or 405).
        if (error instanceof AppError && (error.details as { upstreamStatus?: number } | undefined)?.upstreamStatus === 404) return null;
        if (error instanceof UpstreamHttpError && error.upstreamStatus === 405) return null;
        throw error;
      }
    },
    close: async () => agent.destroy(),
  };
}

interface RawSchema {
  subject?: string;
  version: number;
  id: number;
  schemaType?: string;
  schema: string;
}

type ConfigBody = { compatibilityLevel?: string; compatibility?: string } | null | undefined;

/** GET /config answers {compatibilityLevel}; PUT /config answers {compatibility}. */
function compatibilityOf(body: ConfigBody): string | null {
  return body?.compatibilityLevel ?? body?.compatibility ?? null;
}

/** Confluent's verbose mode returns strings; other implementations have returned objects — keep them readable. */
export function verboseMessages(messages: unknown): string[] {
  if (!Array.isArray(messages)) return typeof messages === 'string' && messages !== '' ? [messages] : [];
  return messages.map((m) => (typeof m === 'string' ? m : JSON.stringify(m)));
}

/**
 * Registry rejections → specific panel errors; the registry's error_code and message stay in `details`.
 * Codes: Confluent SR RestException subclasses (40401 subject, 40402 version, 40403 schema not found, 409
 * incompatible, 42201 invalid schema, 42202 invalid version, 42203 invalid compatibility level).
 */
export function mapRegistryError(error: unknown): unknown {
  if (!(error instanceof UpstreamHttpError)) return error;
  const details = {
    service: 'Schema Registry',
    target: error.target,
    upstreamStatus: error.upstreamStatus,
    errorCode: error.errorCode,
    registryMessage: error.upstreamMessage,
  };
  const said = `the Schema Registry says: ${error.upstreamMessage || `HTTP ${error.upstreamStatus}`}`;
  const code = error.errorCode;
  if (code === 40401) return new AppError(404, 'SUBJECT_NOT_FOUND', `Subject not found (${said})`, details);
  if (code === 40402) return new AppError(404, 'VERSION_NOT_FOUND', `Version not found (${said})`, details);
  if (code === 40403) return new AppError(404, 'SCHEMA_NOT_FOUND', `Schema not found (${said})`, details);
  if (error.upstreamStatus === 409) {
    return new AppError(409, 'INCOMPATIBLE_SCHEMA', `The schema is incompatible with the subject's latest version (${said})`, {
      ...details,
      messages: [error.upstreamMessage],
    });
  }
  if (code === 42201 || code === 422) return new AppError(400, 'INVALID_SCHEMA', `The registry refused the schema (${said})`, details);
  if (code === 42202) return new AppError(400, 'INVALID_VERSION', `Invalid version (${said})`, details);
  if (code === 42203) return new AppError(400, 'INVALID_COMPATIBILITY_LEVEL', `Invalid compatibility level (${said})`, details);
  if (error.upstreamStatus === 404) return new AppError(404, 'REGISTRY_NOT_FOUND', `Not found in the registry (${said})`, details);
  if (error.upstreamStatus >= 400 && error.upstreamStatus < 500)
    return new AppError(400, 'REGISTRY_REJECTED', `The request was refused (${said})`, details);
  return error;
}

export async function probeRegistry(client: RegistryClient): Promise<Record<string, string | number>> {
  const [subjects, compatibility] = await Promise.all([client.subjects(), client.globalCompatibility()]);
  return { url: client.url, subjectCount: subjects.length, compatibility };
}
