import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorBody } from '../contracts/error-codes.ts';
import { AppError } from '../errors/app-error.ts';
import { bounded } from './bounded.ts';
import { describeValidation, type RequestPart } from './validation/messages.ts';

/** Every JSON body the panel accepts is small (a schema, DDL, a connector file); larger bodies get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Longest path parameter: a 255-character subject percent-encoded as 3-byte UTF-8 (255 × 9 bytes), with room. */
export const MAX_PARAM_LENGTH = 2560;

/**
 * One error shape for every route. AppErrors carry messages written for users and are sent as they are;
 * Fastify's own errors are translated into specific ones; anything else is logged with its details and answered
 * with "Internal error" only. `details` is always bounded.
 */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => sendError(error, request, reply));
}

export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const body = toBody(error);
  const where = { method: request.method, url: request.url };
  if (body.statusCode >= 500 && !(error instanceof AppError))
    request.log.error({ ...where, err: error, code: body.code }, 'request failed');
  // An upstream that failed (503/502/504) is worth a line at the default level; a refused input is not.
  else if (body.statusCode >= 500) request.log.warn({ ...where, code: body.code, message: body.message }, 'upstream failed');
  else request.log.info({ ...where, code: body.code, message: body.message }, 'request rejected');
  return reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
}

export function toBody(error: unknown): ApiErrorBody {
  const app = error instanceof AppError ? error : fromFastify(error as FastifyError);
  if (!app) return { statusCode: 500, code: 'INTERNAL', message: 'Internal error' };
  const body: ApiErrorBody = { statusCode: app.statusCode, code: app.code, message: app.message };
  if (app.details !== undefined) body.details = bounded(app.details);
  return body;
}

/** Fastify's errors (validation, body parsing, routing) → the panel's codes, each saying what to send instead. */
function fromFastify(error: FastifyError): AppError | null {
  if (error.validation) {
    const problem = describeValidation(error.validation as never, (error.validationContext ?? 'body') as RequestPart);
    return new AppError(400, problem.code, `${problem.message}; nothing was changed`, problem.details);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES} bytes; nothing was changed`, {
        limitBytes: MAX_BODY_BYTES,
      });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The panel accepts only JSON bodies: send Content-Type: application/json', {
        accepted: ['application/json'],
      });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(400, 'BAD_REQUEST', 'Content-Length does not match the body that was sent');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError(414, 'URI_TOO_LONG', `A path parameter is longer than ${MAX_PARAM_LENGTH} characters; no name is that long`, {
        limit: MAX_PARAM_LENGTH,
      });
    case 'FST_ERR_BAD_URL':
      return new AppError(400, 'BAD_URL', 'The URL is not valid: a path segment has a malformed percent-encoding (e.g. "%zz")');
  }
  const status = error.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new AppError(status, 'BAD_REQUEST', `${error.message.slice(0, 300)}`, error.code ? { fastifyCode: error.code } : undefined);
  return null;
}

/**
 * Requests Node's HTTP parser refuses (before Fastify sees them): answered in the panel's shape, then closed.
 * Fastify's `clientErrorHandler` option.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const body: ApiErrorBody = tooLarge
    ? { statusCode: 431, code: 'HEADERS_TOO_LARGE', message: 'The request line and headers exceed 16 KiB; no panel URL is that long' }
    : { statusCode: 400, code: 'BAD_REQUEST', message: `The HTTP request could not be parsed (${String(error.code ?? 'malformed')})` };
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${body.statusCode} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

export function notFoundBody(method: string, url: string): ApiErrorBody {
  const path = url.split('?')[0]!;
  return {
    statusCode: 404,
    code: 'ROUTE_NOT_FOUND',
    message: `No route for ${method} ${path.length > 200 ? `${path.slice(0, 200)}…` : path}; GET /api/openapi.json lists every route`,
  };
}
