import { ErrorNotice } from '../../../components/error-notice.tsx';
import { Placeholder, Section } from '../../../components/page.tsx';
import { useSqlFiles } from '../api/list-sql-files.ts';
import { SqlFileRow } from './sql-file-row.tsx';

export function SqlFiles() {
  const files = useSqlFiles();
  const list = files.data?.files ?? [];
  return (
    <Section title="DDL files in sql/" note="Each file creates its tables with IF NOT EXISTS, so applying it again changes nothing.">
      {files.isPending && <Placeholder>Reading sql/ and asking ClickHouse which tables exist…</Placeholder>}
      {files.isError && <ErrorNotice error={files.error} doing="compare sql/ with ClickHouse" onRetry={() => void files.refetch()} />}
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
