import type { UpstreamName } from './upstream-error.ts';

/** Basic-auth credentials for a REST upstream (Schema Registry, Connect) or ClickHouse's HTTP interface. */
export interface HttpCredentials {
  username: string;
  password: string;
}

/** TLS material as PEM text (read from the files named by the *_TLS_*_FILE settings at start-up). */
export interface TlsMaterial {
  /** CA certificate(s) to trust instead of Node's bundled roots; null: the bundled roots. */
  ca: string | null;
  cert: string | null;
  key: string | null;
}

/** The settings that hold each service's credentials and CA file: named in every authentication or TLS failure. */
export const CREDENTIAL_SETTINGS: Record<UpstreamName, { username: string; password: string; caFile: string; endpoint: string }> = {
  Kafka: {
    username: 'PANEL_KAFKA_SASL_USERNAME',
    password: 'PANEL_KAFKA_SASL_PASSWORD',
    caFile: 'PANEL_KAFKA_TLS_CA_FILE',
    endpoint: 'PANEL_KAFKA_SECURITY_PROTOCOL',
  },
  'Schema Registry': {
    username: 'PANEL_SCHEMA_REGISTRY_USERNAME',
    password: 'PANEL_SCHEMA_REGISTRY_PASSWORD',
    caFile: 'PANEL_SCHEMA_REGISTRY_TLS_CA_FILE',
    endpoint: 'PANEL_SCHEMA_REGISTRY_URL',
  },
  'Kafka Connect': {
    username: 'PANEL_CONNECT_USERNAME',
    password: 'PANEL_CONNECT_PASSWORD',
    caFile: 'PANEL_CONNECT_TLS_CA_FILE',
    endpoint: 'PANEL_CONNECT_URL',
  },
  ClickHouse: {
    username: 'PANEL_CLICKHOUSE_USER',
    password: 'PANEL_CLICKHOUSE_PASSWORD',
    caFile: 'PANEL_CLICKHOUSE_TLS_CA_FILE',
    endpoint: 'PANEL_CLICKHOUSE_URL',
  },
};

/** nginx's answer to plain HTTP on an `ssl` listener (HTTP 400, ngx_http_request.c). */
const PLAIN_HTTP_ON_TLS_PORT = /plain HTTP request was sent to HTTPS port/i;

/** The error to raise when an http:// URL reached a port that speaks TLS; null when `text` does not say so. */
export function plainHttpOnTlsPort(status: number, text: string): Error | null {
  if (status !== 400 || !PLAIN_HTTP_ON_TLS_PORT.test(text)) return null;
  return Object.assign(new Error('The plain HTTP request was sent to HTTPS port'), { code: 'PLAIN_HTTP_ON_TLS_PORT' });
}

/**
 * A connection reset or an answer that is not HTTP, on an http:// URL, is what most TLS servers (Node, Java's) do
 * with plain HTTP: the hint names the setting, without claiming more than that.
 */
export function tlsPortHint(url: string, error: unknown, upstream: UpstreamName): string | null {
  if (!url.startsWith('http://')) return null;
  const { code } = (error ?? {}) as { code?: unknown };
  const reset = code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || (typeof code === 'string' && code.startsWith('HPE_'));
  return reset ? `if that port speaks TLS, use an https:// URL in ${CREDENTIAL_SETTINGS[upstream].endpoint}` : null;
}

/** `Authorization: Basic …` for these credentials (RFC 7617: user-id ":" password, UTF-8, base64). */
export function basicAuthorization(credentials: HttpCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
}

/** The fix for refused credentials: which settings to check (never their values). */
export function credentialFix(upstream: UpstreamName, sent: boolean): string {
  const s = CREDENTIAL_SETTINGS[upstream];
  return sent ? `check ${s.username} and ${s.password}` : `the service requires credentials: set ${s.username} and ${s.password}`;
}

/**
 * Node's TLS verification failures (OpenSSL's X509_V_ERR_* names, as `error.code`) and what they mean, plus the
 * handshake failures of a TLS client talking to a plaintext port or the other way round.
 */
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/** Why a TLS connection failed, with the setting that fixes it; null when `error` is not a TLS failure. */
export function describeTlsFailure(error: unknown, upstream: UpstreamName): string | null {
  const caFile = CREDENTIAL_SETTINGS[upstream].caFile;
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { code, message } = current as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : '';
    if (typeof code === 'string') {
      if (code === 'PLAIN_HTTP_ON_TLS_PORT') {
        return `TLS: the port speaks HTTPS and was called with http:// ("${text}"); use an https:// URL in ${CREDENTIAL_SETTINGS[upstream].endpoint}`;
      }
      if (UNTRUSTED.has(code)) {
        return `TLS: the server's certificate is not signed by a trusted CA (${code}); set ${caFile} to the PEM file of the CA that signed it`;
      }
      if (EXPIRED.has(code)) return `TLS: the server's certificate is not valid now (${code})`;
      if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
        return `TLS: the server's certificate does not name this host (${code}); use a host name the certificate lists`;
      }
    }
    if (
      /wrong version number|packet length too long|unknown protocol|http request/i.test(text) &&
      /ssl|tls|EPROTO/i.test(`${String(code)} ${text}`)
    ) {
      return `TLS: the handshake failed (${text.split('\n')[0]}); the port may not speak TLS, or TLS is needed and not enabled`;
    }
    current = (current as { cause?: unknown; originalError?: unknown }).cause ?? (current as { originalError?: unknown }).originalError;
  }
  return null;
}
