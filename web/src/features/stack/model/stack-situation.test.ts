import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProbeResult } from '@pipeline-panel/server/contracts';
import { ApiError } from '../../../lib/api-client.ts';
import { serviceStatus, snapshotOf } from '../testing/fixtures.ts';
import { stackSituation } from './stack-situation.ts';

test('no data and no error yet is loading', () => {
  assert.deepEqual(stackSituation(undefined, null), { kind: 'loading' });
});

test('a network failure or a proxy 5xx means the API is unreachable', () => {
  const offline = new ApiError({ statusCode: 0, code: 'API_UNREACHABLE', message: 'down' });
  assert.deepEqual(stackSituation(undefined, offline), { kind: 'api-unreachable', detail: 'no connection' });
  const proxy = new ApiError({ statusCode: 502, code: 'UNEXPECTED_RESPONSE', message: 'Bad Gateway' });
  assert.deepEqual(stackSituation(undefined, proxy), { kind: 'api-unreachable', detail: 'HTTP 502 Bad Gateway' });
});

test("an error in the panel's own shape is shown with its code", () => {
  const invalid = new ApiError({ statusCode: 500, code: 'COMPOSE_INVALID', message: 'bad yaml' });
  assert.deepEqual(stackSituation(undefined, invalid), { kind: 'api-error', code: 'COMPOSE_INVALID', message: 'bad yaml' });
});

test('Docker unreachable wins over container states', () => {
  const snapshot = { ...snapshotOf([serviceStatus('kafka')]), dockerReachable: false, dockerError: 'connect ENOENT /var/run/docker.sock' };
  assert.deepEqual(stackSituation(snapshot, null), { kind: 'docker-unreachable', error: 'connect ENOENT /var/run/docker.sock' });
});

test('every service without a container means the project was never started', () => {
  const snapshot = snapshotOf([serviceStatus('kafka', { state: 'not-created' }), serviceStatus('clickhouse', { state: 'not-created' })]);
  assert.deepEqual(stackSituation(snapshot, null), { kind: 'not-started' });
});

test('no containers but answering services: the stack runs elsewhere, not "not running"', () => {
  const snapshot = snapshotOf([serviceStatus('kafka', { state: 'not-created' }), serviceStatus('clickhouse', { state: 'not-created' })]);
  const probes: ProbeResult[] = [
    { target: 'kafka', ok: true, checkedAt: '', latencyMs: 1, facts: {} },
    { target: 'clickhouse', ok: false, checkedAt: '', latencyMs: 1, reason: 'refused', hint: '' },
  ];
  assert.deepEqual(stackSituation(snapshot, null, probes), { kind: 'elsewhere', project: 'demo', answering: ['kafka'] });
  assert.deepEqual(stackSituation(snapshot, null, [probes[1]!]), { kind: 'not-started' });
});

test('a partly created project is ready and lists what is missing', () => {
  const snapshot = snapshotOf([serviceStatus('kafka'), serviceStatus('clickhouse', { state: 'not-created' })]);
  assert.deepEqual(stackSituation(snapshot, null), { kind: 'ready', notCreated: ['clickhouse'] });
});

test('a cached snapshot outlives a later fetch error', () => {
  const offline = new ApiError({ statusCode: 0, code: 'API_UNREACHABLE', message: 'down' });
  assert.equal(stackSituation(snapshotOf([serviceStatus('kafka')]), offline).kind, 'ready');
});
