/**
 * Subject facts several schema operations need: the effective compatibility level and registered versions' text.
 * A numbered version never changes while it exists (a schema id always names the same text), so with a read cache
 * it is read once per SLOW_MS — and dropped at once when the panel writes to the registry (the client announces it).
 * "latest" and the levels are read fresh: a check or a diff must judge against what the registry holds now.
 */
import type { EffectiveCompatibility } from '../contracts/schemas.ts';
import { levelDirections } from '../domain/schema-diff/index.ts';
import type { RegisteredSchema, RegistryClient } from '../registry/index.ts';
import { cacheKey, type ReadCache } from './read-cache.ts';
import { SLOW_MS } from './subject-list.ts';

/** A transitive check compares with at most this many versions, newest first (each is one registry request). */
export const MAX_TRANSITIVE_VERSIONS = 200;

export interface SchemaReads {
  registry: RegistryClient;
  version(subject: string, version: number | 'latest'): Promise<RegisteredSchema>;
  /** The subject's own level, else the registry's global one. */
  effective(subject: string): Promise<EffectiveCompatibility>;
  /** The versions a check under `level` compares with: the latest, or every version (newest first) when transitive. */
  toCompare(subject: string, level: string): Promise<RegisteredSchema[]>;
}

export function createSchemaReads(registry: RegistryClient, cache?: ReadCache): SchemaReads {
  const version = async (subject: string, ref: number | 'latest'): Promise<RegisteredSchema> => {
    if (ref === 'latest' || !cache) return registry.version(subject, ref);
    const key = cacheKey('Schema Registry', 'version', subject, String(ref));
    return (await cache.get(key, () => registry.version(subject, ref), { ttlMs: SLOW_MS })).value;
  };
  return {
    registry,
    version,
    async effective(subject) {
      const own = await registry.subjectCompatibility(subject);
      if (own !== null) return { level: own, source: 'subject' };
      return { level: await registry.globalCompatibility(), source: 'global' };
    },
    async toCompare(subject, level) {
      if (!levelDirections(level).transitive) return [await version(subject, 'latest')];
      const versions = [...(await registry.versions(subject))].sort((a, b) => b - a).slice(0, MAX_TRANSITIVE_VERSIONS);
      return Promise.all(versions.map((v) => version(subject, v)));
    },
  };
}
