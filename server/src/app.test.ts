import assert from 'node:assert/strict';
import { get as httpGet, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { buildApp, type AppDeps } from './app.ts';
import type { LogLine, ServiceAction, StackEvent, StackSnapshot } from './contracts/stack.ts';
import { AppError } from './errors/app-error.ts';
import type { ServicesPort } from './ports.ts';

const HOST = '127.0.0.1:8420';
const ORIGIN = 'http://127.0.0.1:8420';
const snapshot: StackSnapshot = {
  project: 'demo',
  composeFile: '/x/docker-compose.yml',
  dockerReachable: true,
  dockerError: null,
  composeError: null,
  composeSource: 'compose-cli',
  overall: 'healthy',
  services: [],
  graph: { services: [], edges: [], waves: [], problems: [] },
  generatedAt: '2025-01-01T00:00:00Z',
};

function deps(overrides: Partial<AppDeps> = {}): AppDeps & { calls: [string, ServiceAction][]; listeners: Set<(e: StackEvent) => void> } {
  const calls: [string, ServiceAction][] = [];
  const listeners = new Set<(e: StackEvent) => void>();
  const services: ServicesPort = {
    async action(service, action) {
      if (service === 'ghost') throw new AppError(404, 'UNKNOWN_SERVICE', 'Service "ghost" is not declared');
      if (service === 'boom') throw new Error('socket hang up at /var/run/docker.sock secret-detail');
      calls.push([service, action]);
      return { service, action, changed: action !== 'start', message: 'ok' };
    },
    async logs(_service, options, onLine) {
      const lines: LogLine[] = [
        { stream: 'stdout', ts: '2025-01-01T00:00:00Z', line: `tail=${options.tail}` },
        { stream: 'stderr', ts: null, line: 'err' },
      ];
      lines.forEach(onLine);
      return { done: Promise.resolve(), close: () => undefined };
    },
  };
  return {
    info: { project: 'demo', composeFile: '/x/docker-compose.yml' },
    security: { allowedHosts: [HOST], allowedOrigins: [ORIGIN], token: null },
    stack: { snapshot: async () => snapshot, subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) },
    probes: {
      runAll: async () => [
        {
          target: 'kafka',
          ok: false,
          checkedAt: 'now',
          latencyMs: 1,
          reason: 'Kafka at x: connection refused (ECONNREFUSED)',
          hint: 'start it',
        },
      ],
    },
    services,
    calls,
    listeners,
    ...overrides,
  };
}

const post = (url: string, body?: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST' as const,
  url,
  headers: { host: HOST, origin: ORIGIN, 'x-pipeline-panel': '1', ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
  ...(body ? { payload: JSON.stringify(body) } : {}),
});

