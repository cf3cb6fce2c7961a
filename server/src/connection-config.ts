import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { CREDENTIAL_SETTINGS, type HttpCredentials, type TlsMaterial } from './http/credentials.ts';
import type { UpstreamName } from './http/upstream-error.ts';
import { SASL_MECHANISMS, type KafkaSecurity, type SaslMechanism } from './kafka/connection.ts';

/** How the panel reaches and authenticates to each service (PANEL_KAFKA_*, PANEL_*_USERNAME, *_TLS_CA_FILE, …). */
export interface ConnectionSettings {
  kafkaSecurity: KafkaSecurity;
  schemaRegistryCredentials: HttpCredentials | null;
  schemaRegistryCa: string | null;
  connectCredentials: HttpCredentials | null;
  connectCa: string | null;
  clickhouseCa: string | null;
}

/** A setting's value: the process environment first, then the project's .env (gitignored; never .env.example). */
export type Setting = (name: string) => string | undefined;

/** Kafka's own `security.protocol` values, so a client.properties translates one to one. */
const PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
/** Kafka's `sasl.mechanism` names. */
const MECHANISMS: Record<string, SaslMechanism> = { PLAIN: 'plain', 'SCRAM-SHA-256': 'scram-sha-256', 'SCRAM-SHA-512': 'scram-sha-512' };

/**
 * Reads and checks the security settings of every service; each problem is pushed to `problems` (one start-up
 * message lists them all). Problems name settings and files, never a secret's value.
 */
export function readConnectionSettings(
  setting: Setting,
  urls: Record<'schemaRegistryUrl' | 'connectUrl' | 'clickhouseUrl', string>,
  projectDir: string,
  problems: string[],
): ConnectionSettings {
  const pem = (name: string): string | null => readPem(setting(name), name, projectDir, problems);
  const http = (upstream: UpstreamName, url: string): { credentials: HttpCredentials | null; ca: string | null } => {
    const names = CREDENTIAL_SETTINGS[upstream];
    const username = setting(names.username) ?? '';
    const password = setting(names.password) ?? '';
    if ((username === '') !== (password === '')) {
      problems.push(
        `${username === '' ? names.username : names.password}: set it too (${names.username} and ${names.password} go together)`,
      );
    }
    const ca = pem(names.caFile);
    if (ca !== null && !url.startsWith('https:')) problems.push(`${names.caFile}: given, but the ${upstream} URL is not https://`);
    return { credentials: username !== '' && password !== '' ? { username, password } : null, ca };
  };
  const registry = http('Schema Registry', urls.schemaRegistryUrl);
  const connect = http('Kafka Connect', urls.connectUrl);
  const clickhouseCa = pem(CREDENTIAL_SETTINGS.ClickHouse.caFile);
  if (clickhouseCa !== null && !urls.clickhouseUrl.startsWith('https:')) {
    problems.push(`${CREDENTIAL_SETTINGS.ClickHouse.caFile}: given, but PANEL_CLICKHOUSE_URL is not https://`);
  }
  return {
    kafkaSecurity: readKafkaSecurity(setting, pem, problems),
    schemaRegistryCredentials: registry.credentials,
    schemaRegistryCa: registry.ca,
    connectCredentials: connect.credentials,
    connectCa: connect.ca,
    clickhouseCa,
  };
}

function readKafkaSecurity(setting: Setting, pem: (name: string) => string | null, problems: string[]): KafkaSecurity {
  const rawProtocol = (setting('PANEL_KAFKA_SECURITY_PROTOCOL') ?? 'PLAINTEXT').trim().toUpperCase();
  const protocol = (PROTOCOLS as readonly string[]).includes(rawProtocol) ? rawProtocol : 'PLAINTEXT';
  if (protocol !== rawProtocol) {
    problems.push(`PANEL_KAFKA_SECURITY_PROTOCOL: "${rawProtocol.slice(0, 40)}" is not one of ${PROTOCOLS.join(', ')}`);
  }
  const usesSasl = protocol.startsWith('SASL_');
  const usesTls = protocol.endsWith('SSL');
  const username = setting('PANEL_KAFKA_SASL_USERNAME') ?? '';
  const password = setting('PANEL_KAFKA_SASL_PASSWORD') ?? '';
  const rawMechanism = (setting('PANEL_KAFKA_SASL_MECHANISM') ?? '').trim().toUpperCase();
  let sasl: KafkaSecurity['sasl'] = null;
  if (usesSasl) {
    const mechanism = MECHANISMS[rawMechanism];
    if (!mechanism) {
      problems.push(
        `PANEL_KAFKA_SASL_MECHANISM: ${rawMechanism === '' ? 'required' : `"${rawMechanism.slice(0, 40)}" is not supported`} with ${protocol}; use one of ${Object.keys(MECHANISMS).join(', ')}`,
      );
    }
    if (username === '') problems.push(`PANEL_KAFKA_SASL_USERNAME: required with ${protocol}`);
    if (password === '') problems.push(`PANEL_KAFKA_SASL_PASSWORD: required with ${protocol}`);
    if (mechanism && SASL_MECHANISMS.includes(mechanism)) sasl = { mechanism, username, password };
  } else if (username !== '' || password !== '' || rawMechanism !== '') {
    problems.push(`PANEL_KAFKA_SASL_*: given, but PANEL_KAFKA_SECURITY_PROTOCOL is ${protocol}; use SASL_SSL or SASL_PLAINTEXT`);
  }
  const ca = pem('PANEL_KAFKA_TLS_CA_FILE');
  const cert = pem('PANEL_KAFKA_TLS_CERT_FILE');
  const key = pem('PANEL_KAFKA_TLS_KEY_FILE');
  if (!usesTls && (ca ?? cert ?? key) !== null) {
    problems.push(`PANEL_KAFKA_TLS_*: given, but PANEL_KAFKA_SECURITY_PROTOCOL is ${protocol}; use SSL or SASL_SSL`);
  }
  if ((cert === null) !== (key === null)) {
    problems.push('PANEL_KAFKA_TLS_CERT_FILE and PANEL_KAFKA_TLS_KEY_FILE: give both (a client certificate and its key) or neither');
  }
  return { sasl, tls: usesTls ? ({ ca, cert, key } satisfies TlsMaterial) : null };
}

/** The PEM text of the file a setting names (relative paths from the project directory); null when not set. */
function readPem(value: string | undefined, name: string, projectDir: string, problems: string[]): string | null {
  const path = value?.trim();
  if (!path) return null;
  const file = isAbsolute(path) ? path : resolve(projectDir, path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push(`${name}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return null;
  }
  if (!/-----BEGIN [A-Z0-9 ]+-----/.test(text)) {
    problems.push(`${name}: ${file} is not a PEM file (no -----BEGIN …----- line)`);
    return null;
  }
  return text;
}

/** A URL with the user-info part (user:password@) replaced, for messages. */
export function withoutUserInfo(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1***@');
}
