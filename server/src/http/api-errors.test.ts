/**
 * Fastify's own errors and the schemas' refusals, through the real app: each comes out as
 * {statusCode, code, message, details?} with a specific code and message, and nothing behind the route is called.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { buildApp } from '../app.ts';
import type { PipelinePort } from '../ports.ts';

const HOST = '127.0.0.1:8420';
const headers = { host: HOST, 'x-pipeline-panel': '1' };
const calls: string[] = [];

/** A client whose every method records the call and fails: a refused request must call none. */
function untouchable<T>(name: string): T {
  return new Proxy({} as object, {
    get: (_target, prop) => {
      if (prop === 'url') return `http://${name}.invalid`;
      if (prop === 'then') return undefined;
      return (...args: unknown[]) => {
        calls.push(`${name}.${String(prop)}(${JSON.stringify(args).slice(0, 80)})`);
        throw new Error(`${name}.${String(prop)} must not be called`);
      };
    },
  }) as T;
}

const pipeline: PipelinePort = {
  registry: untouchable('registry'),
  connect: untouchable('connect'),
  kafka: untouchable('kafka'),
  clickhouse: untouchable('clickhouse'),
  files: untouchable('files'),
};
const unused = untouchable<never>('port');
const app = await buildApp({
  info: { project: 'demo', composeFile: '/x/docker-compose.yml' },
  security: { allowedHosts: [HOST], allowedOrigins: ['http://127.0.0.1:8420'], token: null },
  stack: { snapshot: unused, subscribe: unused },
  probes: { runAll: unused },
  services: untouchable('services'),
  pipeline,
  reset: untouchable('reset'),
  smoke: { schemaFiles: untouchable('schemaFiles') },
  wizard: { projectDir: '/nonexistent' },
});
after(() => app.close());

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
async function send(method: Method, url: string, payload?: unknown, extra: Record<string, string> = {}) {
  const json = payload !== undefined && typeof payload !== 'string';
  const res = await app.inject({
    method,
    url,
    headers: { ...headers, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...extra },
    ...(payload !== undefined ? { payload: json ? JSON.stringify(payload) : (payload as string) } : {}),
  });
  const body = res.json() as { statusCode: number; code: string; message: string; details?: unknown };
  return { status: res.statusCode, body, raw: res.body };
}

