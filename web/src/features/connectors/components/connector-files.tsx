import { ErrorNotice } from '../../../components/error-notice.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { Placeholder, Section } from '../../../components/page.tsx';
import { useConnectorFiles } from '../api/list-connector-files.ts';
import { ConnectorFileCard } from './connector-file-card.tsx';

/** `reportedAbove`: the error code the screen already explains above; the same failure here gets one line, not a second notice. */
export function ConnectorFiles({ reportedAbove }: { reportedAbove: string | null }) {
  const files = useConnectorFiles();
  const sameFailure = files.isError && isApiError(files.error) && files.error.code === reportedAbove;
  const list = files.data?.files ?? [];
  return (
    <Section title="Files in connectors/" note="Each file is one connector config. Preflight checks it; Deploy creates or updates it on the worker.">
      {files.isPending && <Placeholder>Reading connectors/ and comparing with the worker…</Placeholder>}
      {sameFailure && <Placeholder>Comparing the files with the worker needs Kafka Connect; see above.</Placeholder>}
      {files.isError && !sameFailure && <ErrorNotice error={files.error} doing="compare the files in connectors/ with the worker" onRetry={() => void files.refetch()} />}
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
