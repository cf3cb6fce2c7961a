import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApp } from '../app.ts';
import type { ResetPort } from '../ports.ts';
import { ResetRun } from '../reset/steps.ts';

const HOST = '127.0.0.1:8420';
const ORIGIN = 'http://127.0.0.1:8420';
const unused = () => {
  throw new Error('not used by these tests');
};

/** A reset port whose start() checks the confirmation like the real one and records what was started. */
function port() {
  const started: string[] = [];
  let running = false;
  const done = new ResetRun('reset-abc-0a0b0c', 'demo');
  done.finish();
  const reset: ResetPort = {
    plan: unused,
    start(confirm) {
      if (confirm !== 'demo') throw Object.assign(new Error('mismatch'), { statusCode: 400 });
      if (running) throw new Error('running');
      running = true;
      started.push(String(confirm));
      return { operationId: done.report.operationId, resumedFrom: null };
    },
    latest: () => (started.length ? done.report : null),
    operation: (id) => (id === done.report.operationId ? done : null),
  };
  return { reset, started };
}

async function app(reset: ResetPort) {
  return buildApp({
    info: { project: 'demo', composeFile: '/x/docker-compose.yml' },
    security: { allowedHosts: [HOST], allowedOrigins: [ORIGIN], token: null },
    stack: { snapshot: unused, subscribe: unused },
    probes: { runAll: unused },
    services: { action: unused, logs: unused },
    reset,
  });
}

const post = (payload: unknown, origin = ORIGIN) => ({
  method: 'POST' as const,
  url: '/api/reset',
  headers: { host: HOST, origin, 'x-pipeline-panel': '1', 'content-type': 'application/json' },
  payload: JSON.stringify(payload),
});

test('POST /api/reset answers 202 with the operation id, and a finished run replays over SSE then ends', async () => {
  const { reset, started } = port();
  const a = await app(reset);
  const latest = await a.inject({ method: 'GET', url: '/api/reset/latest', headers: { host: HOST } });
  assert.equal(latest.statusCode, 404);
  assert.equal(latest.json().code, 'RESET_NOT_FOUND');
  const res = await a.inject(post({ confirm: 'demo' }));
  assert.equal(res.statusCode, 202, res.body);
  assert.deepEqual(res.json(), { operationId: 'reset-abc-0a0b0c', resumedFrom: null });
  assert.deepEqual(started, ['demo']);
  const events = await a.inject({ method: 'GET', url: '/api/reset/reset-abc-0a0b0c/events', headers: { host: HOST } });
  assert.equal(events.headers['content-type'], 'text/event-stream; charset=utf-8');
  assert.equal(events.body.match(/^event: step$/gm)?.length, 9);
  assert.match(events.body, /^event: done$/m);
  assert.equal((await a.inject({ method: 'GET', url: '/api/reset/reset-nope-00', headers: { host: HOST } })).statusCode, 404);
  await a.close();
});

test('a bad body or a foreign origin is refused before the reset is asked', async () => {
  const { reset, started } = port();
  const a = await app(reset);
  assert.equal((await a.inject(post({ confirm: 'demo', fromScratch: 'yes' }))).statusCode, 400);
  assert.equal((await a.inject(post([1]))).statusCode, 400);
  assert.equal((await a.inject(post({ confirm: 'demo' }, 'http://evil.example'))).statusCode, 403);
  assert.deepEqual(started, []);
  await a.close();
});
