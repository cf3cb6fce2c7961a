import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type AppError } from '../errors/app-error.ts';
import { mapKafkaError } from './errors.ts';

const protocolError = (type: string) => Object.assign(new Error(`${type} message`), { type });

describe('mapKafkaError', () => {
  test('a refusal is 400 with Kafka’s error type; an unknown topic is 404', () => {
    const refused = mapKafkaError(protocolError('INVALID_REPLICATION_FACTOR'), 'k:9092', 1000) as AppError;
    assert.deepEqual([refused.statusCode, refused.code], [400, 'KAFKA_REJECTED']);
    const missing = mapKafkaError(protocolError('UNKNOWN_TOPIC_OR_PARTITION'), 'k:9092', 1000) as AppError;
    assert.deepEqual([missing.statusCode, missing.code], [404, 'TOPIC_NOT_FOUND']);
  });

  test('leadership still moving after the retries is 503 (try again), naming the cause, not "refused"', () => {
    for (const type of ['NOT_LEADER_FOR_PARTITION', 'LEADER_NOT_AVAILABLE', 'NOT_COORDINATOR']) {
      const moving = mapKafkaError(protocolError(type), 'k:9092', 1000) as AppError;
      assert.deepEqual([moving.statusCode, moving.code], [503, 'KAFKA_UNAVAILABLE']);
      assert.match(moving.message, new RegExp(`moving .*${type}.*a broker left or joined`));
      assert.doesNotMatch(moving.message, /refused/);
    }
  });
});
