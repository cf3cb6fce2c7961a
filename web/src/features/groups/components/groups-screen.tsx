import { DataTable } from '../../../components/data-table.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { formatCount } from '../../../components/format-numbers.ts';
import { PageHeader, Placeholder, Section } from '../../../components/page.tsx';
import { setHashParam, useHashParam } from '../../../lib/use-hash-param.ts';
import { useGroups } from '../api/groups.ts';
import { GroupDetailView } from './group-detail.tsx';
import './groups.css';

const COLUMNS = [
  { title: 'Group' },
  { title: 'Type' },
  { title: 'State' },
  { title: 'Members', className: 'num' },
  { title: 'Lag', className: 'num' },
  { title: 'Topics', className: 'hide-narrow' },
];

/** Every consumer group with its state, members and lag; one group's members, partitions and an offset reset. */
export function GroupsScreen() {
  const groups = useGroups();
  const open = useHashParam();
  const list = groups.data?.groups ?? [];
  return (
    <div className="page groups-screen">
      <PageHeader
        title="Consumer groups"
        sub="Every group Kafka knows (classic and KIP-848 consumer groups, Connect workers), with members, assignments and lag; reset offsets while a group is empty."
        actions={
          <button type="button" className="btn" onClick={() => void groups.refetch()} disabled={groups.isFetching}>
            Refresh
          </button>
        }
      />
      {groups.isError ? (
        <ErrorNotice error={groups.error} doing="list the consumer groups" onRetry={() => void groups.refetch()} />
      ) : (
        <Section title="Groups" note={groups.isSuccess ? `${list.length} groups` : undefined}>
          {groups.isPending && <Placeholder>Asking Kafka for its consumer groups…</Placeholder>}
          {groups.isSuccess && list.length === 0 && <Placeholder>No consumer groups yet.</Placeholder>}
          {list.length > 0 && (
            <DataTable label="Consumer groups" columns={COLUMNS}>
              {list.map((g) => (
                <tr key={g.groupId} aria-selected={open === g.groupId}>
                  <th scope="row" className="mono wrap">
                    <button
                      type="button"
                      className="link-btn"
                      aria-expanded={open === g.groupId}
                      onClick={() => setHashParam('groups', open === g.groupId ? null : g.groupId)}
                    >
                      {g.groupId}
                    </button>
                    {g.connector && (
                      <a
                        className="pill connector-pill"
                        href={`#/connectors/${encodeURIComponent(g.connector)}`}
                        title={`The consumer group of connector ${g.connector}`}
                      >
                        connector {g.connector}
                      </a>
                    )}
                  </th>
                  <td>{g.type ?? g.protocolType}</td>
                  <td>{g.state}</td>
                  <td className="num">{g.members}</td>
                  <td className="num">{g.totalLag === null ? '—' : formatCount(g.totalLag)}</td>
                  <td className="hide-narrow mono">{g.topics.join(', ') || '—'}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </Section>
      )}
      {open && <GroupDetailView group={open} />}
    </div>
  );
}
