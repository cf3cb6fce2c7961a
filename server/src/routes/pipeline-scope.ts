import type { FastifyError } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import { sendError } from '../http/error-handler.ts';
import type { PanelApp } from '../http/panel-app.ts';
import { UpstreamError, type UpstreamName } from '../http/upstream-error.ts';

export type UpstreamHints = Partial<Record<UpstreamName, string>>;

/**
 * Error handler for the routes that call the stack's services: a service that cannot be reached (503) gets the
 * fix appended (how to start it, which setting points at it).
 */
export function setPipelineErrorHandler(scope: PanelApp, hints: UpstreamHints): void {
  scope.setErrorHandler((error: FastifyError | Error, request, reply) => sendError(withFix(error, hints), request, reply));
}

function withFix(error: unknown, hints: UpstreamHints): unknown {
  if (error instanceof UpstreamError && error.statusCode === 503) {
    const hint = hints[error.upstream];
    if (hint) return new AppError(503, error.code, `${error.message}. ${hint}`, { ...(error.details as object), hint }, { cause: error });
  }
  return error;
}
