/**
 * The semantic diff and the itemised compatibility check against the real registry (Apicurio's ccompat API on the
 * harness). For every case of the change matrix the registry's own verdict under BACKWARD and FORWARD is asked
 * and must agree with the panel's.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CompatibilityVerdict, SchemaDiffResult } from '@pipeline-panel/server/contracts';
import { matrix, record, base } from '@pipeline-panel/server/domain/schema-diff/testing';
import { run, useSuite } from './pipeline-support.ts';

const suite = useSuite('schema-diff');
const post = (url: string, payload: unknown) => suite.inject({ method: 'POST', url, payload: payload as object });
const put = (url: string, payload: unknown) => suite.inject({ method: 'PUT', url, payload: payload as object });
const level = async (subject: string, value: string) => {
  const res = await put(`/api/schemas/${subject}/compatibility`, { level: value });
  assert.equal(res.statusCode, 200, res.body);
};
const register = async (subject: string, schema: unknown) => {
  const res = await post(`/api/schemas/${subject}/versions`, { schema });
  assert.equal(res.statusCode, 200, res.body);
};

describe('diff verdicts over the change matrix, against the registry', () => {
  for (const [i, c] of matrix.entries()) {
    test(c.name, async () => {
      const subject = `diff-${run}-${i}-value`;
      await register(subject, c.from);
      const registryBreaks = { BACKWARD: c.apicurio?.backward ?? c.backward, FORWARD: c.apicurio?.forward ?? c.forward };
      for (const [direction, breaks] of [
        ['BACKWARD', c.backward],
        ['FORWARD', c.forward],
      ] as const) {
        await level(subject, direction);
        const verdict = (await post(`/api/schemas/${subject}/check`, { schema: c.to })).json<CompatibilityVerdict>();
        assert.equal(verdict.compatible, !registryBreaks[direction], `the registry under ${direction}: ${JSON.stringify(verdict)}`);
        const panelBreaks = verdict.incompatibilities.some((x) => x.source === 'panel');
        assert.equal(panelBreaks, breaks, `the panel's check under ${direction}: ${JSON.stringify(verdict.incompatibilities)}`);
        assert.equal(verdict.disagreement, breaks !== registryBreaks[direction], 'a disagreement is flagged exactly when there is one');
        const diff = (await post(`/api/schemas/${subject}/diff`, { draft: c.to })).json<SchemaDiffResult>();
        assert.equal(diff.compatibility.level, direction);
        assert.equal(diff.breaking > 0, breaks, `the panel's diff under ${direction}: ${JSON.stringify(diff.changes)}`);
      }
      // Registered as version 2, the version diff says what the draft diff said. Apicurio has no per-subject NONE
      // (its ccompat API deletes the subject's rule, so the global level applies): register under a level that
      // accepts the change; a change both directions refuse cannot become version 2 there.
      const accepting = !registryBreaks.BACKWARD ? 'BACKWARD' : !registryBreaks.FORWARD ? 'FORWARD' : null;
      if (accepting === null) return;
      await level(subject, accepting);
      await register(subject, c.to);
      await level(subject, 'FULL');
      const res = await suite.inject({ method: 'GET', url: `/api/schemas/${subject}/diff?from=1&to=2` });
      assert.equal(res.statusCode, 200, res.body);
      const diff = res.json<SchemaDiffResult>();
      assert.deepEqual(diff.changes.map((x) => x.kind).sort(), [...c.kinds].sort());
      assert.equal(diff.breaking > 0, c.backward || c.forward);
      assert.deepEqual([diff.from.version, diff.to.version], [1, 2]);
      const implicit = (await suite.inject({ method: 'GET', url: `/api/schemas/${subject}/diff` })).json<SchemaDiffResult>();
      assert.deepEqual([implicit.from.version, implicit.to.version], [1, 2], 'from defaults to the version before the latest');
    });
  }
});

describe('the compatibility check and the diff API', () => {
  const subject = `itemised-${run}-value`;
  const v1 = record(base);
  const several = record([
    { name: 'id', type: 'string' },
    { name: 'qty', type: 'string' },
    { name: 'a', type: 'int' },
    { name: 'b', type: 'long' },
  ]);

  test('several incompatibilities are listed, the panel’s marked as such, where the registry gives no reasons', async () => {
    await register(subject, v1);
    await level(subject, 'BACKWARD');
    const verdict = (await post(`/api/schemas/${subject}/check`, { schema: several })).json<CompatibilityVerdict>();
    assert.equal(verdict.compatible, false);
    const panel = verdict.incompatibilities.filter((i) => i.source === 'panel');
    assert.deepEqual(panel.map((i) => i.path).sort(), ['a', 'b', 'qty']);
    assert.ok(panel.every((i) => i.version === 1 && i.direction === 'BACKWARD'));
    assert.ok(
      verdict.incompatibilities.some((i) => i.source === 'registry'),
      'the registry’s refusal is itemised too',
    );
    assert.ok(verdict.messages.filter((m) => m.startsWith('panel check: v1: ')).length === 3, verdict.messages.join('\n'));

    const refused = await post(`/api/schemas/${subject}/versions`, { schema: several });
    assert.equal(refused.statusCode, 409);
    const details = refused.json<{ details: { incompatibilities: { source: string; path: string | null }[] } }>().details;
    assert.deepEqual(
      details.incompatibilities
        .filter((i) => i.source === 'panel')
        .map((i) => i.path)
        .sort(),
      ['a', 'b', 'qty'],
    );
  });

  test('a transitive level compares with every version', async () => {
    const t = `transitive-${run}-value`;
    await register(t, record([...base, { name: 'note', type: 'string' }]));
    await register(t, record([...base, { name: 'note', type: 'string', default: '' }]));
    await level(t, 'FORWARD');
    const plain = (await post(`/api/schemas/${t}/check`, { schema: v1 })).json<CompatibilityVerdict>();
    assert.equal(plain.compatible, true, JSON.stringify(plain));
    await level(t, 'FORWARD_TRANSITIVE');
    const transitive = (await post(`/api/schemas/${t}/check`, { schema: v1 })).json<CompatibilityVerdict>();
    assert.equal(transitive.compatible, false, JSON.stringify(transitive));
    assert.deepEqual(
      transitive.incompatibilities.filter((i) => i.source === 'panel').map((i) => [i.version, i.path]),
      [[1, 'note']],
    );
  });

  test('bad input: invalid Avro, unknown versions, an unknown subject — specific 4xx', async () => {
    const invalid = await post(`/api/schemas/${subject}/diff`, {
      draft: '{"type":"record","name":"X","fields":[{"name":"a","type":"nope"}]}',
    });
    assert.equal(invalid.statusCode, 400, invalid.body);
    assert.equal(invalid.json<{ code: string }>().code, 'INVALID_AVRO');
    const unknown = await suite.inject({ method: 'GET', url: `/api/schemas/${subject}/diff?from=1&to=99` });
    assert.equal(unknown.statusCode, 404, unknown.body);
    assert.equal(unknown.json<{ code: string }>().code, 'VERSION_NOT_FOUND');
    const first = await suite.inject({ method: 'GET', url: `/api/schemas/${subject}/diff?to=1` });
    assert.equal(first.statusCode, 404, first.body);
    assert.match(first.json<{ message: string }>().message, /first version/);
    const badVersion = await suite.inject({ method: 'GET', url: `/api/schemas/${subject}/diff?from=0` });
    assert.equal(badVersion.json<{ code: string }>().code, 'INVALID_VERSION');
    const noSubject = await post(`/api/schemas/nope-${run}-value/diff`, { draft: v1 });
    assert.equal(noSubject.statusCode, 404, noSubject.body);
    assert.equal(noSubject.json<{ code: string }>().code, 'SUBJECT_NOT_FOUND');
  });
});
