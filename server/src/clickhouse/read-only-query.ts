/**
 * Runs one statement for the query box: the settings (readonly=1 and the limits) go in the URL, where ClickHouse
 * checks them together against the user's own settings before applying them (HTTPHandler.cpp, docs/upstream-facts.md
 * §8), so readonly=1 and the limits hold for this query and it cannot lift them. The result comes back as JSONCompact
 * (column names and types in `meta`, rows as arrays, `statistics`); `wait_end_of_query=1` makes the server finish the
 * query before it answers, so a failure is an HTTP error with ClickHouse's code rather than a cut-off body. The body
 * is read up to `maxResponseBytes` and the request aborted beyond that.
 */
import type { ClickHouseClient as RawClient, ClickHouseSettings } from '@clickhouse/client';
import type { Readable } from 'node:stream';

export interface ReadOnlyQueryResult {
  /** The JSONCompact document. */
  body: string;
  /** X-ClickHouse-Summary (read_rows, read_bytes, result_rows, result_bytes, elapsed_ns), when the server sent it. */
  summary: Record<string, string> | null;
  queryId: string;
}

export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`the result is larger than ${limitBytes} bytes`);
  }
}

export async function readOnlyQuery(
  raw: RawClient,
  query: string,
  settings: ClickHouseSettings,
  options: { maxResponseBytes: number; timeoutMs: number },
): Promise<ReadOnlyQueryResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
  try {
    const result = await raw.exec({
      query: `${query}\nFORMAT JSONCompact`,
      clickhouse_settings: { ...settings, wait_end_of_query: 1 },
      abort_signal: controller.signal,
    });
    const body = await readBounded(result.stream as Readable, options.maxResponseBytes, controller);
    const summary = result.summary
      ? (Object.fromEntries(Object.entries(result.summary).map(([k, v]) => [k, String(v)])) as Record<string, string>)
      : null;
    return { body, summary, queryId: result.query_id };
  } finally {
    clearTimeout(timer);
  }
}

async function readBounded(stream: Readable, limit: number, controller: AbortController): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).byteLength;
    if (size > limit) {
      controller.abort();
      stream.destroy();
      throw new ResponseTooLargeError(limit);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
