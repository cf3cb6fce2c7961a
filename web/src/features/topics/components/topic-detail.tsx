import { useState } from 'react';
import { MessageBrowser } from './message-browser.tsx';
import { ProduceForm } from './produce-form.tsx';
import { TopicPartitions } from './topic-partitions.tsx';
import { TopicSettings } from './topic-settings.tsx';

const TABS = ['Partitions', 'Messages', 'Produce', 'Settings'] as const;
type Tab = (typeof TABS)[number];

/** An opened topic: its partitions, messages, a produce form and its settings, one tab at a time. */
export function TopicDetail({ name, onDeleted }: { name: string; onDeleted: () => void }) {
  const [tab, setTab] = useState<Tab>('Partitions');
  return (
    <div className="topic-detail">
      <div className="tabs" role="tablist" aria-label={`${name} views`}>
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={`tab ${tab === t ? 'tab-on' : ''}`}
            onClick={() => setTab(t)}
          >
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={tab}>
        {tab === 'Partitions' && <TopicPartitions name={name} />}
        {tab === 'Messages' && <MessageBrowser topic={name} />}
        {tab === 'Produce' && <ProduceForm topic={name} />}
        {tab === 'Settings' && <TopicSettings topic={name} onDeleted={onDeleted} />}
      </div>
    </div>
  );
}
