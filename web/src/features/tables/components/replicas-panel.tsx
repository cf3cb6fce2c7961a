import { DataAge } from '../../../components/data-age.tsx';
import { DataTable } from '../../../components/data-table.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { Placeholder, Section } from '../../../components/page.tsx';
import { useReplicas } from '../api/list-replicas.ts';
import { formatReplicaDelay, replicaTone } from '../model/replicas-view.ts';

const COLUMNS = [
  { title: 'Table' },
  { title: 'Replica' },
  { title: 'State' },
  { title: 'Delay', className: 'num' },
  { title: 'Queue', className: 'num' },
  { title: 'Active', className: 'num hide-narrow' },
];

/** ClickHouse's Replicated tables as this server holds them (system.replicas, system.replication_queue). */
export function ReplicasPanel() {
  const replicas = useReplicas();
  if (replicas.isError)
    return <ErrorNotice error={replicas.error} doing="read the ClickHouse replicas" onRetry={() => void replicas.refetch()} />;
  const list = replicas.data?.replicas ?? [];
  return (
    <Section
      title="Replicas"
      note={
        replicas.isSuccess ? (
          <>
            {list.length === 0 ? 'no replicated tables' : `${list.length} replicated table(s)`} ·{' '}
            <DataAge fetchedAt={replicas.data.fetchedAt} />
          </>
        ) : undefined
      }
    >
      {replicas.isPending && <Placeholder>Reading system.replicas…</Placeholder>}
      {replicas.isSuccess && list.length === 0 && (
        <Placeholder>No replicated tables on this server: none of its tables uses a Replicated*MergeTree engine.</Placeholder>
      )}
      {list.length > 0 && (
        <DataTable label="Replicas of Replicated tables" columns={COLUMNS}>
          {list.map((r) => (
            <tr key={`${r.database}.${r.table}`}>
              <th scope="row" className="mono wrap">
                {r.database}.{r.table}
              </th>
              <td className="mono">
                {r.replicaName}
                {r.isLeader && <span className="pill replica-pill">leader</span>}
              </td>
              <td>
                <span className={`pill tone-${replicaTone(r.status)}`} title={r.reasons.join('; ') || undefined}>
                  {r.status}
                </span>
                {r.reasons.length > 0 && <span className="muted replica-reasons"> {r.reasons.join('; ')}</span>}
              </td>
              <td className="num">{formatReplicaDelay(r.absoluteDelay)}</td>
              <td className="num" title={`${r.insertsInQueue} inserts, ${r.mergesInQueue} merges`}>
                {r.queueSize}
                {r.queue.length > 0 && (
                  <details className="replica-queue">
                    <summary>oldest</summary>
                    <ul>
                      {r.queue.map((q, i) => (
                        <li key={i} className="mono">
                          {q.type} · {q.createTime} · tries {q.numTries}
                          {q.lastException && ` · ${q.lastException}`}
                          {q.postponeReason && ` · postponed: ${q.postponeReason}`}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
              <td className="num hide-narrow">
                {r.activeReplicas}/{r.totalReplicas}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Section>
  );
}
