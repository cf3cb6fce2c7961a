import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mapKafkaError } from '../kafka/errors.ts';
import { basicAuthorization, describeTlsFailure, plainHttpOnTlsPort, tlsPortHint } from './credentials.ts';
import { UpstreamAuthError, UpstreamError } from './upstream-error.ts';

const tlsError = (code: string) => Object.assign(new Error(`self-signed certificate in certificate chain`), { code });

describe('authentication and TLS failures', () => {
  test('basic auth header per RFC 7617', () => {
    assert.equal(basicAuthorization({ username: 'Aladdin', password: 'open sesame' }), 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
  });

  test('an untrusted certificate names the CA file setting of that service', () => {
    for (const code of ['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT']) {
      assert.match(
        describeTlsFailure(tlsError(code), 'Schema Registry') ?? '',
        new RegExp(`trusted CA \\(${code}\\); set PANEL_SCHEMA_REGISTRY_TLS_CA_FILE`),
      );
    }
    const wrapped = new Error('Connection error', { cause: tlsError('UNABLE_TO_GET_ISSUER_CERT_LOCALLY') });
    assert.match(describeTlsFailure(wrapped, 'Kafka') ?? '', /PANEL_KAFKA_TLS_CA_FILE/);
    assert.equal(describeTlsFailure(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), 'Kafka'), null);
  });

  test('UpstreamError with a TLS cause becomes UPSTREAM_TLS_FAILED (502), not an outage', () => {
    const error = new UpstreamError('ClickHouse', 'https://ch:8443', 'fetch failed', { cause: tlsError('SELF_SIGNED_CERT_IN_CHAIN') });
    assert.equal(error.code, 'UPSTREAM_TLS_FAILED');
    assert.equal(error.statusCode, 502);
    assert.match(error.message, /^ClickHouse at https:\/\/ch:8443: TLS: .*PANEL_CLICKHOUSE_TLS_CA_FILE/);
    const refused = new UpstreamError('ClickHouse', 'https://ch:8443', 'connection refused', { cause: { code: 'ECONNREFUSED' } });
    assert.equal(refused.code, 'CLICKHOUSE_UNAVAILABLE');
  });

  test('plain HTTP to a TLS port: nginx says so and the error names the URL setting; a reset only hints', () => {
    const nginx = '<html><head><title>400 The plain HTTP request was sent to HTTPS port</title></head></html>';
    const cause = plainHttpOnTlsPort(400, nginx);
    assert.ok(cause);
    const error = new UpstreamError('Kafka Connect', 'http://connect:8443', cause.message, { cause });
    assert.equal(error.code, 'UPSTREAM_TLS_FAILED');
    assert.match(error.message, /speaks HTTPS and was called with http:\/\/.*use an https:\/\/ URL in PANEL_CONNECT_URL/);
    assert.equal(plainHttpOnTlsPort(400, '{"error_code":400,"message":"bad"}'), null);
    assert.equal(plainHttpOnTlsPort(200, nginx), null);

    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    assert.match(tlsPortHint('http://registry:8081', reset, 'Schema Registry') ?? '', /https:\/\/ URL in PANEL_SCHEMA_REGISTRY_URL/);
    assert.equal(tlsPortHint('https://registry:8081', reset, 'Schema Registry'), null, 'already TLS');
    assert.equal(
      tlsPortHint('http://registry:8081', { code: 'ECONNREFUSED' }, 'Schema Registry'),
      null,
      'nothing listens: not a TLS matter',
    );
  });

  test('refused credentials name the service and its settings, never a value', () => {
    const error = new UpstreamAuthError('Kafka Connect', 'https://connect', 'HTTP 401', { sentCredentials: true });
    assert.equal(error.code, 'UPSTREAM_AUTH_FAILED');
    assert.equal(
      error.message,
      "Kafka Connect at https://connect refused the panel's credentials (HTTP 401); check PANEL_CONNECT_USERNAME and PANEL_CONNECT_PASSWORD",
    );
    const none = new UpstreamAuthError('Schema Registry', 'https://sr', 'HTTP 401', { sentCredentials: false });
    assert.match(none.message, /requires credentials: set PANEL_SCHEMA_REGISTRY_USERNAME and PANEL_SCHEMA_REGISTRY_PASSWORD/);
  });

  test("kafkajs' SASL failure → UPSTREAM_AUTH_FAILED naming PANEL_KAFKA_SASL_PASSWORD", () => {
    const sasl = Object.assign(
      new Error(
        'SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512',
      ),
      {
        name: 'KafkaJSSASLAuthenticationError',
      },
    );
    const mapped = mapKafkaError(Object.assign(new Error('retries exceeded'), { cause: sasl }), 'b:9096', 1000) as UpstreamAuthError;
    assert.equal(mapped.code, 'UPSTREAM_AUTH_FAILED');
    assert.match(
      mapped.message,
      /^Kafka at b:9096 refused the panel's credentials \(SASL SCRAM SHA512 authentication failed: .*\); check PANEL_KAFKA_SASL_USERNAME and PANEL_KAFKA_SASL_PASSWORD$/,
    );
  });
});
