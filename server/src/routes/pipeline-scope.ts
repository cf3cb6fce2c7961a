import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import { toBody } from '../http/error-handler.ts';
import { UpstreamError, type UpstreamName } from '../http/upstream-error.ts';

/** Every JSON body the pipeline routes accept is small (a schema, a level, a topic); larger bodies get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type UpstreamHints = Partial<Record<UpstreamName, string>>;

/**
 * Error handler for the schema/connector/table/topic routes: a service that cannot be reached (503) gets the
 * fix appended (how to start it, which setting points at it); an oversized body gets a specific code.
 */
export function setPipelineErrorHandler(scope: FastifyInstance, hints: UpstreamHints): void {
  scope.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const body = toBody(withFix(error, hints));
    if (body.statusCode >= 500) request.log.error({ err: error, code: body.code }, 'request failed');
    else request.log.info({ code: body.code, message: body.message }, 'request rejected');
    return reply.status(body.statusCode).send(body);
  });
}

function withFix(error: unknown, hints: UpstreamHints): unknown {
  if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new AppError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES} bytes; nothing was changed`, {
      limitBytes: MAX_BODY_BYTES,
    });
  }
  if (error instanceof UpstreamError && error.statusCode === 503) {
    const hint = hints[error.upstream];
    if (hint) return new AppError(503, error.code, `${error.message}. ${hint}`, { ...(error.details as object), hint }, { cause: error });
  }
  return error;
}

/** Reads a JSON object body or answers 400 naming what was expected. */
export function objectBody(body: unknown, expected: string): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError(400, 'BAD_REQUEST', `Expected a JSON object body like ${expected}`);
  }
  return body as Record<string, unknown>;
}
