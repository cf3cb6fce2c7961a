import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../errors/app-error.ts';
import type { RegisteredSchema, RegistryClient } from '../registry/index.ts';
import { ReadCache } from './read-cache.ts';
import { RECHECK_MS, SLOW_MS, createSubjectLister } from './subject-list.ts';

/** An in-memory registry that counts the calls the list makes. */
function fakeRegistry(options: { hasSchemasEndpoint: boolean }) {
  const subjects = new Map<string, { versions: number[]; ids: number[]; compatibility: string | null }>([
    ['a-value', { versions: [1, 2], ids: [10, 11], compatibility: null }],
    ['b-value', { versions: [1], ids: [20], compatibility: 'FULL' }],
  ]);
  const calls: string[] = [];
  const schema = (subject: string, version: number): RegisteredSchema => {
    const s = subjects.get(subject);
    const i = s?.versions.indexOf(version) ?? -1;
    if (!s || i < 0) throw new AppError(404, 'SUBJECT_NOT_FOUND', `no ${subject}`);
    return { subject, version, id: s.ids[i]!, schemaType: 'AVRO', schema: '"string"' };
  };
  const registry = {
    url: 'http://registry.test',
    async subjects() {
      calls.push('GET /subjects');
      return [...subjects.keys()];
    },
    async latestSchemas() {
      calls.push('GET /schemas?latestOnly=true');
      if (!options.hasSchemasEndpoint) return null;
      return [...subjects].map(([subject, s]) => schema(subject, s.versions.at(-1)!));
    },
    async versions(subject: string) {
      calls.push(`GET /subjects/${subject}/versions`);
      const s = subjects.get(subject);
      if (!s) throw new AppError(404, 'SUBJECT_NOT_FOUND', `no ${subject}`);
      return [...s.versions];
    },
    async version(subject: string, version: number | 'latest') {
      calls.push(`GET /subjects/${subject}/versions/${version}`);
      return schema(subject, version === 'latest' ? subjects.get(subject)!.versions.at(-1)! : version);
    },
    async subjectCompatibility(subject: string) {
      calls.push(`GET /config/${subject}`);
      return subjects.get(subject)?.compatibility ?? null;
    },
  } as unknown as RegistryClient;
  return { registry, calls, subjects };
}

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const expected = [
  { subject: 'a-value', versions: [1, 2], latestVersion: 2, latestId: 11, compatibility: null },
  { subject: 'b-value', versions: [1], latestVersion: 1, latestId: 20, compatibility: 'FULL' },
];

describe('the schemas list', () => {
  test('Confluent SR (GET /schemas?latestOnly=true): two calls per refresh in the steady state, whatever the subject count', async () => {
    const c = clock();
    const { registry, calls, subjects } = fakeRegistry({ hasSchemasEndpoint: true });
    const cache = new ReadCache({ ttlMs: 1000, now: c.now });
    const list = createSubjectLister(registry, cache, c.now);
    assert.deepEqual((await list()).subjects, expected);
    assert.equal(calls.filter((call) => call.includes('/versions/')).length, 0, 'ids come with /schemas: no per-version read');

    calls.length = 0;
    c.advance(1000);
    assert.deepEqual((await list()).subjects, expected);
    assert.deepEqual(calls.sort(), ['GET /schemas?latestOnly=true', 'GET /subjects'], 'the steady state: O(1) calls');

    // A new version registered elsewhere: only that subject's version list is read again.
    subjects.get('b-value')!.versions.push(2);
    subjects.get('b-value')!.ids.push(21);
    calls.length = 0;
    c.advance(1000);
    const after = (await list()).subjects.find((s) => s.subject === 'b-value');
    assert.deepEqual(after, { subject: 'b-value', versions: [1, 2], latestVersion: 2, latestId: 21, compatibility: 'FULL' });
    assert.deepEqual(calls.sort(), ['GET /schemas?latestOnly=true', 'GET /subjects', 'GET /subjects/b-value/versions']);
  });

  test('Apicurio (no /schemas): per subject its version list; the latest id read once; the missing endpoint asked again after RECHECK_MS', async () => {
    const c = clock();
    const { registry, calls } = fakeRegistry({ hasSchemasEndpoint: false });
    const cache = new ReadCache({ ttlMs: 1000, now: c.now });
    const list = createSubjectLister(registry, cache, c.now);
    assert.deepEqual((await list()).subjects, expected);
    assert.ok(calls.includes('GET /subjects/a-value/versions/2'));

    calls.length = 0;
    c.advance(1000);
    assert.deepEqual((await list()).subjects, expected);
    assert.deepEqual(calls.sort(), ['GET /subjects', 'GET /subjects/a-value/versions', 'GET /subjects/b-value/versions']);

    calls.length = 0;
    c.advance(RECHECK_MS);
    await list();
    assert.ok(calls.includes('GET /schemas?latestOnly=true'), 'asked again in case the registry changed');
  });

  test('compatibility is kept SLOW_MS; a write announced for the registry drops it at once', async () => {
    const c = clock();
    const { registry, calls, subjects } = fakeRegistry({ hasSchemasEndpoint: true });
    const cache = new ReadCache({ ttlMs: 1000, now: c.now });
    const list = createSubjectLister(registry, cache, c.now);
    await list();
    subjects.get('a-value')!.compatibility = 'NONE';
    c.advance(1000);
    calls.length = 0;
    assert.equal((await list()).subjects[0]!.compatibility, null, 'still the kept level');
    assert.ok(!calls.some((call) => call.startsWith('GET /config')));
    c.advance(SLOW_MS);
    assert.equal((await list()).subjects[0]!.compatibility, 'NONE');

    subjects.get('a-value')!.compatibility = 'FULL';
    cache.invalidatePrefix('registry/'); // what a write announced for the Schema Registry does
    assert.equal((await list()).subjects[0]!.compatibility, 'FULL');
  });

  test('a subject deleted between the subject list and its own read is left out, not an error', async () => {
    const { registry, subjects } = fakeRegistry({ hasSchemasEndpoint: false });
    const original = registry.subjects.bind(registry);
    registry.subjects = async () => {
      const names = await original();
      subjects.delete('b-value');
      return names;
    };
    const list = createSubjectLister(registry, new ReadCache({ ttlMs: 1000 }));
    assert.deepEqual(
      (await list()).subjects.map((s) => s.subject),
      ['a-value'],
    );
  });

  test('fetchedAt is the oldest read the answer is made of', async () => {
    const c = clock();
    const { registry } = fakeRegistry({ hasSchemasEndpoint: false });
    const list = createSubjectLister(registry, new ReadCache({ ttlMs: 1000, now: c.now }), c.now);
    assert.equal((await list()).fetchedAt, new Date(c.now()).toISOString());
  });
});
