/**
 * INSERT … FORMAT <any format> with the data as bytes, parsed by the engine.
 *
 * chdb's public Session.insert() whitelists text formats (chdb 3.4 dist/rawInsert.js), and the native entry under it,
 * InsertRawAsyncConnection(connection, statement, data, countLines), passes the data inline after the statement —
 * where the engine stops reading at the first empty line, so a RowBinary body holding bytes 0x0A 0x0A (the UInt64
 * 2570, say) is cut short. So the body goes to a spool file and the client's statement is run as
 * `INSERT INTO … FROM INFILE '<spool file>' [SETTINGS …] FORMAT <format>` (ClickHouse's INSERT … FROM INFILE,
 * docs/en/sql-reference/statements/insert-into.md): the engine's own input format (RowBinary,
 * RowBinaryWithDefaults, RowBinaryWithNamesAndTypes, Native, JSONEachRow, …) reads the bytes as clickhouse-server
 * reads an HTTP body. Still through InsertRawAsyncConnection (with no inline data): it reports the rows written.
 */
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
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

/** `INSERT INTO [TABLE] <table> [(columns)]` — what comes before the SETTINGS / FORMAT clauses. */
const INSERT_TARGET =
  /^\s*(?:\/\*[\s\S]*?\*\/\s*|--[^\n]*\n\s*)*INSERT\s+INTO\s+(?:TABLE\s+)?(?:`(?:[^`\\]|\\.)*`|"(?:[^"\\]|\\.)*"|[A-Za-z_][\w]*)(?:\s*\.\s*(?:`(?:[^`\\]|\\.)*`|"(?:[^"\\]|\\.)*"|[A-Za-z_][\w]*))?\s*(?:\((?:[^()`]|`[^`]*`)*\)\s*)?/i;

/** The statement with FROM INFILE '<path>' placed before its SETTINGS/FORMAT clause; null when it has another shape. */
export function withInfile(statement: string, path: string): string | null {
  const target = INSERT_TARGET.exec(statement);
  if (!target) return null;
  const rest = statement.slice(target[0].length);
  if (!/^(SETTINGS|FORMAT)\b/i.test(rest)) return null;
  return `${target[0].trimEnd()} FROM INFILE '${path.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}' ${rest}`;
}

export async function rawInsert(
  session: Session,
  statement: string,
  data: Buffer,
  spoolDir: string,
): Promise<{ writtenRows: number; writtenBytes: number; elapsed: number }> {
  if (data.length === 0) return { writtenRows: 0, writtenBytes: 0, elapsed: 0 };
  const connection = (session as unknown as { connection: unknown }).connection;
  if (!connection) throw new Error('clickhouse-http: the chdb session is closed');
  const file = join(spoolDir, `insert-${randomUUID()}.bin`);
  const fromFile = withInfile(statement, file);
  try {
    if (fromFile) await writeFile(file, data);
    const r = fromFile
      ? await native.InsertRawAsyncConnection(connection, fromFile, Buffer.alloc(0), false)
      : await native.InsertRawAsyncConnection(connection, statement, data, false);
    return { writtenRows: r.rowsWritten, writtenBytes: r.bytesWritten, elapsed: r.elapsed };
  } finally {
    if (fromFile) await rm(file, { force: true });
  }
}
