/**
 * Names that reach an upstream URL, SQL or a file path. Each schema carries the shape (pattern, length) so the
 * OpenAPI document says it, a `format` whose semantic rule lives in one module (http/validation/formats.ts:
 * e.g. "." and ".." are never a name), and the error code a refusal answers with (`x-error-code`).
 */
import { Type } from 'typebox';

const errorCode = (code: string) => ({ 'x-error-code': code });

/** Kafka's rule (org.apache.kafka.common.internals.Topic): [a-zA-Z0-9._-], 1..249 characters, not "." or "..". */
export const TopicName = Type.String({
  minLength: 1,
  maxLength: 249,
  pattern: '^[a-zA-Z0-9._-]+$',
  format: 'kafka-topic',
  description: 'A Kafka topic name: ASCII letters, digits, ".", "_" and "-", 1..249 characters, not "." or ".."',
  ...errorCode('INVALID_TOPIC_NAME'),
});

/** A Schema Registry subject: a path segment of its REST API, so no slash, backslash, quote or control character. */
export const SubjectName = Type.String({
  minLength: 1,
  maxLength: 255,
  pattern: '^[^\\s/\\\\"\'`\\u0000-\\u001f\\u007f](?:[^/\\\\"\'`\\u0000-\\u001f\\u007f]*[^\\s/\\\\"\'`\\u0000-\\u001f\\u007f])?$',
  format: 'subject',
  description: 'A subject, e.g. orders-value: 1..255 characters, no slash, backslash, quote or control character, not "." or ".."',
  ...errorCode('INVALID_SUBJECT'),
});

/** Largest subject version the panel accepts: Schema Registry versions are Java ints, and no subject gets near 10^9. */
export const MAX_SCHEMA_VERSION = 999_999_999;

/** A subject version named in a path or query: a number or "latest". */
export const SchemaVersionRef = Type.String({
  pattern: '^(latest|[1-9][0-9]{0,8})$',
  description: 'A version number (1..999999999) or "latest"',
  ...errorCode('INVALID_VERSION'),
});

/** A subject version named in a body: a number. */
export const SchemaVersionNumber = Type.Integer({ minimum: 1, maximum: MAX_SCHEMA_VERSION, ...errorCode('INVALID_VERSION') });

/** A Kafka Connect connector name (a path segment of Connect's REST API). */
export const ConnectorName = Type.String({
  minLength: 1,
  maxLength: 249,
  pattern: '^[^\\s/\\\\"\'`\\u0000-\\u001f\\u007f](?:[^/\\\\"\'`\\u0000-\\u001f\\u007f]*[^\\s/\\\\"\'`\\u0000-\\u001f\\u007f])?$',
  format: 'connector-name',
  description: 'A connector name: 1..249 characters, no slash, backslash, quote or control character, not "." or ".."',
  ...errorCode('INVALID_CONNECTOR_NAME'),
});

/** A compose service name (compose-spec: [a-zA-Z0-9._-], starting with a letter or digit). */
export const ServiceName = Type.String({
  minLength: 1,
  maxLength: 128,
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
  description: 'A service declared in the compose file',
});

/**
 * A ClickHouse database or table addressed in a URL: a plain identifier, or one with "." and "-" (topic-named tables
 * exist). Backticks, quotes, semicolons, spaces and control characters are always refused.
 */
export const TableName = Type.String({
  minLength: 1,
  maxLength: 255,
  pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]*$',
  description: 'A ClickHouse database or table name: letters, digits, "_", "." and "-", not starting with "." or "-"',
  ...errorCode('INVALID_IDENTIFIER'),
});

export const ConsumerGroupId = Type.String({
  minLength: 1,
  maxLength: 255,
  pattern: '^[A-Za-z0-9._-]+$',
  description: 'A consumer group id: letters, digits, ".", "_" and "-"',
  ...errorCode('INVALID_GROUP_ID'),
});

/** A file directly inside sql/ or connectors/ (no path, not hidden). */
export const RepoFileName = (extension: '.sql' | '.json') =>
  Type.String({
    minLength: extension.length + 1,
    maxLength: 255,
    pattern: `^[A-Za-z0-9_-][A-Za-z0-9._-]*\\${extension}$`,
    description: `A file name in ${extension === '.sql' ? 'sql/' : 'connectors/'}, ending in ${extension}`,
    ...errorCode('INVALID_FILE_NAME'),
  });

/** Ids the panel hands out for its operations (smoke runs, resets, wizard applies). */
export const OperationId = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$' });

/** A pipeline id from GET /api/pipelines: the connector name, or `<connector>:<topic>`. */
export const PipelineId = Type.String({
  minLength: 1,
  maxLength: 500,
  pattern: '^[^\\s/\\\\"\'`\\u0000-\\u001f\\u007f](?:[^/\\\\"\'`\\u0000-\\u001f\\u007f]*[^\\s/\\\\"\'`\\u0000-\\u001f\\u007f])?$',
  format: 'path-segment',
});
