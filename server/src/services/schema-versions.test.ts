import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RegisteredSchema, RegistryClient } from '../registry/index.ts';
import { CACHE_PREFIX, ReadCache } from './read-cache.ts';
import { createSchemaReads } from './schema-versions.ts';

/** A registry holding versions 1..3 of one subject, counting the version reads. */
function fakeRegistry() {
  const calls: string[] = [];
  const registry = {
    url: 'http://registry.test',
    async versions() {
      calls.push('versions');
      return [1, 2, 3];
    },
    async version(subject: string, version: number | 'latest'): Promise<RegisteredSchema> {
      calls.push(`version ${version}`);
      const n = version === 'latest' ? 3 : version;
      return { subject, version: n, id: 100 + n, schemaType: 'AVRO', schema: '"string"' };
    },
    async subjectCompatibility() {
      calls.push('subject level');
      return null;
    },
    async globalCompatibility() {
      calls.push('global level');
      return 'BACKWARD_TRANSITIVE';
    },
  } as unknown as RegistryClient;
  return { registry, calls };
}

test('numbered versions are read once through the cache; latest and the level are read every time', async () => {
  const { registry, calls } = fakeRegistry();
  const reads = createSchemaReads(registry, new ReadCache({ ttlMs: 2000 }));
  for (let i = 0; i < 2; i++) {
    await reads.version('s', 2);
    await reads.version('s', 'latest');
    assert.deepEqual(await reads.effective('s'), { level: 'BACKWARD_TRANSITIVE', source: 'global' });
  }
  assert.equal(calls.filter((c) => c === 'version 2').length, 1);
  assert.equal(calls.filter((c) => c === 'version latest').length, 2);
  assert.equal(calls.filter((c) => c === 'global level').length, 2);
});

test('a transitive level compares with every version, newest first; a write to the registry drops the cached ones', async () => {
  const { registry, calls } = fakeRegistry();
  const cache = new ReadCache({ ttlMs: 2000 });
  const reads = createSchemaReads(registry, cache);
  assert.deepEqual(
    (await reads.toCompare('s', 'BACKWARD_TRANSITIVE')).map((v) => v.version),
    [3, 2, 1],
  );
  assert.deepEqual(
    (await reads.toCompare('s', 'BACKWARD')).map((v) => v.version),
    [3],
  );
  cache.invalidatePrefix(CACHE_PREFIX['Schema Registry']);
  await reads.toCompare('s', 'FULL_TRANSITIVE');
  assert.equal(calls.filter((c) => c === 'version 3').length, 2, 'read again after the invalidation');
});

test('without a cache every read goes to the registry', async () => {
  const { registry, calls } = fakeRegistry();
  const reads = createSchemaReads(registry);
  await reads.version('s', 1);
  await reads.version('s', 1);
  assert.equal(calls.filter((c) => c === 'version 1').length, 2);
});
