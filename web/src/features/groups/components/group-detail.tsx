import { DataTable } from '../../../components/data-table.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { formatCount } from '../../../components/format-numbers.ts';
import { Section } from '../../../components/page.tsx';
import { useGroup } from '../api/groups.ts';
import { ResetOffsets } from './reset-offsets.tsx';

const MEMBER_COLUMNS = [{ title: 'Client id' }, { title: 'Host' }, { title: 'Assigned partitions' }];
const PARTITION_COLUMNS = [
  { title: 'Topic' },
  { title: 'Partition', className: 'num' },
  { title: 'Committed', className: 'num' },
  { title: 'End', className: 'num' },
  { title: 'Lag', className: 'num' },
  { title: 'Member' },
];

export function GroupDetailView({ group }: { group: string }) {
  const detail = useGroup(group);
  if (detail.isPending) return <p className="muted">Reading group {group}…</p>;
  if (detail.isError) return <ErrorNotice error={detail.error} doing={`read group ${group}`} onRetry={() => void detail.refetch()} />;
  const g = detail.data;
  return (
    <Section
      title={g.groupId}
      note={`${g.type === 'consumer' ? 'KIP-848 consumer group' : `classic group (${g.protocolType || 'no protocol'})`}, ${g.state}${g.protocol ? `, assignor ${g.protocol}` : ''}; lag ${formatCount(g.totalLag)}`}
      actions={g.connector && <a href={`#/connectors/${encodeURIComponent(g.connector)}`}>Connector {g.connector}</a>}
    >
      <h3 className="sub-head">Members</h3>
      {g.members.length === 0 ? (
        <p className="muted">No members: nothing is consuming as this group now.</p>
      ) : (
        <DataTable label={`Members of ${g.groupId}`} columns={MEMBER_COLUMNS}>
          {g.members.map((m) => (
            <tr key={m.memberId}>
              <td className="mono" title={m.memberId}>
                {m.clientId}
              </td>
              <td className="mono">{m.host}</td>
              <td className="mono">{m.assignments.map((a) => `${a.topic} [${a.partitions.join(', ')}]`).join('; ') || '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h3 className="sub-head">Lag per partition</h3>
      {g.partitions.length === 0 ? (
        <p className="muted">No committed offsets.</p>
      ) : (
        <DataTable label={`Lag of ${g.groupId}`} columns={PARTITION_COLUMNS}>
          {g.partitions.map((p) => (
            <tr key={`${p.topic}-${p.partition}`}>
              <td className="mono">{p.topic}</td>
              <td className="num">{p.partition}</td>
              <td className="num">{p.committed === null ? 'none' : formatCount(p.committed)}</td>
              <td className="num">{formatCount(p.end)}</td>
              <td className="num">{formatCount(p.lag)}</td>
              <td className="mono">{p.member ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <ResetOffsets group={g.groupId} topics={[...new Set(g.partitions.map((p) => p.topic))]} members={g.members.length} />
    </Section>
  );
}
