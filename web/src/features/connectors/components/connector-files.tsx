import { ErrorNotice } from '../../../components/error-notice.tsx';
import { Placeholder, Section } from '../../../components/page.tsx';
import { useConnectorFiles } from '../api/list-connector-files.ts';
import { ConnectorFileCard } from './connector-file-card.tsx';

export function ConnectorFiles() {
  const files = useConnectorFiles();
  const list = files.data?.files ?? [];
  return (
    <Section title="Files in connectors/" note="Each file is one connector config. Preflight checks it; Deploy creates or updates it on the worker.">
      {files.isPending && <Placeholder>Reading connectors/ and comparing with the worker…</Placeholder>}
      {files.isError && <ErrorNotice error={files.error} doing="compare the files in connectors/ with the worker" onRetry={() => void files.refetch()} />}
      {files.isSuccess && list.length === 0 && (
        <Placeholder>
          No connector files. Add a <code>.json</code> file with <code>{'{ "name": …, "config": { … } }'}</code> to connectors/.
        </Placeholder>
      )}
      {list.length > 0 && (
        <div className="file-list">
          {list.map((file) => (
            <ConnectorFileCard key={file.file} file={file} />
          ))}
        </div>
      )}
    </Section>
  );
}
