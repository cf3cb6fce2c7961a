/**
 * Writer schemas by id, for decoding Confluent-framed messages: `GET /schemas/ids/<id>` and, for the subject and
 * version, `GET /schemas/ids/<id>/versions` (Confluent Schema Registry; Apicurio's ccompat API answers it too, and
 * when a registry does not, subject and version stay unknown). A schema id is immutable, so answers are cached for
 * the life of the panel; a missing id is remembered briefly (it may be registered a moment later).
 */
import { requestJson, UpstreamHttpError, type RestOptions } from '../http/rest.ts';
import { mapRegistryError } from './client.ts';

export interface SchemaById {
  id: number;
  schemaType: string;
  schema: string;
  /** Every subject version holding this schema (a registry shares one id between identical schemas). */
  versions: { subject: string; version: number }[];
}

export interface SchemaIdLookup {
  /** null when the registry has no such id; throws when the registry cannot be reached. */
  byId(id: number): Promise<SchemaById | null>;
}

const MISSING_TTL_MS = 5_000;

export function createSchemaIdLookup(registryUrl: string, timeoutMs = 10_000): SchemaIdLookup {
  const http: RestOptions = {
    upstream: 'Schema Registry',
    baseUrl: registryUrl,
    timeoutMs,
    mediaType: 'application/vnd.schemaregistry.v1+json',
  };
  const found = new Map<number, Promise<SchemaById | null>>();
  const missing = new Map<number, number>();

  async function load(id: number): Promise<SchemaById | null> {
    let schema: { schema: string; schemaType?: string };
    try {
      schema = (await requestJson<{ schema: string; schemaType?: string }>(http, 'GET', `/schemas/ids/${id}`)).body;
    } catch (error) {
      if (error instanceof UpstreamHttpError && error.upstreamStatus === 404) return null;
      throw mapRegistryError(error);
    }
    const versions = await requestJson<{ subject: string; version: number }[]>(http, 'GET', `/schemas/ids/${id}/versions`).then(
      (r) => (Array.isArray(r.body) ? r.body : []),
      () => [],
    );
    const sorted = [...versions].sort((a, b) => a.subject.localeCompare(b.subject) || a.version - b.version);
    return { id, schemaType: schema.schemaType ?? 'AVRO', schema: schema.schema, versions: sorted };
  }

  return {
    byId(id) {
      const cached = found.get(id);
      if (cached) return cached;
      const missedAt = missing.get(id);
      if (missedAt !== undefined && Date.now() - missedAt < MISSING_TTL_MS) return Promise.resolve(null);
      // Single flight: concurrent lookups of one id share a request; only found schemas stay cached.
      const pending = load(id).then(
        (result) => {
          if (result === null) {
            found.delete(id);
            missing.set(id, Date.now());
          }
          return result;
        },
        (error: unknown) => {
          found.delete(id);
          throw error;
        },
      );
      found.set(id, pending);
      return pending;
    },
  };
}
