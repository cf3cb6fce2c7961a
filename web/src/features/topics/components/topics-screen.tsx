import { useState } from 'react';
import type { TopicSummary } from '@pipeline-panel/server/contracts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { DataAge } from '../../../components/data-age.tsx';
import { DataTable } from '../../../components/data-table.tsx';
import { formatCount } from '../../../components/format-numbers.ts';
import { PageHeader, Placeholder, Section } from '../../../components/page.tsx';
import { useTopics } from '../../../lib/queries/list-topics.ts';
import { useBrokers } from '../api/get-brokers.ts';
import { topicFlags } from '../model/brokers-view.ts';
import { formatRetention, orderTopics } from '../model/topic-form.ts';
import { BrokersPanel } from './brokers-panel.tsx';
import { CreateTopicForm } from './create-topic-form.tsx';
import { TopicDetail } from './topic-detail.tsx';
import './topics.css';

const COLUMNS = [
  { title: 'Name' },
  { title: 'Partitions', className: 'num' },
  { title: 'Replication', className: 'num hide-narrow' },
  { title: 'End offset', className: 'num' },
  { title: 'Retention', className: 'hide-narrow' },
];

export function TopicsScreen() {
  const [showInternal, setShowInternal] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const topics = useTopics(open);
  const brokers = useBrokers();
  const flags = topicFlags(brokers.data);
  const all = topics.data?.topics ?? [];
  const shown = orderTopics(all, showInternal);
  const hidden = all.length - orderTopics(all, false).length;

  return (
    <div className="page topics-screen">
      <PageHeader
        title="Topics"
        sub="Kafka topics: partitions, replication, messages (read without a consumer group), produce, settings; the brokers and any partition out of sync; create a topic."
        actions={
          <button type="button" className="btn" onClick={() => void topics.refetch()} disabled={topics.isFetching}>
            Refresh
          </button>
        }
      />
      <div className={open ? 'topics-layout topic-open' : 'topics-layout'}>
        {topics.isError ? (
          <ErrorNotice error={topics.error} doing="list the topics" onRetry={() => void topics.refetch()} />
        ) : (
          <Section
            title="Topics"
            note={
              topics.isSuccess ? (
                <>
                  {`${all.length - hidden} topics${hidden > 0 ? ` + ${hidden} internal` : ''}`} ·{' '}
                  <DataAge fetchedAt={topics.data.fetchedAt} />
                </>
              ) : undefined
            }
            actions={
              hidden > 0 && (
                <label className="check-inline">
                  <input type="checkbox" checked={showInternal} onChange={(e) => setShowInternal(e.target.checked)} /> Show internal topics
                </label>
              )
            }
          >
            {topics.isPending && <Placeholder>Asking Kafka for its topics…</Placeholder>}
            {topics.isSuccess && shown.length === 0 && <Placeholder>No topics yet. Create one with the form.</Placeholder>}
            {shown.length > 0 && (
              <DataTable label="Topics" columns={COLUMNS}>
                {shown.map((topic) => (
                  <TopicRow
                    key={topic.name}
                    topic={topic}
                    flag={flags.get(topic.name)}
                    open={open === topic.name}
                    onToggle={() => setOpen(open === topic.name ? null : topic.name)}
                    onDeleted={() => setOpen(null)}
                  />
                ))}
              </DataTable>
            )}
          </Section>
        )}
        <Section
          className="create-topic"
          title="Create a topic"
          note="Creating a topic that exists with the same partitions changes nothing."
        >
          <CreateTopicForm onCreated={(name) => setOpen(name)} />
        </Section>
      </div>
      <BrokersPanel brokers={brokers} />
    </div>
  );
}

function TopicRow({
  topic,
  flag,
  open,
  onToggle,
  onDeleted,
}: {
  topic: TopicSummary;
  flag: { text: string; tone: 'bad' | 'warn' } | undefined;
  open: boolean;
  onToggle: () => void;
  onDeleted: () => void;
}) {
  return (
    <>
      <tr aria-selected={open}>
        <th scope="row" className="mono wrap">
          <button type="button" className="link-btn" aria-expanded={open} onClick={onToggle}>
            {topic.name}
          </button>
          {topic.internal && <span className="pill internal-pill">internal</span>}
          {flag && <span className={`pill internal-pill tone-${flag.tone}`}>{flag.text}</span>}
        </th>
        <td className="num">{topic.partitions}</td>
        <td className="num hide-narrow">{topic.replicationFactor}</td>
        <td className="num">{formatCount(topic.endOffset)}</td>
        <td className="hide-narrow">{formatRetention(topic.retentionMs)}</td>
      </tr>
      {open && (
        <tr className="detail-row">
          <td colSpan={5}>
            <div className="detail-scroll">
              <TopicDetail name={topic.name} onDeleted={onDeleted} />
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
