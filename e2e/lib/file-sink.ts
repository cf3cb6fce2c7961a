/**
 * Kafka's FileStreamSink (a plugin every harness worker has) as the tests deploy it straight to Connect, outside the
 * panel: plain strings by default, or JSON with a dead-letter topic for the dead-letter tests.
 */
export interface FileSinkOptions {
  topic: string;
  file: string;
  tasks?: number;
  /** JSON converters without schemas, errors tolerated and sent to this topic with their context headers. */
  deadLetterTopic?: string;
}

export function fileSinkConfig(options: FileSinkOptions): Record<string, string> {
  const base = {
    'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
    'tasks.max': String(options.tasks ?? 1),
    topics: options.topic,
    file: options.file,
  };
  if (options.deadLetterTopic === undefined) return { ...base, 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' };
  return {
    ...base,
    'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'key.converter.schemas.enable': 'false',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'value.converter.schemas.enable': 'false',
    'errors.tolerance': 'all',
    'errors.deadletterqueue.topic.name': options.deadLetterTopic,
    'errors.deadletterqueue.topic.replication.factor': '1',
    'errors.deadletterqueue.context.headers.enable': 'true',
    'consumer.override.auto.offset.reset': 'earliest',
  };
}

/** `PUT /connectors/{name}/config` on a worker: creates or updates the connector. */
export function putConnector(connectUrl: string, name: string, config: Record<string, string>): Promise<Response> {
  return fetch(`${connectUrl}/connectors/${encodeURIComponent(name)}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
}
