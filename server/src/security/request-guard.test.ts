import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkRequest, type SecurityPolicy } from './request-guard.ts';

const policy: SecurityPolicy = {
  allowedHosts: ['127.0.0.1:8420', 'localhost:8420'],
  allowedOrigins: ['http://127.0.0.1:8420', 'http://localhost:8420'],
  token: null,
};
const code = (e: ReturnType<typeof checkRequest>) => (e ? [e.statusCode, e.code] : null);
const host = '127.0.0.1:8420';
const panel = { 'x-pipeline-panel': '1' };

describe('checkRequest', () => {
  test('a rebound or foreign Host is rejected even on GET', () => {
    assert.deepEqual(code(checkRequest('GET', { host: 'evil.example:8420' }, policy)), [403, 'HOST_REJECTED']);
    assert.deepEqual(code(checkRequest('GET', {}, policy)), [403, 'HOST_REJECTED']);
    assert.equal(checkRequest('GET', { host: 'LOCALHOST:8420' }, policy), null);
  });

  test('a mutating request without the panel header is refused, whatever else it sends', () => {
    assert.deepEqual(code(checkRequest('POST', { host }, policy)), [403, 'PANEL_HEADER_REQUIRED']);
    assert.deepEqual(code(checkRequest('DELETE', { host, origin: 'http://127.0.0.1:8420' }, policy)), [403, 'PANEL_HEADER_REQUIRED']);
    assert.deepEqual(code(checkRequest('PUT', { host, 'x-pipeline-panel': 'yes' }, policy)), [403, 'PANEL_HEADER_REQUIRED']);
    const message = checkRequest('POST', { host }, policy)!.message;
    assert.match(message, /X-Pipeline-Panel: 1/);
    assert.equal(checkRequest('GET', { host }, policy), null);
  });

  test('with the header: no Origin and no Referer (curl) passes; a cross-site browser request does not', () => {
    assert.equal(checkRequest('POST', { host, ...panel }, policy), null);
    assert.deepEqual(code(checkRequest('POST', { host, ...panel, 'sec-fetch-site': 'cross-site' }, policy)), [403, 'ORIGIN_REJECTED']);
    assert.equal(checkRequest('POST', { host, ...panel, 'sec-fetch-site': 'same-origin' }, policy), null);
  });

  test('cross-origin POST is rejected; same-origin passes', () => {
    assert.deepEqual(code(checkRequest('POST', { host, ...panel, origin: 'http://evil.example' }, policy)), [403, 'ORIGIN_REJECTED']);
    assert.deepEqual(code(checkRequest('POST', { host, ...panel, origin: 'null' }, policy)), [403, 'ORIGIN_REJECTED']);
    assert.equal(checkRequest('POST', { host, ...panel, origin: 'http://127.0.0.1:8420' }, policy), null);
  });

  test('Referer stands in for a missing Origin', () => {
    assert.equal(checkRequest('POST', { host, ...panel, referer: 'http://localhost:8420/stack' }, policy), null);
    assert.deepEqual(code(checkRequest('POST', { host, ...panel, referer: 'http://evil.example/x' }, policy)), [403, 'ORIGIN_REJECTED']);
  });

  test('with a token configured, state-changing requests need it (header or bearer)', () => {
    const withToken = { ...policy, token: 's3cret-token' };
    const base = { host, origin: 'http://127.0.0.1:8420', ...panel };
    assert.deepEqual(code(checkRequest('POST', base, withToken)), [401, 'TOKEN_REQUIRED']);
    assert.deepEqual(code(checkRequest('POST', { ...base, 'x-panel-token': 'wrong' }, withToken)), [401, 'TOKEN_REQUIRED']);
    assert.equal(checkRequest('POST', { ...base, 'x-panel-token': 's3cret-token' }, withToken), null);
    assert.equal(checkRequest('POST', { ...base, authorization: 'Bearer s3cret-token' }, withToken), null);
    assert.equal(checkRequest('GET', { host }, withToken), null);
  });

  test('echoed header values are bounded', () => {
    const long = 'x'.repeat(10_000);
    assert.ok(checkRequest('GET', { host: long }, policy)!.message.length < 400);
    assert.ok(checkRequest('POST', { host, ...panel, origin: `http://${long}` }, policy)!.message.length < 400);
  });
});
