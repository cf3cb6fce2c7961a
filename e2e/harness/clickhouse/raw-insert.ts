/**
 * INSERT … FORMAT <any format> with the data as bytes, parsed by the engine.
 *
 * chdb's public Session.insert() whitelists text formats only (chdb 3.4 dist/rawInsert.js: "binary formats wait on
 * the upstream inline-data feasibility check"), but its native entry underneath, InsertRawAsyncConnection(connection,
 * statement, data, countLines), hands any statement and byte buffer to the engine, whose input format (RowBinary,
 * RowBinaryWithDefaults, RowBinaryWithNamesAndTypes, Native, …) does the decoding — exactly what clickhouse-server does
 * with an HTTP body. The harness calls that entry directly; the statement is the client's own, unmodified.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Session } from 'chdb';

interface NativeRawInsert {
  InsertRawAsyncConnection(
    connection: unknown,
    statement: string,
    data: Buffer,
    countLines: boolean,
  ): Promise<{ rowsWritten: number; bytesWritten: number; elapsed: number }>;
}

const require = createRequire(import.meta.url);
const chdbDir = dirname(require.resolve('chdb/package.json'));
const native = (require(join(chdbDir, 'dist', 'loader.js')) as { loadNative(): NativeRawInsert }).loadNative();

export async function rawInsert(
  session: Session,
  statement: string,
  data: Buffer,
): Promise<{ writtenRows: number; writtenBytes: number; elapsed: number }> {
  if (data.length === 0) return { writtenRows: 0, writtenBytes: 0, elapsed: 0 };
  const connection = (session as unknown as { connection: unknown }).connection;
  if (!connection) throw new Error('clickhouse-http: the chdb session is closed');
  const r = await native.InsertRawAsyncConnection(connection, statement, data, false);
  return { writtenRows: r.rowsWritten, writtenBytes: r.bytesWritten, elapsed: r.elapsed };
}
