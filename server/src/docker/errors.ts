import { AppError } from '../errors/app-error.ts';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/** True when the error says the Docker daemon cannot be reached (as opposed to an API error). */
export function isDockerConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && CONNECTION_CODES.has(code)) || (error instanceof Error && /timed out/i.test(error.message));
}

/** Turns a dockerode failure into an AppError that names Docker. */
export function toDockerError(error: unknown, what: string): AppError {
  if (error instanceof AppError) return error;
  const err = error as { statusCode?: number; message?: string; code?: string; json?: { message?: string } };
  if (isDockerConnectionError(error)) {
    return new AppError(
      503,
      'DOCKER_UNAVAILABLE',
      `Docker Engine is not reachable (${err.code ?? err.message}) while trying to ${what}`,
      {
        hint: 'Start Docker (or check DOCKER_HOST / access to /var/run/docker.sock) and try again.',
      },
      { cause: error },
    );
  }
  const upstream = err.json?.message ?? err.message ?? String(error);
  if (err.statusCode === 404)
    return new AppError(404, 'CONTAINER_NOT_FOUND', `Docker: ${upstream}`, { upstreamStatus: 404 }, { cause: error });
  if (err.statusCode === 409)
    return new AppError(409, 'DOCKER_CONFLICT', `Docker refused to ${what}: ${upstream}`, { upstreamStatus: 409 }, { cause: error });
  return new AppError(502, 'DOCKER_ERROR', `Docker failed to ${what}: ${upstream}`, { upstreamStatus: err.statusCode }, { cause: error });
}

/** Rejects after `ms` so a stuck daemon never hangs a request. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`Docker did not answer within ${ms} ms (${what}); request timed out`), { code: 'ETIMEDOUT' })),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
