import type * as ConfluentSchemaRegistry from '@kafkajs/confluent-schema-registry';
import { Agent as HttpsAgent } from 'node:https';
import type { HttpEndpoint } from '../http/rest.ts';
import { lazyModule } from '../lazy-module.ts';

/** @kafkajs/confluent-schema-registry (with avsc and protobufjs), loaded when first needed rather than at start-up. */
export const confluentLibrary = lazyModule<typeof ConfluentSchemaRegistry>('@kafkajs/confluent-schema-registry');

/** The library's registry client for an endpoint: its basic auth, and an https agent trusting the endpoint's CA. */
export function confluentRegistry(endpoint: HttpEndpoint): InstanceType<typeof ConfluentSchemaRegistry.SchemaRegistry> {
  const agent = endpoint.ca && endpoint.url.startsWith('https:') ? new HttpsAgent({ ca: endpoint.ca }) : undefined;
  return new (confluentLibrary().SchemaRegistry)({
    host: endpoint.url,
    retry: { retries: 1 },
    ...(endpoint.credentials ? { auth: { username: endpoint.credentials.username, password: endpoint.credentials.password } } : {}),
    ...(agent ? { agent } : {}),
  });
}
