/**
 * The schemas list at O(1) registry calls per request in the steady state. What can change is the subject list, each
 * subject's latest version and its compatibility level; a registered version is never edited (a schema id always
 * names the same text). So:
 * - Confluent Schema Registry answers `GET /schemas?latestOnly=true`: the latest version and id of every subject in
 *   one call, with `GET /subjects` beside it to catch subjects that call left out (it is capped by
 *   `schema.search.max.limit`). A subject's version list is read again only when its latest version changed, or
 *   after SLOW_MS (a version deleted below the latest);
 * - Apicurio's ccompat API has no such call (404): then `GET /subjects/<s>/versions` per subject, shared and cached
 *   like every read, the latest one's id read once per version (`GET /subjects/<s>/versions/<n>`);
 * - the compatibility level of each subject is kept for SLOW_MS: the panel's own changes drop it at once, others
 *   show within that time (a subject's detail always reads it fresh).
 * The registry without `/schemas` is remembered for RECHECK_MS, then asked again.
 */
import type { SubjectListResponse, SubjectSummary } from '../contracts/schemas.ts';
import { AppError } from '../errors/app-error.ts';
import type { RegistryClient } from '../registry/index.ts';
import { cacheKey, isoTime, type Fetched, type ReadCache } from './read-cache.ts';

export const SLOW_MS = 30_000;
export const RECHECK_MS = 10 * 60_000;

interface Latest {
  subjects: string[];
  /** subject → its latest version and id; null when the registry has no `/schemas` (ask per subject). */
  latest: Map<string, { version: number; id: number }> | null;
}

const missing = (error: unknown) => error instanceof AppError && error.statusCode === 404;

export function createSubjectLister(registry: RegistryClient, cache: ReadCache, now: () => number = Date.now) {
  let perSubjectUntil = 0;
  const key = (...parts: string[]) => cacheKey('Schema Registry', ...parts);

  const latestOfAll = (): Promise<Fetched<Latest>> =>
    cache.get(key('latest'), async () => {
      if (now() >= perSubjectUntil) {
        const [all, subjects] = await Promise.all([registry.latestSchemas(), registry.subjects()]);
        if (all !== null) return { subjects, latest: new Map(all.map((s) => [s.subject, { version: s.version, id: s.id }])) };
        perSubjectUntil = now() + RECHECK_MS;
        return { subjects, latest: null };
      }
      return { subjects: await registry.subjects(), latest: null };
    });

  const versionsOf = (subject: string, slow: boolean) =>
    cache.get(key('versions', subject), () => registry.versions(subject), slow ? { ttlMs: SLOW_MS } : {});

  /** The subject's version list, read again when it does not end at the version `/schemas` says is the latest. */
  async function versionsEndingAt(subject: string, latest: number): Promise<Fetched<number[]>> {
    const cached = await versionsOf(subject, true);
    if (Math.max(...cached.value) === latest) return cached;
    cache.invalidate(key('versions', subject));
    return versionsOf(subject, true);
  }

  /** The id of one version: never changes while the version exists (kept SLOW_MS against a delete and re-register). */
  const idOf = async (subject: string, version: number) =>
    (await cache.get(key('version', subject, String(version)), () => registry.version(subject, version), { ttlMs: SLOW_MS })).value.id;

  const compatibilityOf = async (subject: string) =>
    (await cache.get(key('compatibility', subject), () => registry.subjectCompatibility(subject), { ttlMs: SLOW_MS })).value;

  async function summary(subject: string, latest: Latest['latest']): Promise<{ summary: SubjectSummary; fetchedAt: number } | null> {
    try {
      const known = latest?.get(subject);
      const versions = known ? await versionsEndingAt(subject, known.version) : await versionsOf(subject, false);
      if (versions.value.length === 0) return null;
      const latestVersion = known?.version ?? Math.max(...versions.value);
      const [latestId, compatibility] = await Promise.all([
        known ? Promise.resolve(known.id) : idOf(subject, latestVersion),
        compatibilityOf(subject),
      ]);
      // With `/schemas` the list is as new as that call; per subject, as its version list.
      return {
        summary: { subject, versions: versions.value, latestVersion, latestId, compatibility },
        fetchedAt: known ? Infinity : versions.fetchedAt,
      };
    } catch (error) {
      if (missing(error)) return null; // deleted between the subject list and this read
      throw error;
    }
  }

  return async function listSubjects(): Promise<SubjectListResponse> {
    const { value, fetchedAt } = await latestOfAll();
    const rows = await Promise.all([...value.subjects].sort().map((subject) => summary(subject, value.latest)));
    const present = rows.filter((r) => r !== null);
    const oldest = Math.min(fetchedAt, ...present.map((r) => r.fetchedAt));
    return { subjects: present.map((r) => r.summary), fetchedAt: isoTime(oldest) };
  };
}
