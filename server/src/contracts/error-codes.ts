/**
 * The closed list of error codes the API answers with (`ApiErrorBody.code`). The server's AppError accepts only
 * these (type-level), the web's ApiError carries the same type, and the OpenAPI document lists them. Add a code
 * here, with the situation it names, before throwing it anywhere.
 */
import { Type, type Static } from 'typebox';

export const ERROR_CODES = [
  // Requests the panel could not read (Fastify's own errors, translated in http/error-handler.ts).
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'BAD_URL',
  'INVALID_JSON',
  'EMPTY_JSON_BODY',
  'FORBIDDEN_JSON_KEY',
  'PAYLOAD_TOO_LARGE',
  'URI_TOO_LONG',
  'HEADERS_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'ROUTE_NOT_FOUND',
  'INTERNAL',
  // The request guard (security/request-guard.ts).
  'HOST_REJECTED',
  'ORIGIN_REJECTED',
  'PANEL_HEADER_REQUIRED',
  'TOKEN_REQUIRED',
  // Names and values refused by the validation module (http/validation/formats.ts) or by a service.
  'INVALID_TOPIC_NAME',
  'INVALID_PARTITIONS',
  'INVALID_RETENTION',
  'INVALID_SUBJECT',
  'INVALID_VERSION',
  'INVALID_COMPATIBILITY_LEVEL',
  'INVALID_CONNECTOR_NAME',
  'INVALID_IDENTIFIER',
  'INVALID_GROUP_ID',
  'INVALID_FILE_NAME',
  'INVALID_LIMIT',
  'INVALID_TAIL',
  'INVALID_AVRO',
  'INVALID_SCHEMA',
  'INVALID_SAMPLES',
  'INVALID_TABLE_SQL',
  'INVALID_CONNECTOR_FILE',
  'INVALID_CONNECTOR_JSON',
  'SCHEMA_NOT_RECORD',
  'NOT_AVRO',
  'CONFIRMATION_REQUIRED',
  'CONFIRMATION_MISMATCH',
  // Things that are not there.
  'TOPIC_NOT_FOUND',
  'CONSUMER_GROUP_NOT_FOUND',
  'SUBJECT_NOT_FOUND',
  'VERSION_NOT_FOUND',
  'SCHEMA_NOT_FOUND',
  'REGISTRY_NOT_FOUND',
  'CONNECTOR_NOT_FOUND',
  'TABLE_NOT_FOUND',
  'FILE_NOT_FOUND',
  'NOT_A_FILE',
  'SCHEMA_FILE_NOT_FOUND',
  'PIPELINE_NOT_FOUND',
  'SMOKE_RUN_NOT_FOUND',
  'SMOKE_RUN_RUNNING',
  'INVALID_RUN_ID',
  'RUN_ID_FIELD_INVALID',
  'SCHEMA_REGISTRATION_NEEDED',
  'DELIVERY_STUCK',
  'RESET_NOT_FOUND',
  'WIZARD_OPERATION_NOT_FOUND',
  'UNKNOWN_SERVICE',
  'CONTAINER_NOT_FOUND',
  'SERVICE_NOT_CREATED',
  'NO_MESSAGES',
  // Refusals and conflicts.
  'NOT_IN_PROJECT',
  'TOPIC_EXISTS',
  'INCOMPATIBLE_SCHEMA',
  'PREFLIGHT_FAILED',
  'PLAN_BLOCKED',
  'DDL_REFUSED',
  'INFERENCE_REFUSED',
  'UNDECODABLE_MESSAGES',
  'CONTRACT_FAILED',
  'CONNECTOR_REFUSED',
  'CONNECTOR_TARGET_MISMATCH',
  'EMPTY_SQL_FILE',
  'SQL_STATEMENT_FAILED',
  'FILE_TOO_LARGE',
  'RESET_RUNNING',
  'WIZARD_APPLY_RUNNING',
  'APPLY_NOT_FINISHED',
  'SMOKE_RUN_CANCELLED',
  'SMOKE_UNAVAILABLE',
  // The stack's services (http/upstream-error.ts and each client's error mapping).
  'KAFKA_UNAVAILABLE',
  'KAFKA_ERROR',
  'KAFKA_REJECTED',
  'SCHEMA_REGISTRY_UNAVAILABLE',
  'SCHEMA_REGISTRY_ERROR',
  'REGISTRY_REJECTED',
  'CONNECT_UNAVAILABLE',
  'CONNECT_ERROR',
  'CONNECT_REJECTED',
  'CONNECT_PLUGIN_MISSING',
  'CONNECT_CONFLICT',
  'CLICKHOUSE_UNAVAILABLE',
  'CLICKHOUSE_ERROR',
  // Any of the four services refused the panel's credentials, or its TLS certificate is not trusted (http/credentials.ts).
  'UPSTREAM_AUTH_FAILED',
  'UPSTREAM_TLS_FAILED',
  // Start, stop, restart and reset need a compose project; the panel runs against remote endpoints (PANEL_MODE).
  'REMOTE_MODE',
  'DOCKER_UNAVAILABLE',
  'DOCKER_ERROR',
  'DOCKER_CONFLICT',
  'COMPOSE_INVALID',
  'COMPOSE_REQUIRED_VARIABLE',
  'COMPOSE_FILE_MISSING',
  'COMPOSE_CLI_FAILED',
  'COMPOSE_CLI_TIMEOUT',
  'CONFIG_INVALID',
  // Set by the web client only: the API did not answer, or answered with something that is not this shape.
  'API_UNREACHABLE',
  'UNEXPECTED_RESPONSE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export const ErrorCode = Type.Unsafe<ErrorCode>({ type: 'string', enum: [...ERROR_CODES] });

/** The one error body every route answers with. `code` is stable; `message` is for people. */
export const ApiErrorBody = Type.Object(
  {
    statusCode: Type.Integer({ minimum: 400, maximum: 599 }),
    code: ErrorCode,
    message: Type.String(),
    /** Bounded: values echoed from the request are truncated (http/error-handler.ts). */
    details: Type.Optional(Type.Unknown()),
  },
  { $id: 'ApiErrorBody' },
);
export type ApiErrorBody = Static<typeof ApiErrorBody>;
