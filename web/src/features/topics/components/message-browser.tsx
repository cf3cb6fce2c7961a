import { useState, type FormEvent } from 'react';
import type { TopicMessage } from '@pipeline-panel/server/contracts';
import { InlineError } from '../../../components/error-notice.tsx';
import { DataTable } from '../../../components/data-table.tsx';
import { formatCount } from '../../../components/format-numbers.ts';
import { useMessagePage } from '../api/messages.ts';
import { browseQuery, EMPTY_BROWSE, preview, type BrowseDraft, type BrowseFrom } from '../model/message-view.ts';
import { MessageView } from './message-view.tsx';

const COLUMNS = [
  { title: 'Partition', className: 'num' },
  { title: 'Offset', className: 'num' },
  { title: 'Timestamp' },
  { title: 'Key' },
  { title: 'Value' },
];

const LIMITED: Record<string, string> = {
  count: 'the page is full',
  bytes: 'the page reached its 4 MiB bound',
  scan: 'the filter read its bound of messages without filling the page',
};

/** Reads pages of a topic's messages; the panel reads without a consumer group and commits nothing. */
export function MessageBrowser({ topic }: { topic: string }) {
  const [draft, setDraft] = useState<BrowseDraft>(EMPTY_BROWSE);
  const [asked, setAsked] = useState<{ draft: BrowseDraft; cursors: (string | null)[] }>({ draft: EMPTY_BROWSE, cursors: [null] });
  const [open, setOpen] = useState<string | null>(null);
  const cursor = asked.cursors.at(-1) ?? null;
  const page = useMessagePage(topic, browseQuery(asked.draft, cursor));
  const update = (patch: Partial<BrowseDraft>) => setDraft({ ...draft, ...patch });

  const read = (event: FormEvent) => {
    event.preventDefault();
    setAsked({ draft, cursors: [null] });
    setOpen(null);
  };
  const data = page.data;

  return (
    <div className="message-browser">
      <form className="browse-form" onSubmit={read} aria-label={`Read messages of ${topic}`}>
        <label className="field">
          <span>From</span>
          <select value={draft.from} onChange={(e) => update({ from: e.target.value as BrowseFrom })}>
            <option value="newest">newest first</option>
            <option value="oldest">the oldest</option>
            <option value="offset">an offset</option>
            <option value="timestamp">a time</option>
          </select>
        </label>
        <label className="field narrow">
          <span>Partition</span>
          <input inputMode="numeric" placeholder="all" value={draft.partition} onChange={(e) => update({ partition: e.target.value })} />
        </label>
        {draft.from === 'offset' && (
          <label className="field narrow">
            <span>Offset</span>
            <input inputMode="numeric" value={draft.offset} onChange={(e) => update({ offset: e.target.value })} />
          </label>
        )}
        {draft.from === 'timestamp' && (
          <label className="field">
            <span>Time</span>
            <input type="datetime-local" step="1" value={draft.timestamp} onChange={(e) => update({ timestamp: e.target.value })} />
          </label>
        )}
        <label className="field narrow">
          <span>Per page</span>
          <input inputMode="numeric" value={draft.limit} onChange={(e) => update({ limit: e.target.value })} />
        </label>
        <label className="field grow">
          <span>Key or value contains</span>
          <input value={draft.filter} spellCheck={false} onChange={(e) => update({ filter: e.target.value })} />
        </label>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={page.isFetching}>
            {page.isFetching && <span className="spinner" aria-hidden="true" />}
            Read
          </button>
        </div>
      </form>
      {page.isError && <InlineError error={page.error} />}
      {data && !page.isError && (
        <>
          <p className="muted browse-summary" role="status">
            {formatCount(data.messages.length)} message(s), {formatCount(data.scanned)} read
            {data.limitedBy ? ` — ${LIMITED[data.limitedBy]}` : data.nextCursor === null ? ' — nothing more' : ''}. Partitions:{' '}
            {data.partitions.map((p) => `${p.partition}: ${p.low}..${p.high}`).join(', ')}.
          </p>
          {data.messages.length > 0 && (
            <DataTable label={`Messages of ${topic}`} className="messages" columns={COLUMNS}>
              {data.messages.map((m) => (
                <MessageRow
                  key={`${m.partition}-${m.offset}`}
                  topic={topic}
                  message={m}
                  open={open === `${m.partition}-${m.offset}`}
                  onToggle={() => setOpen(open === `${m.partition}-${m.offset}` ? null : `${m.partition}-${m.offset}`)}
                />
              ))}
            </DataTable>
          )}
          <div className="actions">
            <button
              type="button"
              className="btn"
              disabled={asked.cursors.length < 2}
              onClick={() => setAsked({ ...asked, cursors: asked.cursors.slice(0, -1) })}
            >
              Previous page
            </button>
            <button
              type="button"
              className="btn"
              disabled={!data.nextCursor || page.isFetching}
              onClick={() => setAsked({ ...asked, cursors: [...asked.cursors, data.nextCursor] })}
            >
              Next page
            </button>
          </div>
        </>
      )}
    </div>
  );
}

function MessageRow({ topic, message, open, onToggle }: { topic: string; message: TopicMessage; open: boolean; onToggle: () => void }) {
  return (
    <>
      <tr aria-selected={open}>
        <td className="num">{message.partition}</td>
        <td className="num">
          <button type="button" className="link-btn" aria-expanded={open} onClick={onToggle}>
            {message.offset}
          </button>
        </td>
        <td className="mono nowrap">{new Date(message.timestamp).toISOString().replace('T', ' ').replace('Z', '')}</td>
        <td className="mono">{preview(message.key, 40)}</td>
        <td className="mono">
          <span className={`pill format-${message.value.format}`}>{message.value.format}</span> {preview(message.value)}
        </td>
      </tr>
      {open && (
        <tr className="detail-row">
          <td colSpan={5}>
            <MessageView topic={topic} message={message} />
          </td>
        </tr>
      )}
    </>
  );
}
