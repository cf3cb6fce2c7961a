import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadConfig } from './config.ts';
import { isAppError } from './errors/app-error.ts';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function project(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'panel-connections-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The start-up problems for this environment (none: []). */
function problems(env: Record<string, string>, dir = project({ 'docker-compose.yml': 'services: {}\n' })): string[] {
  try {
    loadConfig({ PANEL_PROJECT_DIR: dir, ...env }, '/');
    return [];
  } catch (error) {
    assert.ok(isAppError(error) && error.code === 'CONFIG_INVALID');
    return (error.details as { problems: string[] }).problems;
  }
}

describe('connection settings', () => {
  test('Kafka SASL_SSL with SCRAM-SHA-512 and a CA file; registry and Connect basic auth + CA; ClickHouse CA', () => {
    const dir = project({ 'docker-compose.yml': 'services: {}\n', 'ca.pem': PEM });
    const config = loadConfig(
      {
        PANEL_PROJECT_DIR: dir,
        PANEL_KAFKA_BROKERS: 'b1.example.com:9096,b2.example.com:9096',
        PANEL_KAFKA_SECURITY_PROTOCOL: 'sasl_ssl',
        PANEL_KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        PANEL_KAFKA_SASL_USERNAME: 'panel',
        PANEL_KAFKA_SASL_PASSWORD: 'kafka-secret',
        PANEL_KAFKA_TLS_CA_FILE: 'ca.pem',
        PANEL_SCHEMA_REGISTRY_URL: 'https://sr.example.com',
        PANEL_SCHEMA_REGISTRY_USERNAME: 'key',
        PANEL_SCHEMA_REGISTRY_PASSWORD: 'sr-secret',
        PANEL_SCHEMA_REGISTRY_TLS_CA_FILE: join(dir, 'ca.pem'),
        PANEL_CONNECT_URL: 'https://connect.example.com',
        PANEL_CLICKHOUSE_URL: 'https://ch.example.com:8443',
        PANEL_CLICKHOUSE_TLS_CA_FILE: 'ca.pem',
      },
      '/',
    );
    assert.deepEqual(config.kafkaSecurity.sasl, { mechanism: 'scram-sha-512', username: 'panel', password: 'kafka-secret' });
    assert.deepEqual(config.kafkaSecurity.tls, { ca: PEM, cert: null, key: null });
    assert.deepEqual(config.schemaRegistryCredentials, { username: 'key', password: 'sr-secret' });
    assert.equal(config.schemaRegistryCa, PEM);
    assert.equal(config.connectCredentials, null);
    assert.equal(config.clickhouseCa, PEM);
    assert.equal(config.mode, 'compose');
  });

  test('plaintext by default; SSL alone is TLS with the system CAs', () => {
    const plain = loadConfig({ PANEL_PROJECT_DIR: project({ 'docker-compose.yml': 'services: {}\n' }) }, '/');
    assert.deepEqual(plain.kafkaSecurity, { sasl: null, tls: null });
    const ssl = loadConfig({ PANEL_PROJECT_DIR: project(), PANEL_KAFKA_SECURITY_PROTOCOL: 'SSL' }, '/');
    assert.deepEqual(ssl.kafkaSecurity, { sasl: null, tls: { ca: null, cert: null, key: null } });
  });

  test('settings come from .env when the environment has none', () => {
    const dir = project({
      '.env':
        'PANEL_KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT\nPANEL_KAFKA_SASL_MECHANISM=PLAIN\nPANEL_KAFKA_SASL_USERNAME=u\nPANEL_KAFKA_SASL_PASSWORD=p\nPANEL_MODE=remote\n',
    });
    const config = loadConfig({ PANEL_PROJECT_DIR: dir }, '/');
    assert.deepEqual(config.kafkaSecurity, { sasl: { mechanism: 'plain', username: 'u', password: 'p' }, tls: null });
    assert.equal(config.mode, 'remote');
    assert.match(config.modeReason, /PANEL_MODE=remote/);
  });

  test('remote mode when the project has no compose file, unless PANEL_MODE=compose', () => {
    const dir = project();
    assert.equal(loadConfig({ PANEL_PROJECT_DIR: dir }, '/').mode, 'remote');
    assert.match(loadConfig({ PANEL_PROJECT_DIR: dir }, '/').modeReason, /no compose file/);
    assert.equal(loadConfig({ PANEL_PROJECT_DIR: dir, PANEL_MODE: 'compose' }, '/').mode, 'compose');
  });

  test('one message lists every problem, naming settings and files but no secret', () => {
    const dir = project({ 'docker-compose.yml': 'services: {}\n', 'not-pem.txt': 'hello' });
    const found = problems(
      {
        PANEL_MODE: 'cloud',
        PANEL_KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        PANEL_KAFKA_SASL_MECHANISM: 'GSSAPI',
        PANEL_KAFKA_SASL_PASSWORD: 'hunter2-secret',
        PANEL_KAFKA_TLS_CA_FILE: 'missing.pem',
        PANEL_KAFKA_TLS_CERT_FILE: 'not-pem.txt',
        PANEL_SCHEMA_REGISTRY_URL: 'https://user:sr-secret@sr.example.com',
        PANEL_CONNECT_USERNAME: 'admin',
        PANEL_CONNECT_TLS_CA_FILE: 'not-pem.txt',
        PANEL_CLICKHOUSE_TLS_CA_FILE: 'missing.pem',
      },
      dir,
    );
    const text = found.join('\n');
    for (const expected of [
      /^PANEL_MODE: "cloud" is not compose or remote$/m,
      /^PANEL_KAFKA_SASL_MECHANISM: "GSSAPI" is not supported with SASL_SSL/m,
      /^PANEL_KAFKA_SASL_USERNAME: required with SASL_SSL$/m,
      /^PANEL_KAFKA_TLS_CA_FILE: cannot read .*missing\.pem \(ENOENT\)$/m,
      /^PANEL_KAFKA_TLS_CERT_FILE: .*not-pem\.txt is not a PEM file/m,
      /^PANEL_SCHEMA_REGISTRY_URL: has credentials in it/m,
      /^PANEL_CONNECT_PASSWORD: set it too/m,
      /^PANEL_CONNECT_TLS_CA_FILE: .*not a PEM file/m,
      /^PANEL_CLICKHOUSE_TLS_CA_FILE: cannot read/m,
    ]) {
      assert.match(text, expected);
    }
    assert.doesNotMatch(text, /hunter2-secret|sr-secret/);
  });

  test('TLS files and SASL settings that the protocol would ignore are refused', () => {
    const dir = project({ 'docker-compose.yml': 'services: {}\n', 'ca.pem': PEM });
    const text = problems(
      { PANEL_KAFKA_SASL_USERNAME: 'u', PANEL_KAFKA_TLS_CA_FILE: 'ca.pem', PANEL_SCHEMA_REGISTRY_TLS_CA_FILE: 'ca.pem' },
      dir,
    ).join('\n');
    assert.match(text, /PANEL_KAFKA_SASL_\*: given, but PANEL_KAFKA_SECURITY_PROTOCOL is PLAINTEXT/);
    assert.match(text, /PANEL_KAFKA_TLS_\*: given, but PANEL_KAFKA_SECURITY_PROTOCOL is PLAINTEXT/);
    assert.match(text, /PANEL_SCHEMA_REGISTRY_TLS_CA_FILE: given, but the Schema Registry URL is not https:\/\//);
  });
});
