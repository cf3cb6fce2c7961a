import { pathSegment } from '../http/path-segment.ts';
import { endpointOptions, requestJson, UpstreamHttpError, type EndpointLike, asEndpoint } from '../http/rest.ts';
import { mapConnectError } from './client.ts';

export interface ConfigValidation {
  errorCount: number;
  /** Keys with at least one error, with Connect's messages. */
  errors: { key: string; messages: string[] }[];
}

interface RawValidation {
  error_count?: number;
  configs?: { value?: { name?: string; errors?: string[] } }[];
}

/**
 * Connect's `PUT /connector-plugins/<class>/config/validate` (docs/upstream-facts.md §4): the plugin's own
 * ConfigDef checks plus Connect's connector-level ones, without creating anything.
 */
export async function validateConnectorConfig(
  endpointLike: EndpointLike,
  timeoutMs: number,
  connectorClass: string,
  config: Record<string, string>,
): Promise<ConfigValidation> {
  const connect = asEndpoint(endpointLike);
  let body: RawValidation;
  try {
    body = (
      await requestJson<RawValidation>(
        endpointOptions('Kafka Connect', connect, timeoutMs),
        'PUT',
        `/connector-plugins/${pathSegment(connectorClass, 'connector class')}/config/validate`,
        config,
      )
    ).body;
  } catch (error) {
    if (error instanceof UpstreamHttpError) throw mapConnectError(error, true);
    throw error;
  }
  const errors = (body.configs ?? [])
    .map((c) => ({ key: c.value?.name ?? '?', messages: c.value?.errors ?? [] }))
    .filter((e) => e.messages.length > 0);
  return { errorCount: body.error_count ?? errors.length, errors };
}
