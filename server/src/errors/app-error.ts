import type { ApiErrorBody } from '../contracts/errors.ts';

/** Stable error codes answered by the panel's own routes. */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'ROUTE_NOT_FOUND'
  | 'UNKNOWN_SERVICE'
  | 'NOT_IN_PROJECT'
  | 'SERVICE_NOT_CREATED'
  | 'CONFIRMATION_REQUIRED'
  | 'INVALID_TAIL'
  | 'ORIGIN_REJECTED'
  | 'HOST_REJECTED'
  | 'TOKEN_REQUIRED'
  | 'DOCKER_UNAVAILABLE'
  | 'COMPOSE_INVALID'
  | 'COMPOSE_REQUIRED_VARIABLE'
  | 'COMPOSE_FILE_MISSING'
  | 'COMPOSE_CLI_FAILED'
  | 'CONFIG_INVALID'
  | 'INTERNAL'
  | (string & {});

/** An error meant for the client: status, stable code, human message and optional details. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { statusCode: this.statusCode, code: this.code, message: this.message };
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
