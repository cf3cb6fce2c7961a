/** Errors as ClickHouse's HTTP interface reports them (HTTPHandler.cpp, ClickHouse v26.8.1.1-lts). */

export class HttpError extends Error {
  constructor(
    readonly code: number,
    readonly errorName: string,
    message: string,
  ) {
    super(message);
  }
}

/** Exception codes exceptionCodeToHTTPStatus answers 400 for: parse errors, bad arguments, AST and type errors. */
const badRequest = new Set([36, 427, 6, 25, 26, 38, 41, 72, 441, 675, 676, 27, 376, 15, 44, 37, 123, 8, 167, 168, 223, 62, 117, 53, 321]);
/** …and 404 for: UNKNOWN_TABLE, _FUNCTION, _IDENTIFIER, _TYPE, _STORAGE, _DATABASE, _SETTING, _DIRECTION_OF_SORTING,
 * _AGGREGATE_FUNCTION, _FORMAT, _DATABASE_ENGINE, _TYPE_OF_QUERY. */
const notFound = new Set([60, 46, 47, 50, 56, 81, 115, 152, 63, 73, 336, 78]);

/** The HTTP status ClickHouse's exceptionCodeToHTTPStatus gives an exception code. */
export function statusFor(code: number, name: string): number {
  if (name === 'HTTP_NOT_FOUND') return 404;
  if (code === 194) return 401; // REQUIRED_PASSWORD
  if ([516, 192, 193].includes(code)) return 403; // AUTHENTICATION_FAILED, UNKNOWN_USER, WRONG_PASSWORD
  if (badRequest.has(code)) return 400;
  if (notFound.has(code)) return 404;
  if (code === 229) return 413; // QUERY_IS_TOO_LARGE
  if (code === 48) return 501; // NOT_IMPLEMENTED
  if (code === 209 || code === 76) return 503; // SOCKET_TIMEOUT, CANNOT_OPEN_FILE
  if (code === 381) return 411; // HTTP_LENGTH_REQUIRED
  if (code === 159) return 408; // TIMEOUT_EXCEEDED
  return 500;
}

/** `Code: N. DB::Exception: <message>. (NAME) (version V)` and the code, for an HttpError or an engine error. */
export function describeError(error: unknown, version: string): { code: number; name: string; text: string } {
  if (error instanceof HttpError) {
    if (error.errorName === 'HTTP_NOT_FOUND') return { code: 0, name: error.errorName, text: `${error.message}\n` };
    return {
      code: error.code,
      name: error.errorName,
      text: `Code: ${error.code}. DB::Exception: ${error.message}. (${error.errorName}) (version ${version})\n`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const chCode = (error as { clickhouseCode?: unknown }).clickhouseCode;
  const code = typeof chCode === 'number' ? chCode : Number(/Code: (\d+)\./.exec(message)?.[1] ?? 1001);
  const start = message.indexOf('Code: ');
  const text =
    start >= 0
      ? `${message.slice(start).trim()} (version ${version})\n`
      : `Code: ${code}. DB::Exception: ${message}. (STD_EXCEPTION) (version ${version})\n`;
  return { code, name: /\(([A-Z_]+)\)\s*$/.exec(message.trim())?.[1] ?? '', text };
}
