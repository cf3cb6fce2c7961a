import type { BrokersResponse } from '@pipeline-panel/server/contracts';
import { DataAge } from '../../../components/data-age.tsx';
import { DataTable } from '../../../components/data-table.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { Placeholder, Section } from '../../../components/page.tsx';
import type { useBrokers } from '../api/get-brokers.ts';
import { issueDetail, orderIssues, replicationSummary } from '../model/brokers-view.ts';

const BROKER_COLUMNS = [
  { title: 'Broker' },
  { title: 'Address' },
  { title: 'Rack', className: 'hide-narrow' },
  { title: 'Leads', className: 'num' },
  { title: 'Replicas', className: 'num hide-narrow' },
  { title: 'Out of sync', className: 'num' },
];
const ISSUE_COLUMNS = [{ title: 'Partition' }, { title: 'State' }, { title: 'Replicas' }];
const TOPIC_COLUMNS = [
  { title: 'Topic' },
  { title: 'Under-replicated', className: 'num' },
  { title: 'Offline', className: 'num' },
  { title: 'Partitions', className: 'num hide-narrow' },
];
/** More flagged partitions than this are counted, not listed. */
const MAX_ISSUES_SHOWN = 20;

/** The Kafka cluster's brokers and its under-replicated / offline partitions (GET /api/kafka/brokers). */
export function BrokersPanel({ brokers }: { brokers: ReturnType<typeof useBrokers> }) {
  // Kafka down is already the topics list's alert, with its fix; a second identical alert would only repeat it.
  if (brokers.isError && isApiError(brokers.error) && brokers.error.code === 'KAFKA_UNAVAILABLE')
    return <p className="muted brokers-panel">Brokers: not readable while Kafka is not reachable.</p>;
  if (brokers.isError) return <ErrorNotice error={brokers.error} doing="describe the brokers" onRetry={() => void brokers.refetch()} />;
  return (
    <Section
      className="brokers-panel"
      title="Brokers"
      note={
        brokers.isSuccess ? (
          <>
            {replicationSummary(brokers.data)} · <DataAge fetchedAt={brokers.data.fetchedAt} />
          </>
        ) : undefined
      }
    >
      {brokers.isPending && <Placeholder>Asking Kafka for its brokers…</Placeholder>}
      {brokers.isSuccess && <BrokersBody body={brokers.data} />}
    </Section>
  );
}

function BrokersBody({ body }: { body: BrokersResponse }) {
  const shown = orderIssues(body.issues).slice(0, MAX_ISSUES_SHOWN);
  return (
    <>
      <DataTable label="Brokers" columns={BROKER_COLUMNS}>
        {body.brokers.map((b) => (
          <tr key={b.nodeId} className={b.live ? undefined : 'broker-gone'}>
            <th scope="row">
              <span className="mono">{b.nodeId}</span>
              {b.nodeId === body.controller && (
                <span
                  className="pill broker-pill"
                  title="The controller id Kafka's Metadata API reports. In KRaft mode that is a live broker admin requests go through, not necessarily the active quorum controller."
                >
                  controller
                </span>
              )}
              {!b.live && <span className="pill tone-bad broker-pill">not in the cluster</span>}
            </th>
            <td className="mono wrap">{b.address ?? '—'}</td>
            <td className="hide-narrow">{b.rack ?? '—'}</td>
            <td className="num">{b.leaderOf}</td>
            <td className="num hide-narrow">{b.replicas}</td>
            <td className="num">{b.outOfSync > 0 ? <span className="pill tone-warn">{b.outOfSync}</span> : 0}</td>
          </tr>
        ))}
      </DataTable>
      {body.issues.length > 0 && (
        <div className="partition-issues">
          <h3 className="issues-title">Flagged topics</h3>
          <DataTable label="Topics with partitions out of sync" columns={TOPIC_COLUMNS}>
            {body.topics.map((t) => (
              <tr key={t.topic}>
                <th scope="row" className="mono wrap">
                  {t.topic}
                </th>
                <td className="num">{t.underReplicated}</td>
                <td className="num">{t.offline > 0 ? <span className="pill tone-bad">{t.offline}</span> : 0}</td>
                <td className="num hide-narrow">{t.partitions}</td>
              </tr>
            ))}
          </DataTable>
          <h3 className="issues-title">
            Flagged partitions{body.issues.length > shown.length ? ` (first ${shown.length} of ${body.issues.length})` : ''}
          </h3>
          <DataTable label="Under-replicated and offline partitions" columns={ISSUE_COLUMNS}>
            {shown.map((issue) => (
              <tr key={`${issue.topic}-${issue.partition}`}>
                <th scope="row" className="mono wrap">
                  {issue.topic}-{issue.partition}
                </th>
                <td>
                  <span className={`pill ${issue.issue === 'offline' ? 'tone-bad' : 'tone-warn'}`}>{issue.issue}</span>
                </td>
                <td className="mono">{issueDetail(issue)}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </>
  );
}
