import { ErrorNotice } from '../../../components/error-notice.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { Placeholder, Section } from '../../../components/page.tsx';
import { useSqlFiles } from '../api/list-sql-files.ts';
import { SqlFileRow } from './sql-file-row.tsx';

/** `reportedAbove`: the error code the screen already explains above; the same failure here gets one line, not a second notice. */
export function SqlFiles({ reportedAbove }: { reportedAbove: string | null }) {
  const files = useSqlFiles();
  const sameFailure = files.isError && isApiError(files.error) && files.error.code === reportedAbove;
  const list = files.data?.files ?? [];
  return (
    <Section title="DDL files in sql/" note="Each file creates its tables with IF NOT EXISTS, so applying it again changes nothing.">
      {files.isPending && <Placeholder>Reading sql/ and asking ClickHouse which tables exist…</Placeholder>}
      {sameFailure && <Placeholder>Telling which tables exist needs ClickHouse; see above.</Placeholder>}
      {files.isError && !sameFailure && (
        <ErrorNotice error={files.error} doing="compare sql/ with ClickHouse" onRetry={() => void files.refetch()} />
      )}
      {files.isSuccess && list.length === 0 && <Placeholder>No .sql files in sql/.</Placeholder>}
      {list.length > 0 && (
        <ul className="sql-files">
          {list.map((file) => (
            <SqlFileRow key={file.file} file={file} />
          ))}
        </ul>
      )}
    </Section>
  );
}