/** Over a real socket: the path is sent exactly as written (inject and fetch resolve dot segments first). */
async function raw(method: Method, path: string, payload: unknown): Promise<{ status: number; body: { code: string; message: string } }> {
  if (!app.server.listening) await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const text = method === 'GET' ? '' : JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { ...headers, ...(text ? { 'content-type': 'application/json' } : {}) } },
      (res) => {
        let data = '';
        res.on('data', (c: Buffer) => (data += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) as { code: string; message: string } }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

async function refused(method: Method, url: string, payload: unknown, status: number, code: string, message?: RegExp) {
  calls.length = 0;
  const { status: got, body } = await send(method, url, payload);
  assert.equal(got, status, `${method} ${url}: ${JSON.stringify(body)}`);
  assert.equal(body.statusCode, status);
  assert.equal(body.code, code, `${method} ${url}: ${body.message}`);
  if (message) assert.match(body.message, message);
  assert.deepEqual(calls, [], `${method} ${url} reached ${calls.join(', ')}`);
  return body;
}

describe('Fastify errors in the panel shape', () => {
  test('validation names the field and the rule', async () => {
    const b = await refused(
      'POST',
      '/api/topics',
      { name: 'orders', partitions: 0 },
      400,
      'INVALID_PARTITIONS',
      /^body\.partitions must be ≥ 1/,
    );
    assert.deepEqual(b.details, { field: 'body.partitions', rule: 'minimum' });
    await refused(
      'POST',
      '/api/topics',
      { name: 'orders', partitions: '3' },
      400,
      'INVALID_PARTITIONS',
      /body\.partitions must be a whole number from 1 to 1000 \(got the string "3"\)/,
    );
    await refused('POST', '/api/topics', { name: 'orders' }, 400, 'INVALID_PARTITIONS', /body\.partitions is required/);
    await refused(
      'POST',
      '/api/topics',
      { name: 'a b', partitions: 1 },
      400,
      'INVALID_TOPIC_NAME',
      /body\.name: topic name "a b" contains " "/,
    );
    await refused('POST', '/api/topics', { name: '..', partitions: 1 }, 400, 'INVALID_TOPIC_NAME', /cannot be "\.\."/);
    await refused('POST', '/api/topics', { name: 'x'.repeat(250), partitions: 1 }, 400, 'INVALID_TOPIC_NAME', /at most 249/);
    await refused(
      'POST',
      '/api/topics',
      { name: 'orders', partitions: 1, extra: true },
      400,
      'VALIDATION_FAILED',
      /body has an unknown property "extra"; allowed: name, partitions, retentionMs/,
    );
    await refused(
      'POST',
      '/api/topics',
      { name: 'orders', partitions: 1, retentionMs: 5 },
      400,
      'INVALID_RETENTION',
      /body\.retentionMs must be/,
    );
    await refused(
      'GET',
      '/api/clickhouse/tables/pipeline/orders/preview?limit=0',
      undefined,
      400,
      'INVALID_LIMIT',
      /query\.limit must be ≥ 1/,
    );
    await refused(
      'GET',
      '/api/clickhouse/tables/pipeline/orders/preview?limit=9999',
      undefined,
      400,
      'INVALID_LIMIT',
      /query\.limit must be ≤ 500/,
    );
    await refused(
      'GET',
      '/api/clickhouse/tables/pipeline/orders/preview?nope=1',
      undefined,
      400,
      'VALIDATION_FAILED',
      /query has an unknown property "nope"/,
    );
  });

  test('a missing body is read as {} and the schema says what is missing', async () => {
    await refused('POST', '/api/topics', undefined, 400, 'INVALID_TOPIC_NAME', /body\.name is required/);
    await refused('DELETE', '/api/connectors/orders-sink', undefined, 400, 'CONFIRMATION_REQUIRED', /body\.confirm is required/);
  });

  test('an unknown route is 404 ROUTE_NOT_FOUND naming it', async () => {
    await refused('GET', '/api/nope', undefined, 404, 'ROUTE_NOT_FOUND', /No route for GET \/api\/nope/);
  });

  test('a body over 1 MiB is 413 PAYLOAD_TOO_LARGE', async () => {
    await refused('POST', '/api/topics', { name: 'orders', partitions: 1, pad: 'x'.repeat(1024 * 1024) }, 413, 'PAYLOAD_TOO_LARGE');
  });

  test('a path parameter over the limit is 414 URI_TOO_LONG in the panel shape', async () => {
    const { status, body } = await send('GET', `/api/topics/${'x'.repeat(3000)}`);
    assert.deepEqual([status, body.code, body.statusCode], [414, 'URI_TOO_LONG', 414]);
  });

  test('a body that is not JSON is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    calls.length = 0;
    const { status, body } = await send('POST', '/api/topics', 'name=orders', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.deepEqual([status, body.code], [415, 'UNSUPPORTED_MEDIA_TYPE']);
    assert.deepEqual(calls, []);
  });

  test('invalid JSON, an empty JSON body and prototype poisoning each have their own code', async () => {
    await refused('POST', '/api/topics', '{"name":', 400, 'INVALID_JSON', /not valid JSON/);
    await refused('POST', '/api/topics', '', 400, 'EMPTY_JSON_BODY');
    await refused('POST', '/api/topics', '{"name":"t","partitions":1,"__proto__":{"x":1}}', 400, 'FORBIDDEN_JSON_KEY', /__proto__/);
    await refused('POST', '/api/topics', '{"name":"t","partitions":1,"constructor":{"prototype":{"x":1}}}', 400, 'FORBIDDEN_JSON_KEY');
  });

  test('a request Node cannot parse gets the panel shape too', async () => {
    if (!app.server.listening) await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const { connect } = await import('node:net');
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.end('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:8420\r\nContent-Length: x\r\n\r\n'),
      );
      let data = '';
      socket.on('data', (c: Buffer) => (data += c.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    assert.match(answer, /^HTTP\/1\.1 400/);
    assert.match(answer, /"code":"BAD_REQUEST"/);
  });

  test('a malformed percent-encoding is 400 BAD_URL', async () => {
    const { status, body } = await send('GET', '/api/topics/%zz');
    assert.deepEqual([status, body.code], [400, 'BAD_URL']);
  });

  test('hostile values never echo unbounded: deep nesting, 10 kB strings, control characters', async () => {
    for (const depth of [100, 5000, 100_000]) {
      const deep = `{"name":${'['.repeat(depth)}"x"${']'.repeat(depth)},"partitions":1}`;
      const { status, body } = await send('POST', '/api/topics', deep);
      assert.equal(status, 400, `depth ${depth}: ${JSON.stringify(body)}`);
      assert.match(body.code, /^(INVALID_TOPIC_NAME|INVALID_JSON)$/);
      assert.ok(JSON.stringify(body).length < 1000);
    }
    const long = await refused(
      'PUT',
      `/api/schemas/orders-value/compatibility`,
      { level: 'L'.repeat(10_000) },
      400,
      'INVALID_COMPATIBILITY_LEVEL',
    );
    assert.ok(long.message.length < 400, long.message);
    await refused('GET', `/api/topics/${encodeURIComponent('a\u0000b')}`, undefined, 400, 'INVALID_TOPIC_NAME');
    await refused('POST', '/api/schemas/orders-value/check', { schema: ['x'] }, 400, 'INVALID_AVRO');
    await refused('POST', '/api/smoke-runs', { pipeline: 'p', records: 1e12 }, 400, 'VALIDATION_FAILED', /body\.records must be ≤ 100000/);
    await refused(
      'POST',
      '/api/wizard/table/generate',
      { schema: '{}', database: 'd', table: 't', orderBy: 'id' },
      400,
      'VALIDATION_FAILED',
      /body\.orderBy must be/,
    );
  });
});

describe('every route family refuses bad input with a specific 4xx and calls nothing', () => {
  test('schemas: dot segments and unsafe subjects never reach the registry', async () => {
    for (const subject of ['.', '..', '%2e', '%2E%2E']) {
      calls.length = 0;
      const { status, body } = await raw('PUT', `/api/schemas/${subject}/compatibility`, { level: 'NONE' });
      assert.deepEqual([status, body.code], [400, 'INVALID_SUBJECT'], `${subject}: ${body.message}`);
      assert.match(body.message, /dot segment/);
      assert.deepEqual(calls, []);
    }
    await refused('GET', `/api/schemas/${encodeURIComponent('a"b')}`, undefined, 400, 'INVALID_SUBJECT');
    await refused('GET', '/api/schemas/orders-value/versions/0', undefined, 400, 'INVALID_VERSION');
    await refused(
      'PUT',
      '/api/schemas/orders-value/compatibility',
      { level: 'SOMETIMES' },
      400,
      'INVALID_COMPATIBILITY_LEVEL',
      /one of "BACKWARD"/,
    );
  });

  test('connectors: names, actions, files and the delete confirmation', async () => {
    for (const path of ['/api/connectors/..', '/api/connectors/%2E%2E/pause'])
      assert.equal((await raw(path.endsWith('pause') ? 'POST' : 'GET', path, {})).body.code, 'INVALID_CONNECTOR_NAME', path);
    await refused('POST', '/api/connectors/orders-sink/explode', {}, 400, 'VALIDATION_FAILED', /path\.action must be one of/);
    await refused('POST', '/api/connector-files/..%2Fsecrets.json/deploy', {}, 400, 'INVALID_FILE_NAME');
    await refused('POST', '/api/connector-files/x.json/deploy', { force: true }, 400, 'VALIDATION_FAILED', /unknown property "force"/);
    await refused('DELETE', '/api/connectors/orders-sink', { confirm: ['orders-sink'] }, 400, 'CONFIRMATION_REQUIRED');
  });

  test('tables and sql files', async () => {
    await refused('GET', '/api/clickhouse/tables/pipeline/or%60ders/preview', undefined, 400, 'INVALID_IDENTIFIER');
    await refused('POST', '/api/sql-files/..%2F..%2Fetc.sql/apply', {}, 400, 'INVALID_FILE_NAME');
  });

  test('schema diff: versions and drafts', async () => {
    await refused('GET', '/api/schemas/orders-value/diff?from=0', undefined, 400, 'INVALID_VERSION');
    await refused('GET', '/api/schemas/orders-value/diff?since=1', undefined, 400, 'VALIDATION_FAILED', /unknown property "since"/);
    await refused('POST', '/api/schemas/orders-value/diff', { draft: '{"type":"nope"}' }, 400, 'INVALID_AVRO');
    await refused('POST', '/api/schemas/orders-value/diff', { draft: '{"type":"string"}', against: 'first' }, 400, 'INVALID_VERSION');
  });

  test('the query box refuses before sending anything to ClickHouse', async () => {
    const box = (sql: string, code: string) => refused('POST', '/api/clickhouse/query', { sql }, 400, code);
    await box('SELECT 1; DROP TABLE t', 'QUERY_MULTI_STATEMENT');
    await box('INSERT INTO t VALUES (1)', 'QUERY_NOT_READ_ONLY');
    await box('SELECT 1 SETTINGS readonly = 0', 'QUERY_CLAUSE_REFUSED');
    await box('-- only a comment', 'QUERY_EMPTY');
    await refused('POST', '/api/clickhouse/query', { sql: 'SELECT 1', maxRows: 100_000 }, 400, 'INVALID_LIMIT');
  });

  test('evolution: the draft and the pipeline id', async () => {
    await refused('POST', '/api/evolution/plan', { pipeline: 'orders', draft: '{"type":"nope"}' }, 400, 'INVALID_AVRO');
    await refused('POST', '/api/evolution/plan', { pipeline: 'orders', draft: '"string"' }, 400, 'SCHEMA_NOT_RECORD');
    await refused('POST', '/api/evolution/apply', { pipeline: 'a/b', draft: '{}' }, 400, 'VALIDATION_FAILED');
    assert.equal((await raw('GET', '/api/evolution/operations/..', undefined)).body.code, 'VALIDATION_FAILED');
  });

  test('topics and consumer groups', async () => {
    await refused('GET', '/api/consumer-groups/a%20b/lag', undefined, 400, 'INVALID_GROUP_ID');
  });

  test('services, reset, smoke, wizard', async () => {
    await refused('POST', '/api/services/-x/restart', {}, 400, 'VALIDATION_FAILED');
    await refused('POST', '/api/services/db/stop', { confirm: 'other' }, 400, 'CONFIRMATION_REQUIRED');
    await refused('GET', '/api/services/db/logs?tail=-1', undefined, 400, 'INVALID_TAIL');
    await refused('POST', '/api/reset', {}, 400, 'CONFIRMATION_MISMATCH', /body\.confirm is required/);
    await refused(
      'POST',
      '/api/reset',
      { confirm: 'demo', fromScratch: 'yes' },
      400,
      'VALIDATION_FAILED',
      /body\.fromScratch must be true or false/,
    );
    await refused('POST', '/api/smoke-runs', { pipeline: '' }, 400, 'VALIDATION_FAILED', /body\.pipeline: name is empty/);
    await refused(
      'POST',
      '/api/wizard/topic/validate',
      { mode: 'maybe', name: 't' },
      400,
      'VALIDATION_FAILED',
      /body\.mode must be one of "existing", "new"/,
    );
    await refused('POST', '/api/wizard/plan', { topic: { name: 't' } }, 400, 'VALIDATION_FAILED', /body\.schema is required/);
    await refused(
      'POST',
      '/api/wizard/apply',
      { topic: { name: 't', partitions: 0 }, schema: 's', table: { database: 'd', table: 't', sql: 'x' }, connector: 'c' },
      400,
      'INVALID_PARTITIONS',
      /body\.topic\.partitions must be/,
    );
    assert.equal((await raw('GET', '/api/wizard/operations/..', undefined)).body.code, 'VALIDATION_FAILED');
  });

  test('a mutating request without the panel header is refused before validation', async () => {
    calls.length = 0;
    const res = await app.inject({
      method: 'POST',
      url: '/api/topics',
      headers: { host: HOST, 'content-type': 'application/json' },
      payload: '{}',
    });
    assert.deepEqual([res.statusCode, res.json().code], [403, 'PANEL_HEADER_REQUIRED']);
    assert.deepEqual(calls, []);
  });
});

describe('OpenAPI document', () => {
  test('lists every route with its schemas; SSE routes as text/event-stream; mutations need the panel header', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { host: HOST } });
    assert.equal(res.statusCode, 200);
    const doc = res.json() as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
      components: { schemas: Record<string, unknown> };
    };
    const routes = app.printRoutes({ commonPrefix: false });
    assert.ok(routes.length > 0);
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    for (const expected of [
      'GET /api/topics/{name}',
      'POST /api/topics',
      'PUT /api/schemas/{subject}/compatibility',
      'DELETE /api/connectors/{name}',
      'POST /api/sql-files/{file}/apply',
      'POST /api/reset',
      'POST /api/wizard/apply',
      'GET /api/smoke-runs/{runId}/events',
    ])
      assert.ok(operations.includes(expected), `${expected} missing from ${operations.join(', ')}`);
    assert.ok(operations.length >= 50, `only ${operations.length} operations`);
    const events = doc.paths['/api/stack/events']!.get!.responses as Record<string, { content: Record<string, unknown> }>;
    assert.ok(events['200']!.content['text/event-stream']);
    assert.deepEqual(doc.paths['/api/topics']!.post!.security, [{ panelHeader: [] }]);
    assert.ok(doc.components.schemas.ApiErrorBody);
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops))
        assert.ok(
          (op.responses as Record<string, unknown>)['4XX'] ?? (op.responses as Record<string, unknown>)['4xx'],
          `${method} ${path} has no 4xx`,
        );
  });
});
