import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type {
  CompatibilityVerdict,
  RegisterResult,
  SetCompatibilityResult,
  SubjectDetail,
  SubjectListResponse,
} from '@pipeline-panel/server/contracts';
import { downAddress, pipelineApp, pipelinePort, run, useSuite } from './pipeline-support.ts';

const suite = useSuite('schemas');
const subject = `orders-${run}-value`;
const v1 = { type: 'record', name: 'Order', namespace: 'test', fields: [{ name: 'order_id', type: 'string' }] };
const v2 = { ...v1, fields: [...v1.fields, { name: 'note', type: ['null', 'string'], default: null }] };
const incompatible = { ...v1, fields: [...v1.fields, { name: 'quantity', type: 'int' }] };

const post = (url: string, payload: unknown) => suite.inject({ method: 'POST', url, payload: payload as object });

describe('schemas against the real registry (Apicurio ccompat API)', () => {
  test('a first version is checked (no subject yet) and registered', async () => {
    const check = await post(`/api/schemas/${subject}/check`, { schema: JSON.stringify(v1) });
    assert.equal(check.statusCode, 200, check.body);
    const verdict = check.json<CompatibilityVerdict>();
    assert.equal(verdict.subjectExists, false);
    assert.equal(verdict.compatible, null);

    const res = await post(`/api/schemas/${subject}/versions`, { schema: v1 });
    assert.equal(res.statusCode, 200, res.body);
    const result = res.json<RegisterResult>();
    assert.equal(result.created, true);
    assert.equal(result.version, 1);

    const again = (await post(`/api/schemas/${subject}/versions`, { schema: v1 })).json<RegisterResult>();
    assert.equal(again.created, false, 'registering the same schema again changes nothing');
    assert.equal(again.id, result.id);

    const list = (await suite.inject({ method: 'GET', url: '/api/schemas' })).json<SubjectListResponse>();
    const summary = list.subjects.find((s) => s.subject === subject);
    assert.deepEqual(summary?.versions, [1]);
    assert.equal(summary?.latestId, result.id);
  });

  test('setting the subject to BACKWARD says what changed, and is idempotent', async () => {
    const res = await suite.inject({ method: 'PUT', url: `/api/schemas/${subject}/compatibility`, payload: { level: 'BACKWARD' } });
    assert.equal(res.statusCode, 200, res.body);
    const first = res.json<SetCompatibilityResult>();
    assert.equal(first.level, 'BACKWARD');
    const second = (
      await suite.inject({ method: 'PUT', url: `/api/schemas/${subject}/compatibility`, payload: { level: 'BACKWARD' } })
    ).json<SetCompatibilityResult>();
    assert.equal(second.changed, false);
    assert.equal(second.previous, 'BACKWARD');
    const detail = (await suite.inject({ method: 'GET', url: `/api/schemas/${subject}` })).json<SubjectDetail>();
    assert.deepEqual(detail.compatibility, { level: 'BACKWARD', source: 'subject' });
  });

  test('a new field with a default is compatible and registers as version 2', async () => {
    const verdict = (await post(`/api/schemas/${subject}/check`, { schema: v2 })).json<CompatibilityVerdict>();
    assert.equal(verdict.compatible, true, JSON.stringify(verdict));
    const result = (await post(`/api/schemas/${subject}/versions`, { schema: v2 })).json<RegisterResult>();
    assert.equal(result.version, 2);
    const detail = (await suite.inject({ method: 'GET', url: `/api/schemas/${subject}` })).json<SubjectDetail>();
    assert.deepEqual(detail.versions, [1, 2]);
    assert.match(detail.latest.schema, /"note"/);
    const v = await suite.inject({ method: 'GET', url: `/api/schemas/${subject}/versions/1` });
    assert.equal(v.json<{ version: number }>().version, 1);
  });

  test('an incompatible change is refused with the registry reason (409) and nothing is registered', async () => {
    const verdict = (await post(`/api/schemas/${subject}/check`, { schema: incompatible })).json<CompatibilityVerdict>();
    assert.equal(verdict.compatible, false);
    assert.ok(verdict.messages.length > 0, 'the verdict carries reasons');

    const res = await post(`/api/schemas/${subject}/versions`, { schema: incompatible });
    assert.equal(res.statusCode, 409, res.body);
    const body = res.json<{ code: string; message: string; details: { messages: string[]; upstreamStatus: number } }>();
    assert.equal(body.code, 'INCOMPATIBLE_SCHEMA');
    assert.match(body.message, /Schema Registry says: .*[Ii]ncompatible/);
    assert.equal(body.details.upstreamStatus, 409);
    assert.ok(
      body.details.messages.some((m) => /quantity/.test(m)),
      JSON.stringify(body.details.messages),
    );
    const detail = (await suite.inject({ method: 'GET', url: `/api/schemas/${subject}` })).json<SubjectDetail>();
    assert.deepEqual(detail.versions, [1, 2]);
  });

  test('invalid Avro is refused with avsc message before the registry is called', async () => {
    const bad = `bad-${run}-value`;
    const res = await post(`/api/schemas/${bad}/versions`, {
      schema: { type: 'record', name: 'X', fields: [{ name: 'a', type: 'strnig' }] },
    });
    assert.equal(res.statusCode, 400);
    const body = res.json<{ code: string; message: string }>();
    assert.equal(body.code, 'INVALID_AVRO');
    assert.match(body.message, /strnig/);
    const missing = await suite.inject({ method: 'GET', url: `/api/schemas/${bad}` });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json<{ code: string }>().code, 'SUBJECT_NOT_FOUND');
  });

  test('bad input: subject names with slashes or quotes, unknown levels, oversized bodies — each a 4xx, nothing changed', async () => {
    const before = (await suite.inject({ method: 'GET', url: '/api/schemas' })).json<SubjectListResponse>().subjects.length;
    for (const name of ['a%2Fb', 'a%22b', "a'b", 'a%5Cb', 'a%0Ab']) {
      const res = await post(`/api/schemas/${name}/versions`, { schema: v1 });
      assert.equal(res.statusCode, 400, `${name}: ${res.body}`);
      assert.equal(res.json<{ code: string }>().code, 'INVALID_SUBJECT');
    }
    const level = await suite.inject({ method: 'PUT', url: `/api/schemas/${subject}/compatibility`, payload: { level: 'SOMETIMES' } });
    assert.equal(level.json<{ code: string }>().code, 'INVALID_COMPATIBILITY_LEVEL');
    const huge = { schema: JSON.stringify({ ...v1, doc: 'x'.repeat(1024 * 1024 + 10) }) };
    const big = await post(`/api/schemas/huge-${run}/versions`, huge);
    assert.equal(big.statusCode, 413);
    assert.equal(big.json<{ code: string }>().code, 'PAYLOAD_TOO_LARGE');
    const after = (await suite.inject({ method: 'GET', url: '/api/schemas' })).json<SubjectListResponse>().subjects.length;
    assert.equal(after, before);
    const detail = (await suite.inject({ method: 'GET', url: `/api/schemas/${subject}` })).json<SubjectDetail>();
    assert.equal(detail.compatibility.level, 'BACKWARD');
  });

  test('"." and ".." never reach the registry as another URL: its global level stays as it was', async () => {
    const globalBefore = await suite.port.registry.globalCompatibility();
    const target = globalBefore === 'NONE' ? 'FULL' : 'NONE';
    await assert.rejects(suite.port.registry.setCompatibility('.', target), { statusCode: 400, code: 'VALIDATION_FAILED' });
    await assert.rejects(suite.port.registry.setCompatibility('..', target), { statusCode: 400 });
    await assert.rejects(suite.port.registry.subjectCompatibility('.'), { statusCode: 400 });
    // The route refuses them too (over a real socket, where dot segments arrive as written): http/api-errors.test.ts.
    assert.equal(await suite.port.registry.globalCompatibility(), globalBefore, 'the global level did not change');
  });

  test('a 255-character subject (the maximum) is registered and read back through the panel', async () => {
    const long = `${run}-${'s'.repeat(255 - run.length - 7)}-value`;
    assert.equal(long.length, 255);
    const res = await post(`/api/schemas/${long}/versions`, { schema: v1 });
    assert.equal(res.statusCode, 200, res.body);
    const detail = await suite.inject({ method: 'GET', url: `/api/schemas/${long}` });
    assert.equal(detail.statusCode, 200, detail.body);
    assert.equal(detail.json<SubjectDetail>().subject, long);
    const over = await suite.inject({ method: 'GET', url: `/api/schemas/${long}x` });
    assert.deepEqual([over.statusCode, over.json<{ code: string }>().code], [400, 'INVALID_SUBJECT']);
  });

  test('a registry that is down answers 503 SCHEMA_REGISTRY_UNAVAILABLE naming its URL and the fix', async () => {
    const down = await downAddress();
    const app = await pipelineApp(pipelinePort(suite.env, suite.projectDir, { registry: { url: `http://${down}/apis/ccompat/v6` } }));
    try {
      const res = await app.inject({ method: 'GET', url: '/api/schemas' });
      assert.equal(res.statusCode, 503);
      const body = res.json<{ code: string; message: string; details: { hint: string } }>();
      assert.equal(body.code, 'SCHEMA_REGISTRY_UNAVAILABLE');
      // The list asks /subjects and /schemas?latestOnly=true at once: whichever is refused first is named.
      assert.ok(
        [`/subjects`, `/schemas?latestOnly=true`].some((path) =>
          body.message.startsWith(`Schema Registry at http://${down}/apis/ccompat/v6${path}: connection refused`),
        ),
        body.message,
      );
      assert.match(body.details.hint, /start the harness/);
    } finally {
      await app.close();
    }
  });
});
