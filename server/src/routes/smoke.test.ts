/**
 * POST /api/smoke-runs/:runId/cleanup as HTTP: the schema refuses a bad body or run id before the runner is asked,
 * the runner's refusals come out as {statusCode, code, message, details}, and its results as the response. The
 * runner is a fake that answers as the real one does (its removal is tested on the harness, in
 * e2e/integration/smoke-safety.test.ts, through this route).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApp } from '../app.ts';
import type { SmokeCleanup } from '../contracts/smoke.ts';
import { AppError } from '../errors/app-error.ts';
import type { PipelinePort } from '../ports.ts';
import type { SmokeRunner } from '../smoke/index.ts';

const HOST = '127.0.0.1:8420';
const FINISHED = 'smoke-20260102T030405Z-done01';
const RUNNING = 'smoke-20260102T030405Z-busy01';
const unused = () => {
  throw new Error('not used by these tests');
};

const removedOnce: SmokeCleanup = {
  removed: 15,
  remaining: 0,
  statement: 'DELETE',
  stays: ['the 15 record(s) produced to topic orders: Kafka topics are append-only'],
  message: `removed 15 row(s) of ${FINISHED} from pipeline.orders`,
};
const noneLeft: SmokeCleanup = {
  removed: 0,
  remaining: 0,
  statement: 'none',
  stays: removedOnce.stays,
  message: `no rows of ${FINISHED} in pipeline.orders; nothing removed`,
};

/** Answers like the real runner: 404 unknown, 400 mismatch, 409 running; the finished run's rows go once. */
function fakeRunner() {
  const calls: [string, unknown][] = [];
  let removed = false;
  const runner: SmokeRunner = {
    start: unused,
    get: unused,
    list: unused,
    cancel: unused,
    close: async () => {},
    async removeRows(runId, confirm) {
      calls.push([runId, confirm]);
      if (runId !== FINISHED && runId !== RUNNING) throw new AppError(404, 'SMOKE_RUN_NOT_FOUND', `No smoke run "${runId}"`, { runId });
      if (confirm !== runId)
        throw new AppError(400, 'CONFIRMATION_MISMATCH', `To remove the rows of run ${runId}, confirm with its run id`, { runId });
      if (runId === RUNNING) throw new AppError(409, 'SMOKE_RUN_RUNNING', `Run ${runId} is still running`, { runId });
      const result = removed ? noneLeft : removedOnce;
      removed = true;
      return result;
    },
  };
  return { runner, calls };
}

async function app(runner: SmokeRunner) {
  const port = { registry: {}, connect: {}, kafka: {}, clickhouse: {}, files: {} } as unknown as PipelinePort;
  return buildApp({
    info: { project: 'demo', composeFile: '/x/docker-compose.yml' },
    security: { allowedHosts: [HOST], allowedOrigins: ['http://127.0.0.1:8420'], token: null },
    stack: { snapshot: unused, subscribe: unused },
    probes: { runAll: unused },
    services: { action: unused, logs: unused },
    pipeline: port,
    smoke: { schemaFiles: { list: unused } as never, runner },
  });
}

const cleanup = (runId: string, payload: unknown) => ({
  method: 'POST' as const,
  url: `/api/smoke-runs/${runId}/cleanup`,
  headers: { host: HOST, 'x-pipeline-panel': '1', 'content-type': 'application/json' },
  payload: JSON.stringify(payload),
});

test('a finished run: its rows are removed once, a second call removes 0 and says so', async () => {
  const { runner, calls } = fakeRunner();
  const a = await app(runner);
  const first = await a.inject(cleanup(FINISHED, { confirm: FINISHED }));
  assert.equal(first.statusCode, 200, first.body);
  assert.deepEqual(first.json(), { runId: FINISHED, ...removedOnce });
  const second = await a.inject(cleanup(FINISHED, { confirm: FINISHED }));
  assert.equal(second.statusCode, 200, second.body);
  assert.equal(second.json().removed, 0);
  assert.match(second.json().message, /nothing removed/);
  assert.deepEqual(calls, [
    [FINISHED, FINISHED],
    [FINISHED, FINISHED],
  ]);
  await a.close();
});

test("the runner's refusals keep their status, code and details", async () => {
  const { runner } = fakeRunner();
  const a = await app(runner);
  const cases: [string, unknown, number, string][] = [
    [FINISHED, 'yes', 400, 'CONFIRMATION_MISMATCH'],
    [RUNNING, RUNNING, 409, 'SMOKE_RUN_RUNNING'],
    ['smoke-20260102T030405Z-nope01', 'smoke-20260102T030405Z-nope01', 404, 'SMOKE_RUN_NOT_FOUND'],
  ];
  for (const [runId, confirm, status, code] of cases) {
    const res = await a.inject(cleanup(runId, { confirm }));
    assert.equal(res.statusCode, status, res.body);
    const body = res.json();
    assert.equal(body.statusCode, status);
    assert.equal(body.code, code);
    assert.match(body.message, new RegExp(runId));
    assert.deepEqual(body.details, { runId });
  }
  await a.close();
});

test('a body without confirm, with another field or a bad run id never reaches the runner', async () => {
  const { runner, calls } = fakeRunner();
  const a = await app(runner);
  for (const [runId, payload, code] of [
    [FINISHED, {}, 'CONFIRMATION_MISMATCH'],
    [FINISHED, { confirm: 42 }, 'CONFIRMATION_MISMATCH'],
    [FINISHED, { confirm: FINISHED, force: true }, 'VALIDATION_FAILED'],
    ['-bad-', { confirm: '-bad-' }, 'VALIDATION_FAILED'],
  ] as const) {
    const res = await a.inject(cleanup(runId, payload));
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().code, code, res.body);
  }
  assert.deepEqual(calls, []);
  await a.close();
});
