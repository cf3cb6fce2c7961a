import type { FastifyError, FastifyInstance } from 'fastify';
import type { ApiErrorBody } from '../contracts/errors.ts';
import { AppError } from '../errors/app-error.ts';

/**
 * One error shape for every route. AppErrors carry messages written for users and are sent as they are;
 * anything unexpected with a 5xx status is logged with its details and answered with "Internal error" only.
 */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    const body = toBody(error);
    if (body.statusCode >= 500) request.log.error({ err: error, code: body.code }, 'request failed');
    else request.log.info({ code: body.code, message: body.message }, 'request rejected');
    return reply.status(body.statusCode).send(body);
  });
}

export function toBody(error: unknown): ApiErrorBody {
  if (error instanceof AppError) return error.toBody();
  const status = (error as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const fastifyCode = (error as FastifyError).code;
    const code = (error as FastifyError).validation
      ? 'VALIDATION_FAILED'
      : fastifyCode?.startsWith('FST_')
        ? 'BAD_REQUEST'
        : fastifyCode || 'BAD_REQUEST';
    return { statusCode: status, code, message: (error as Error).message, ...(fastifyCode ? { details: { fastifyCode } } : {}) };
  }
  return { statusCode: 500, code: 'INTERNAL', message: 'Internal error' };
}

export function notFoundBody(method: string, url: string): ApiErrorBody {
  return { statusCode: 404, code: 'ROUTE_NOT_FOUND', message: `No route for ${method} ${url.split('?')[0]}` };
}
