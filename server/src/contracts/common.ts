/** Building blocks of the API contracts: nullable values, string enums, closed request objects, error responses. */
import { Type, type Static, type TSchema, type TProperties } from 'typebox';
import type { ApiErrorBody } from './error-codes.ts';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** `{type: string, enum}`: one schema (not an anyOf of consts), typed as the union of the values. */
export const StringEnum = <const T extends readonly string[]>(values: T, options: Record<string, unknown> = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

/**
 * A request body, query string or params object: unknown properties are refused (400 naming the property), so a
 * typo never passes silently. Response objects stay open in the schema; serialisation keeps only their declared
 * properties (an allow-list: nothing undeclared, e.g. a secret, can leak).
 */
export const Closed = <T extends TProperties>(properties: T, options: Record<string, unknown> = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

/** The body of a POST that needs no input: `{}`, or no body at all (a missing body is read as `{}`). */
export const NoBody = Closed({});

/**
 * When the panel read the data from the service (ISO 8601; the read started then, so the data is at least this old).
 * Metadata reads are shared by concurrent requests and kept about a second (README "Read paths"); the response
 * header `X-Data-Age-Ms` says the same as an age.
 */
export const FetchedAt = Type.String({
  format: 'date-time',
  description: 'When the panel read this from the service; the data is at least this old',
});

/** Registered once with `app.addSchema(ApiErrorBody)`; routes refer to it by id. */
export const ERROR_BODY_REF = 'ApiErrorBody#';
const ErrorRef = Type.Unsafe<ApiErrorBody>({ $ref: ERROR_BODY_REF });

/** Every route's error responses: `{statusCode, code, message, details?}` for any 4xx and 5xx. */
export const ErrorResponses = { '4xx': ErrorRef, '5xx': ErrorRef } as const;

/**
 * The response of a Server-Sent Events route, documented as `text/event-stream`. As OpenAPI before 3.2 reads it, the
 * schema describes one event: `event` names it and `data` is its JSON text (the stream itself is written by hand).
 */
export const EventStream = (description: string, events: Record<string, TSchema>) => ({
  200: {
    description,
    content: {
      'text/event-stream': {
        schema: Type.Union(
          Object.entries(events).map(([name, schema]) =>
            Type.Object({
              event: Type.Literal(name),
              data: Type.String({ description: `JSON: ${(schema as { description?: string }).description ?? name}` }),
              id: Type.Optional(Type.String()),
              retry: Type.Optional(Type.Integer()),
            }),
          ),
        ),
      },
    },
  },
  ...ErrorResponses,
});

/** `{ ok: true }` of GET /api/health. */
export const HealthResponse = Type.Object({ ok: Type.Boolean() });
export type HealthResponse = Static<typeof HealthResponse>;

/** Largest offset a JSON number carries exactly (2^53 − 1); Kafka's are int64, far below it in practice. */
export const MAX_OFFSET = Number.MAX_SAFE_INTEGER;
/** Largest epoch-ms a JavaScript Date holds (year 275760); anything later is a mistake, not a time. */
export const MAX_TIMESTAMP_MS = 8_640_000_000_000_000;
