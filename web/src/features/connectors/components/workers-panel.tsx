import { DataAge } from '../../../components/data-age.tsx';
import { DataTable } from '../../../components/data-table.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { Placeholder, Section } from '../../../components/page.tsx';
import { formatClock } from '../../../lib/format.ts';
import type { useWorkers } from '../api/list-workers.ts';
import { placementName, workersSummary } from '../model/workers-view.ts';

const COLUMNS = [{ title: 'Worker' }, { title: 'State' }, { title: 'Connectors', className: 'num' }, { title: 'Tasks', className: 'num' }];

/** The Connect cluster's workers (as the statuses name them) and what moved between them. */
export function WorkersPanel({ workers }: { workers: ReturnType<typeof useWorkers> }) {
  if (workers.isError) return <ErrorNotice error={workers.error} doing="list the Connect workers" onRetry={() => void workers.refetch()} />;
  const moved = workers.data?.placements.filter((p) => p.movedFrom !== null) ?? [];
  return (
    <Section
      title="Workers"
      note={
        workers.isSuccess ? (
          <>
            {workersSummary(workers.data)} · <DataAge fetchedAt={workers.data.fetchedAt} />
          </>
        ) : undefined
      }
    >
      {workers.isPending && <Placeholder>Asking Kafka Connect where its tasks run…</Placeholder>}
      {workers.isSuccess && workers.data.workers.length === 0 && (
        <Placeholder>No worker runs a connector yet; Connect names a worker only in the statuses of what it runs.</Placeholder>
      )}
      {workers.isSuccess && workers.data.workers.length > 0 && (
        <DataTable label="Connect workers" columns={COLUMNS}>
          {workers.data.workers.map((w) => (
            <tr key={w.workerId}>
              <th scope="row" className="mono wrap">
                {w.workerId}
                {w.isPanelEndpoint && (
                  <span className="pill worker-pill" title="PANEL_CONNECT_URL: the worker whose REST API the panel calls">
                    panel's endpoint
                  </span>
                )}
              </th>
              <td>
                {w.state === 'running' ? (
                  <span className="pill tone-ok">running</span>
                ) : (
                  <span className="pill tone-warn" title="Seen earlier by this panel; runs nothing now (lost, or idle)">
                    runs nothing since {formatClock(w.lastSeenAt)}
                  </span>
                )}
              </td>
              <td className="num">{w.connectors}</td>
              <td className="num">{w.tasks}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {moved.length > 0 && (
        <ul className="moved-list" aria-label="Moved tasks">
          {moved.map((p) => (
            <li key={`${p.connector}-${p.task ?? 'c'}`}>
              <strong>{placementName(p)}</strong> moved from <span className="mono">{p.movedFrom}</span> to{' '}
              <span className="mono">{p.workerId}</span>
              {p.movedAt && ` at ${formatClock(p.movedAt)}`}
            </li>
          ))}
        </ul>
      )}
      {workers.isSuccess && <p className="field-hint">Moves are tracked by this panel since {formatClock(workers.data.watchingSince)}.</p>}
    </Section>
  );
}
