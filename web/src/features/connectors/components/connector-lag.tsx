import { useState } from 'react';
import type { ConnectorSummary } from '@pipeline-panel/server/contracts';
import { formatCount, plural } from '../../../components/format-numbers.ts';
import { DataTable } from '../../../components/data-table.tsx';
import { explainError } from '../../../components/explain-error.ts';
import { useGroupLag } from '../api/get-group-lag.ts';

const LAG_COLUMNS = [
  { title: 'Topic' },
  { title: 'Partition', className: 'num' },
  { title: 'Committed', className: 'num' },
  { title: 'End', className: 'num' },
  { title: 'Lag', className: 'num' },
];

const groupHref = (group: string) => `#/groups/${encodeURIComponent(group)}`;

/** The sink's consumer-group lag, with a per-partition breakdown on demand. */
export function ConnectorLagView({ connector }: { connector: ConnectorSummary }) {
  const [open, setOpen] = useState(false);
  const detail = useGroupLag(open ? connector.consumerGroup : null);

  if (!connector.consumerGroup) return <span className="muted">— (source connectors have no consumer group)</span>;
  if (!connector.lag) {
    return (
      <span className="muted">
        {connector.lagError ? `unknown: ${connector.lagError}` : 'no committed offsets yet'} (group{' '}
        <a className="mono" href={groupHref(connector.consumerGroup)}>
          {connector.consumerGroup}
        </a>
        )
      </span>
    );
  }
  return (
    <div className="lag">
      <span>
        <strong>{plural(connector.lag.totalLag, 'message')}</strong> behind over {plural(connector.lag.partitions, 'partition')}{' '}
        <a className="mono" href={groupHref(connector.consumerGroup)} title="Open the group on the Consumer groups screen">
          ({connector.consumerGroup})
        </a>{' '}
        <button type="button" className="btn btn-small btn-ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide partitions' : 'Per partition'}
        </button>
      </span>
      {open && detail.isPending && <span className="muted">Reading offsets…</span>}
      {open && detail.isError && <span className="field-error">{explainError(detail.error).message}</span>}
      {open && detail.data && (
        <DataTable label={`Lag of ${connector.consumerGroup}`} columns={LAG_COLUMNS}>
          {detail.data.partitions.map((p) => (
            <tr key={`${p.topic}-${p.partition}`}>
              <td className="mono">{p.topic}</td>
              <td className="num">{p.partition}</td>
              <td className="num">{p.committed === null ? 'none' : formatCount(p.committed)}</td>
              <td className="num">{formatCount(p.end)}</td>
              <td className="num">{formatCount(p.lag)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
