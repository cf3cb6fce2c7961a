import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkRequest, type SecurityPolicy } from './request-guard.ts';

const policy: SecurityPolicy = {
  allowedHosts: ['127.0.0.1:8420', 'localhost:8420'],
  allowedOrigins: ['http://127.0.0.1:8420', 'http://localhost:8420'],
  token: null,
};
const code = (e: ReturnType<typeof checkRequest>) => (e ? [e.statusCode, e.code] : null);

describe('checkRequest', () => {
  test('a rebound or foreign Host is rejected even on GET', () => {
    assert.deepEqual(code(checkRequest('GET', { host: 'evil.example:8420' }, policy)), [403, 'HOST_REJECTED']);
    assert.deepEqual(code(checkRequest('GET', {}, policy)), [403, 'HOST_REJECTED']);
    assert.equal(checkRequest('GET', { host: 'LOCALHOST:8420' }, policy), null);
  });

  test('cross-origin POST is rejected; same-origin passes', () => {
    const host = '127.0.0.1:8420';
    assert.deepEqual(code(checkRequest('POST', { host, origin: 'http://evil.example' }, policy)), [403, 'ORIGIN_REJECTED']);
    assert.deepEqual(code(checkRequest('POST', { host, origin: 'null' }, policy)), [403, 'ORIGIN_REJECTED']);
    assert.equal(checkRequest('POST', { host, origin: 'http://127.0.0.1:8420' }, policy), null);
  });

  test('Referer stands in for a missing Origin', () => {
    const host = '127.0.0.1:8420';
    assert.equal(checkRequest('POST', { host, referer: 'http://localhost:8420/stack' }, policy), null);
    assert.deepEqual(code(checkRequest('POST', { host, referer: 'http://evil.example/x' }, policy)), [403, 'ORIGIN_REJECTED']);
  });

  test('without Origin and Referer only non-browser (no cross-site Sec-Fetch-Site) requests pass', () => {
    const host = '127.0.0.1:8420';
    assert.equal(checkRequest('POST', { host }, policy), null);
    assert.deepEqual(code(checkRequest('POST', { host, 'sec-fetch-site': 'cross-site' }, policy)), [403, 'ORIGIN_REJECTED']);
    assert.equal(checkRequest('POST', { host, 'sec-fetch-site': 'same-origin' }, policy), null);
  });

  test('with a token configured, state-changing requests need it (header or bearer)', () => {
    const withToken = { ...policy, token: 's3cret-token' };
    const base = { host: '127.0.0.1:8420', origin: 'http://127.0.0.1:8420' };
    assert.deepEqual(code(checkRequest('POST', base, withToken)), [401, 'TOKEN_REQUIRED']);
    assert.deepEqual(code(checkRequest('POST', { ...base, 'x-panel-token': 'wrong' }, withToken)), [401, 'TOKEN_REQUIRED']);
    assert.equal(checkRequest('POST', { ...base, 'x-panel-token': 's3cret-token' }, withToken), null);
    assert.equal(checkRequest('POST', { ...base, authorization: 'Bearer s3cret-token' }, withToken), null);
    assert.equal(checkRequest('GET', { host: base.host }, withToken), null);
  });
});
