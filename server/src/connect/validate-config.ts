import { pathSegment } from '../http/path-segment.ts';
import { requestJson, UpstreamHttpError } from '../http/rest.ts';
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
  connectUrl: string,
  timeoutMs: number,
  connectorClass: string,
  config: Record<string, string>,
): Promise<ConfigValidation> {
  let body: RawValidation;
  try {
    body = (
      await requestJson<RawValidation>(
        { upstream: 'Kafka Connect', baseUrl: connectUrl, timeoutMs },
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
