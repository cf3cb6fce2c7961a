import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorCode } from '@pipeline-panel/server/contracts';
import { API_UNREACHABLE, ApiError } from '../lib/api-client.ts';
import { explainError } from './explain-error.ts';

const apiError = (statusCode: number, code: ErrorCode, message = 'm') => new ApiError({ statusCode, code, message });

describe('explainError', () => {
  const down: [ErrorCode, string, string][] = [
    ['SCHEMA_REGISTRY_UNAVAILABLE', 'Schema Registry', 'schema-registry'],
    ['CONNECT_UNAVAILABLE', 'Kafka Connect', 'connect'],
    ['KAFKA_UNAVAILABLE', 'Kafka', 'kafka'],
    ['CLICKHOUSE_UNAVAILABLE', 'ClickHouse', 'clickhouse'],
  ];
  for (const [code, label, service] of down) {
    test(`${code} names ${label} and the compose commands for ${service}`, () => {
      const explained = explainError(apiError(503, code, `${label} at http://x: connection refused`));
      assert.equal(explained.kind, 'service-down');
      assert.equal(explained.title, `${label} is not reachable`);
      assert.deepEqual(explained.commands, [`docker compose up -d ${service}`, `docker compose logs ${service}`]);
      assert.match(explained.message, /connection refused/);
    });
  }

  test('commands the server message already names are not repeated', () => {
    const message =
      'Schema Registry at http://x/subjects: connection refused (ECONNREFUSED). Start it with `docker compose up -d schema-registry` and check `docker compose logs schema-registry`';
    const explained = explainError(apiError(503, 'SCHEMA_REGISTRY_UNAVAILABLE', message));
    assert.equal(explained.title, 'Schema Registry is not reachable');
    assert.deepEqual(explained.commands, []);
    assert.equal(explained.hint, null);
  });

  test('an upstream error (it answered, but badly) points at its logs only', () => {
    const explained = explainError(apiError(502, 'CONNECT_ERROR', 'Kafka Connect at http://x: HTTP 500'));
    assert.equal(explained.kind, 'service-error');
    assert.deepEqual(explained.commands, ['docker compose logs connect']);
  });

  test('a 4xx keeps the server message as the thing to read', () => {
    const explained = explainError(apiError(400, 'INVALID_TOPIC_NAME', 'Topic names may only contain …'));
    assert.equal(explained.kind, 'rejected');
    assert.equal(explained.message, 'Topic names may only contain …');
    assert.deepEqual(explained.commands, []);
  });

  test('an unreachable panel says to start it', () => {
    const explained = explainError(apiError(0, API_UNREACHABLE));
    assert.equal(explained.kind, 'api-unreachable');
    assert.ok(explained.commands.includes('pnpm start'));
  });

  test('codes that merely start like a service code are not mistaken for one', () => {
    assert.equal(explainError(apiError(400, 'CONNECT_REJECTED')).kind, 'rejected');
    assert.equal(explainError(apiError(500, 'INTERNAL')).kind, 'panel-error');
  });

  test('a plain Error is reported as a page problem', () => {
    assert.equal(explainError(new Error('boom')).kind, 'panel-error');
  });
});