describe('routes', () => {
  test('GET /api/health, /api/config, /api/stack, /api/stack/probes', async () => {
    const app = await buildApp(deps());
    const get = (url: string) => app.inject({ method: 'GET', url, headers: { host: HOST } });
    assert.deepEqual((await get('/api/health')).json(), { ok: true });
    assert.deepEqual((await get('/api/config')).json(), { project: 'demo', composeFile: '/x/docker-compose.yml', tokenRequired: false });
    assert.equal((await get('/api/stack')).json().overall, 'healthy');
    const probes = await get('/api/stack/probes');
    assert.equal(probes.statusCode, 200);
    assert.equal(probes.json()[0].ok, false);
  });

  test('actions: start/restart pass through; stop needs the confirmation body', async () => {
    const d = deps();
    const app = await buildApp(d);
    assert.deepEqual((await app.inject(post('/api/services/db/start'))).json(), {
      service: 'db',
      action: 'start',
      changed: false,
      message: 'ok',
    });
    const noConfirm = await app.inject(post('/api/services/db/stop'));
    assert.equal(noConfirm.statusCode, 400);
    assert.equal(noConfirm.json().code, 'CONFIRMATION_REQUIRED');
    assert.equal((await app.inject(post('/api/services/db/stop', { confirm: 'api' }))).json().code, 'CONFIRMATION_REQUIRED');
    assert.equal((await app.inject(post('/api/services/db/stop', { confirm: 'db' }))).statusCode, 200);
    assert.deepEqual(d.calls, [
      ['db', 'start'],
      ['db', 'stop'],
    ]);
    const unknown = await app.inject(post('/api/services/db/explode'));
    assert.deepEqual([unknown.statusCode, unknown.json().code], [400, 'VALIDATION_FAILED']);
    assert.match(unknown.json().message, /path\.action must be one of "start", "stop", "restart"/);
  });

  test('error shape: 4xx from the service, unknown routes, and a 5xx that does not leak', async () => {
    const app = await buildApp(deps());
    const ghost = await app.inject(post('/api/services/ghost/restart'));
    assert.deepEqual(ghost.json(), { statusCode: 404, code: 'UNKNOWN_SERVICE', message: 'Service "ghost" is not declared' });
    const missing = await app.inject({ method: 'GET', url: '/api/nope?x=1', headers: { host: HOST } });
    assert.deepEqual([missing.statusCode, missing.json().code], [404, 'ROUTE_NOT_FOUND']);
    assert.match(missing.json().message, /^No route for GET \/api\/nope;/);
    const boom = await app.inject(post('/api/services/boom/restart'));
    assert.equal(boom.statusCode, 500);
    assert.deepEqual(boom.json(), { statusCode: 500, code: 'INTERNAL', message: 'Internal error' });
    assert.doesNotMatch(boom.body, /secret-detail|docker\.sock/);
    const badJson = await app.inject({
      ...post('/api/services/db/stop'),
      headers: { host: HOST, origin: ORIGIN, 'x-pipeline-panel': '1', 'content-type': 'application/json' },
      payload: '{',
    });
    assert.deepEqual([badJson.statusCode, badJson.json().code], [400, 'INVALID_JSON']);
    assert.deepEqual(Object.keys(badJson.json()).sort(), ['code', 'message', 'statusCode']);
  });

  test('security: cross-origin POST → 403, bad Host → 403, missing token → 401', async () => {
    const d = deps();
    const app = await buildApp(d);
    const cross = await app.inject(post('/api/services/db/restart', undefined, { origin: 'http://evil.example' }));
    assert.deepEqual([cross.statusCode, cross.json().code], [403, 'ORIGIN_REJECTED']);
    const rebound = await app.inject({ method: 'GET', url: '/api/stack', headers: { host: 'evil.example:8420' } });
    assert.deepEqual([rebound.statusCode, rebound.json().code], [403, 'HOST_REJECTED']);
    assert.deepEqual(d.calls, []);

    const locked = await buildApp(deps({ security: { allowedHosts: [HOST], allowedOrigins: [ORIGIN], token: 'token-1234' } }));
    const noToken = await locked.inject(post('/api/services/db/restart'));
    assert.deepEqual([noToken.statusCode, noToken.json().code], [401, 'TOKEN_REQUIRED']);
    assert.equal((await locked.inject(post('/api/services/db/restart', undefined, { 'x-panel-token': 'token-1234' }))).statusCode, 200);
    assert.equal((await locked.inject({ method: 'GET', url: '/api/config', headers: { host: HOST } })).json().tokenRequired, true);
  });

  test('logs: tail is validated, lines stream as SSE `log` events and end with `end`', async () => {
    const app = await buildApp(deps());
    for (const tail of ['5001', 'abc', '-1', '1.5']) {
      const res = await app.inject({ method: 'GET', url: `/api/services/db/logs?tail=${tail}`, headers: { host: HOST } });
      assert.deepEqual([res.statusCode, res.json().code], [400, 'INVALID_TAIL'], `tail=${tail}`);
    }
    const res = await app.inject({ method: 'GET', url: '/api/services/db/logs?tail=5000&follow=false', headers: { host: HOST } });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/event-stream/);
    assert.equal(
      res.body,
      'event: log\ndata: {"stream":"stdout","ts":"2025-01-01T00:00:00Z","line":"tail=5000"}\n\n' +
        'event: log\ndata: {"stream":"stderr","ts":null,"line":"err"}\n\nevent: end\ndata: {}\n\n',
    );
  });

  test('stack events: a snapshot first, then every change, over a real connection', async () => {
    const d = deps();
    const app = await buildApp(d);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const res = await new Promise<IncomingMessage>((resolve, reject) =>
      httpGet({ host: '127.0.0.1', port, path: '/api/stack/events', headers: { host: HOST } }, resolve).on('error', reject),
    );
    assert.equal(res.statusCode, 200);
    let text = '';
    const readUntil = (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if ((text.match(/\n\n/g) ?? []).length >= count) {
            res.off('data', onData);
            resolve();
          }
        };
        const onData = (chunk: Buffer) => {
          text += chunk.toString();
          check();
        };
        res.on('data', onData);
        check();
      });
    await readUntil(1);
    assert.match(text, /^event: stack\ndata: \{"type":"snapshot"/);
    for (const l of d.listeners) l({ type: 'docker-disconnected', error: 'gone' });
    await readUntil(2);
    assert.match(text, /event: stack\ndata: \{"type":"docker-disconnected","error":"gone"\}/);
    res.destroy();
    await new Promise((r) => setTimeout(r, 50));
    await app.close();
    assert.equal(d.listeners.size, 0, 'unsubscribed after the client left');
  });

  test('serves the built UI with an SPA fallback, but not for /api', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'panel-ui-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>panel</title>');
    const app = await buildApp(deps({ staticDir: dir }));
    const page = await app.inject({ method: 'GET', url: '/stack/db', headers: { host: HOST } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<title>panel/);
    assert.equal((await app.inject({ method: 'GET', url: '/', headers: { host: HOST } })).statusCode, 200);
    assert.equal((await app.inject({ method: 'GET', url: '/api/missing', headers: { host: HOST } })).json().code, 'ROUTE_NOT_FOUND');
  });
});
