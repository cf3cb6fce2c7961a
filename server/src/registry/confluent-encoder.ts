import { asEndpoint, type EndpointLike } from '../http/rest.ts';
import { UpstreamError, describeNetworkFailure } from '../http/upstream-error.ts';
import { confluentRegistry } from './confluent-library.ts';

export interface ConfluentEncoder {
  /** Avro-encodes `record` with the registered schema `id` in the Confluent wire format (magic byte, id, payload). */
  encode(id: number, record: unknown): Promise<Buffer>;
}

/**
 * The framing comes from @kafkajs/confluent-schema-registry (never hand-written here); it fetches the schema by id
 * from the registry once and caches it.
 */
export function createConfluentEncoder(endpointLike: EndpointLike): ConfluentEncoder {
  const registry = asEndpoint(endpointLike);
  const library = confluentRegistry(registry);
  return {
    async encode(id, record) {
      try {
        return await library.encode(id, record);
      } catch (error) {
        if ((error as Error).name === 'ConfluentSchemaRegistryValidationError') throw error;
        throw new UpstreamError('Schema Registry', registry.url, `could not fetch schema id ${id}: ${describeNetworkFailure(error)}`, {
          cause: error,
        });
      }
    },
  };
}
