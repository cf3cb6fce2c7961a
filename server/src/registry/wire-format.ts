import { UpstreamError, describeNetworkFailure } from '../http/upstream-error.ts';
import { endpointOptions, requestJson, type EndpointLike, asEndpoint } from '../http/rest.ts';
import { mapRegistryError } from './client.ts';
import { confluentRegistry } from './confluent-library.ts';

/** Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro payload. */
export function confluentSchemaId(value: Buffer | null): number | null {
  if (!value || value.length < 5 || value[0] !== 0) return null;
  return value.readInt32BE(1);
}

export interface WriterSchema {
  id: number;
  /** The schema text as the registry stores it. */
  schema: string;
}

/**
 * Decodes a Confluent-framed Avro message with @kafkajs/confluent-schema-registry (which fetches the writer schema
 * by id) and returns that writer schema's text from `GET /schemas/ids/<id>`. Throws when the message does not decode.
 */
export async function writerSchemaOf(endpointLike: EndpointLike, value: Buffer, timeoutMs = 10_000): Promise<WriterSchema> {
  const registry = asEndpoint(endpointLike);
  const id = confluentSchemaId(value);
  if (id === null) throw new Error('not in the Confluent wire format (no magic byte 0 and schema id)');
  const library = confluentRegistry(registry);
  try {
    await library.decode(value);
  } catch (error) {
    if ((error as Error).name === 'ConfluentSchemaRegistryError' || (error as { status?: number }).status !== undefined) {
      throw new UpstreamError('Schema Registry', registry.url, `could not fetch schema id ${id}: ${describeNetworkFailure(error)}`, {
        cause: error,
      });
    }
    throw new Error(`does not decode with schema id ${id}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const { body } = await requestJson<{ schema: string }>(
      { ...endpointOptions('Schema Registry', registry, timeoutMs), mediaType: 'application/vnd.schemaregistry.v1+json' },
      'GET',
      `/schemas/ids/${id}`,
    );
    return { id, schema: body.schema };
  } catch (error) {
    throw mapRegistryError(error);
  }
}
