import { useState } from 'react';
import { ConfirmByNameDialog } from '../../../components/confirm-by-name-dialog.tsx';
import { DataAge } from '../../../components/data-age.tsx';
import { ErrorNotice, InlineError } from '../../../components/error-notice.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { PageHeader, Placeholder, Section } from '../../../components/page.tsx';
import { useDeleteConnector } from '../api/delete-connector.ts';
import { useConnectors } from '../api/list-connectors.ts';
import { useWorkers } from '../api/list-workers.ts';
import { movedOf, movedPlacements } from '../model/workers-view.ts';
import { failedFirst, isFailed } from '../model/connector-look.ts';
import { ConnectorCard } from './connector-card.tsx';
import { ConnectorFiles } from './connector-files.tsx';
import { WorkersPanel } from './workers-panel.tsx';
import './connectors.css';

export function ConnectorsScreen() {
  const connectors = useConnectors();
  const workers = useWorkers();
  const moved = movedPlacements(workers.data);
  const remove = useDeleteConnector();
  const [deleting, setDeleting] = useState<string | null>(null);
  const list = failedFirst(connectors.data?.connectors ?? []);
  const failed = list.filter(isFailed).length;

  return (
    <div className="page connectors-screen">
      <PageHeader
        title="Connectors"
        sub="Kafka Connect: what runs on the worker, and the configs in connectors/ that the panel deploys."
      />
      {remove.isSuccess && (
        <p className="inline-ok" role="status">
          <strong>Deleted</strong> {remove.data.name}. Its file in connectors/ is untouched; deploy it again to bring it back.
        </p>
      )}
      {connectors.isError ? (
        <ErrorNotice error={connectors.error} doing="list the connectors" onRetry={() => void connectors.refetch()} />
      ) : (
        <Section
          title="Deployed connectors"
          note={
            connectors.isSuccess ? (
              <>
                {`${list.length} on the worker${failed > 0 ? ` · ${failed} failed` : ''} · refreshes every 5 s`} ·{' '}
                <DataAge fetchedAt={connectors.data.fetchedAt} />
              </>
            ) : undefined
          }
        >
          {connectors.isPending ? (
            <Placeholder>Asking Kafka Connect for its connectors…</Placeholder>
          ) : list.length === 0 ? (
            <Placeholder>No connectors are deployed. Deploy one from a file below.</Placeholder>
          ) : (
            <div className="connector-list">
              {list.map((connector) => (
                <ConnectorCard
                  key={connector.name}
                  connector={connector}
                  onDelete={setDeleting}
                  movedOf={(task) => movedOf(moved, connector.name, task)}
                />
              ))}
            </div>
          )}
        </Section>
      )}
      <WorkersPanel workers={workers} />
      <ConnectorFiles reportedAbove={isApiError(connectors.error) ? connectors.error.code : null} />
      <ConfirmByNameDialog
        name={deleting}
        title={`Delete ${deleting ?? ''}?`}
        actionLabel="Delete connector"
        busy={remove.isPending}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={(name) => remove.mutate(name, { onSuccess: () => setDeleting(null) })}
      >
        <p>
          The connector <strong>{deleting}</strong> and its tasks stop and are removed from the worker. Its consumer group's committed
          offsets stay in Kafka, so deploying it again resumes where it left off.
        </p>
        {remove.isError && <InlineError error={remove.error} />}
      </ConfirmByNameDialog>
    </div>
  );
}
