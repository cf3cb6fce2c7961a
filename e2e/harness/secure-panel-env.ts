import { panelHeader } from '../lib/panel-header.ts';
import type { SecureEndpoints } from './secure.ts';

/**
 * A panel's settings for the harness's secure endpoints, as a user moving to an authenticated cluster writes them
 * in .env: remote mode, SASL_SSL to Kafka, TLS and basic auth everywhere else. `override` replaces some (a wrong
 * password, no CA, an http:// URL).
 */
export function securePanelEnv(s: SecureEndpoints, override: Record<string, string> = {}): Record<string, string> {
  return {
    PANEL_MODE: 'remote',
    PANEL_KAFKA_BROKERS: s.kafka.brokers.join(','),
    PANEL_KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
    PANEL_KAFKA_SASL_MECHANISM: s.kafka.mechanism,
    PANEL_KAFKA_SASL_USERNAME: s.kafka.username,
    PANEL_KAFKA_SASL_PASSWORD: s.kafka.password,
    PANEL_KAFKA_TLS_CA_FILE: s.caFile,
    PANEL_SCHEMA_REGISTRY_URL: s.registry.url,
    PANEL_SCHEMA_REGISTRY_USERNAME: s.registry.username,
    PANEL_SCHEMA_REGISTRY_PASSWORD: s.registry.password,
    PANEL_SCHEMA_REGISTRY_TLS_CA_FILE: s.caFile,
    PANEL_CONNECT_URL: s.connect.url,
    PANEL_CONNECT_USERNAME: s.connect.username,
    PANEL_CONNECT_PASSWORD: s.connect.password,
    PANEL_CONNECT_TLS_CA_FILE: s.caFile,
    PANEL_CLICKHOUSE_URL: s.clickhouse.url,
    PANEL_CLICKHOUSE_USER: s.clickhouse.user,
    PANEL_CLICKHOUSE_PASSWORD: s.clickhouse.password,
    PANEL_CLICKHOUSE_TLS_CA_FILE: s.caFile,
    PANEL_PROBE_TIMEOUT_MS: '5000',
    ...override,
  };
}

export interface RecordedCall {
  status: number;
  json: Record<string, unknown> | null;
  text: string;
}

/**
 * Calls a panel as its page does and keeps every response body in `bodies`, so a test can check at the end that no
 * secret was ever in one.
 */
export function recordingCaller(bodies: string[]) {
  return async (panel: { url: string }, method: string, path: string, body?: unknown): Promise<RecordedCall> => {
    const response = await fetch(`${panel.url}${path}`, {
      method,
      headers: { ...panelHeader, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    bodies.push(text);
    return { status: response.status, json: text === '' ? null : (JSON.parse(text) as Record<string, unknown>), text };
  };
}
