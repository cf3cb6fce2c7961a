/**
 * connectors/*.json as the harness worker runs it: the file's config with only what differs between the compose
 * stack and the harness rewritten — the ClickHouse host and port, and the Avro converter with its registry keys
 * (Confluent's AvroConverter is not on Maven Central; Apicurio's converter reads the same Confluent wire format,
 * magic byte + 4-byte schema id, through the harness registry). Credentials stay ${env:…} references, resolved by the
 * worker's env config provider, as in the stack.
 *
 * Apicurio keys (apicurio-registry 2.1.5.Final serdes/serde-common SerdeConfig): apicurio.registry.url (its native
 * /apis/registry/v2 API), apicurio.registry.as-confluent=true (Legacy4ByteIdHandler: 4-byte ids),
 * apicurio.registry.use-id=contentId (the ids the ccompat API hands out, FacadeConverter with
 * registry.ccompat.legacy-id-mode.enabled=false — what the panel's producer writes), headers.enabled=false (the id is
 * in the payload, not in record headers).
 */
export const CONFLUENT_AVRO = 'io.confluent.connect.avro.AvroConverter';
export const APICURIO_AVRO = 'io.apicurio.registry.utils.converter.AvroConverter';

export interface HarnessEndpoints {
  /** The harness ClickHouse adapter, http://host:port. */
  clickhouseUrl: string;
  /** Apicurio Registry's base URL (without /apis/…). */
  registryBaseUrl: string;
}

export function connectorForHarness(config: Record<string, string>, harness: HarnessEndpoints): Record<string, string> {
  const out: Record<string, string> = { ...config };
  const clickhouse = new URL(harness.clickhouseUrl);
  if ('hostname' in out) out['hostname'] = clickhouse.hostname;
  if ('port' in out) out['port'] = clickhouse.port;
  if ('ssl' in out) out['ssl'] = String(clickhouse.protocol === 'https:');
  for (const side of ['key', 'value'] as const) {
    if (out[`${side}.converter`] !== CONFLUENT_AVRO) continue;
    out[`${side}.converter`] = APICURIO_AVRO;
    delete out[`${side}.converter.schema.registry.url`];
    out[`${side}.converter.apicurio.registry.url`] = `${harness.registryBaseUrl.replace(/\/+$/, '')}/apis/registry/v2`;
    out[`${side}.converter.apicurio.registry.as-confluent`] = 'true';
    out[`${side}.converter.apicurio.registry.use-id`] = 'contentId';
    out[`${side}.converter.apicurio.registry.headers.enabled`] = 'false';
  }
  return out;
}
