import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, toApiError } from './api-client.ts';
import { shouldRetry } from './query-client.ts';

test("toApiError keeps the server's code, message and details", () => {
  const body = {
    statusCode: 403,
    code: 'ORIGIN_REJECTED',
    message: 'Origin http://evil.example is not allowed',
    details: { origin: 'http://evil.example' },
  };
  const error = toApiError(403, 'Forbidden', JSON.stringify(body));
  assert.ok(error instanceof ApiError);
  assert.equal(error.statusCode, 403);
  assert.equal(error.code, 'ORIGIN_REJECTED');
  assert.equal(error.message, 'Origin http://evil.example is not allowed');
  assert.deepEqual(error.details, { origin: 'http://evil.example' });
});

test('toApiError falls back to UNEXPECTED_RESPONSE (keeping the status) for bodies that are not the error shape', () => {
  const html = toApiError(502, 'Bad Gateway', '<html>proxy error</html>');
  assert.deepEqual([html.code, html.statusCode], ['UNEXPECTED_RESPONSE', 502]);
  assert.equal(html.message, '<html>proxy error</html>');
  const empty = toApiError(500, 'Internal Server Error', '');
  assert.equal(empty.message, 'Internal Server Error');
  const otherJson = toApiError(404, 'Not Found', '{"error":"nope"}');
  assert.equal(otherJson.code, 'UNEXPECTED_RESPONSE');
});

test('4xx errors are not retried; network failures and 5xx are, twice at most', () => {
  const notFound = new ApiError({ statusCode: 404, code: 'UNKNOWN_SERVICE', message: 'no such service' });
  const unavailable = new ApiError({ statusCode: 503, code: 'DOCKER_UNAVAILABLE', message: 'docker down' });
  assert.equal(shouldRetry(0, notFound), false);
  assert.equal(shouldRetry(0, unavailable), true);
  assert.equal(shouldRetry(1, new TypeError('fetch failed')), true);
  assert.equal(shouldRetry(2, unavailable), false);
});
