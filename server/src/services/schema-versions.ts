/** Subject facts several schema operations need: the effective compatibility level and registered versions' text. */
import type { EffectiveCompatibility } from '../contracts/schemas.ts';
import { levelDirections } from '../domain/schema-diff/index.ts';
import type { RegisteredSchema, RegistryClient } from '../registry/index.ts';

/** The subject's own level, else the registry's global one. */
export async function effectiveCompatibility(registry: RegistryClient, subject: string): Promise<EffectiveCompatibility> {
  const own = await registry.subjectCompatibility(subject);
  if (own !== null) return { level: own, source: 'subject' };
  return { level: await registry.globalCompatibility(), source: 'global' };
}

/** A transitive check compares with at most this many versions, newest first (each is one registry request). */
export const MAX_TRANSITIVE_VERSIONS = 200;

/** The versions a check under `level` compares with: the latest, or every version (newest first) when transitive. */
export async function versionsToCompare(registry: RegistryClient, subject: string, level: string): Promise<RegisteredSchema[]> {
  if (!levelDirections(level).transitive) return [await registry.version(subject, 'latest')];
  const versions = [...(await registry.versions(subject))].sort((a, b) => b - a).slice(0, MAX_TRANSITIVE_VERSIONS);
  return Promise.all(versions.map((v) => registry.version(subject, v)));
}
