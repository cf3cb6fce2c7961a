import { useState, type FormEvent } from 'react';
import type { TopicConfig, UpdateTopicConfigsInput } from '@pipeline-panel/server/contracts';
import { ConfirmByNameDialog } from '../../../components/confirm-by-name-dialog.tsx';
import { DataTable } from '../../../components/data-table.tsx';
import { InlineError } from '../../../components/error-notice.tsx';
import { explainError } from '../../../components/explain-error.ts';
import { useTopic } from '../api/get-topic.ts';
import { useDeleteRecords, useDeleteTopic, useTopicConfigs, useUpdateTopicConfigs } from '../api/settings.ts';
import { describeMs } from '../model/message-view.ts';

const COLUMNS = [{ title: 'Config' }, { title: 'Value' }, { title: 'Source' }];
const SOURCE: Record<string, string> = {
  topic: 'set on this topic',
  'dynamic-broker': 'broker (dynamic)',
  'dynamic-default-broker': 'all brokers (dynamic)',
  'static-broker': 'broker (server.properties)',
  default: "Kafka's default",
};

/** Every config with where it comes from; edit retention and cleanup; delete records or the topic (typed confirmation). */
export function TopicSettings({ topic, onDeleted }: { topic: string; onDeleted: () => void }) {
  const configs = useTopicConfigs(topic);
  const [all, setAll] = useState(false);
  if (configs.isPending) return <p className="muted">Reading the configs of {topic}…</p>;
  if (configs.isError) return <p className="field-error">{explainError(configs.error).message}</p>;
  const shown = configs.data.configs.filter((c) => all || c.source !== 'default' || c.editable);
  const byName = new Map(configs.data.configs.map((c) => [c.name, c]));
  return (
    <div className="topic-settings">
      {configs.data.internal ? (
        <p className="notice notice-warn" role="note">
          {topic} is not edited or deleted here: it is {configs.data.internal}.
        </p>
      ) : (
        <EditConfigs topic={topic} configs={byName} />
      )}
      <label className="check-inline">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> Show Kafka's defaults too
      </label>
      <DataTable label={`Configs of ${topic}`} columns={COLUMNS}>
        {shown.map((c) => (
          <tr key={c.name}>
            <td className="mono">{c.name}</td>
            <td className="mono">{c.sensitive ? '(sensitive)' : (c.value ?? '—')}</td>
            <td>{SOURCE[c.source] ?? c.source}</td>
          </tr>
        ))}
      </DataTable>
      {!configs.data.internal && <DangerZone topic={topic} onDeleted={onDeleted} />}
    </div>
  );
}

function EditConfigs({ topic, configs }: { topic: string; configs: Map<string, TopicConfig> }) {
  const current = (name: string) => configs.get(name)?.value ?? '';
  const [draft, setDraft] = useState({
    retentionMs: current('retention.ms'),
    retentionBytes: current('retention.bytes'),
    cleanup: current('cleanup.policy'),
  });
  const update = useUpdateTopicConfigs(topic);
  const save = (event: FormEvent) => {
    event.preventDefault();
    const input: UpdateTopicConfigsInput = {};
    if (draft.retentionMs !== current('retention.ms')) input['retention.ms'] = Number(draft.retentionMs);
    if (draft.retentionBytes !== current('retention.bytes')) input['retention.bytes'] = Number(draft.retentionBytes);
    if (draft.cleanup !== current('cleanup.policy')) input['cleanup.policy'] = draft.cleanup as UpdateTopicConfigsInput['cleanup.policy'];
    update.mutate(input);
  };
  return (
    <form className="form-row settings-form" onSubmit={save} aria-label={`Settings of ${topic}`}>
      <label className="field">
        <span>retention.ms ({describeMs(draft.retentionMs)})</span>
        <input inputMode="numeric" value={draft.retentionMs} onChange={(e) => setDraft({ ...draft, retentionMs: e.target.value })} />
      </label>
      <label className="field">
        <span>retention.bytes per partition (-1: no limit)</span>
        <input inputMode="numeric" value={draft.retentionBytes} onChange={(e) => setDraft({ ...draft, retentionBytes: e.target.value })} />
      </label>
      <label className="field">
        <span>cleanup.policy</span>
        <select value={draft.cleanup} onChange={(e) => setDraft({ ...draft, cleanup: e.target.value })}>
          <option value="delete">delete</option>
          <option value="compact">compact</option>
          <option value="compact,delete">compact,delete</option>
        </select>
      </label>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={update.isPending}>
          Save
        </button>
      </div>
      {update.isError && <InlineError error={update.error} />}
      {update.isSuccess && (
        <div className="inline-ok" role="status">
          {update.data.message}
        </div>
      )}
    </form>
  );
}

function DangerZone({ topic, onDeleted }: { topic: string; onDeleted: () => void }) {
  const detail = useTopic(topic);
  const [records, setRecords] = useState({ partition: '0', offset: '' });
  const [asking, setAsking] = useState<'records' | 'topic' | null>(null);
  const deleteRecords = useDeleteRecords(topic);
  const deleteTopic = useDeleteTopic(topic);
  const partitions = detail.data?.partitions ?? [];
  const chosen = partitions.find((p) => String(p.partition) === records.partition);
  return (
    <div className="danger-zone">
      <h4>Delete</h4>
      <form
        className="form-row"
        aria-label={`Delete records of ${topic}`}
        onSubmit={(e) => {
          e.preventDefault();
          setAsking('records');
        }}
      >
        <label className="field">
          <span>Partition</span>
          <select value={records.partition} onChange={(e) => setRecords({ ...records, partition: e.target.value })}>
            {partitions.map((p) => (
              <option key={p.partition} value={String(p.partition)}>
                {p.partition} (offsets {p.startOffset}..{p.endOffset})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Delete every record before offset</span>
          <input
            inputMode="numeric"
            value={records.offset}
            placeholder={chosen ? String(chosen.endOffset) : ''}
            onChange={(e) => setRecords({ ...records, offset: e.target.value })}
          />
        </label>
        <div className="actions">
          <button type="submit" className="btn btn-danger-quiet" disabled={records.offset.trim() === ''}>
            Delete records…
          </button>
          <button type="button" className="btn btn-danger-quiet" onClick={() => setAsking('topic')}>
            Delete topic…
          </button>
        </div>
      </form>
      {deleteRecords.isError && <InlineError error={deleteRecords.error} />}
      {deleteRecords.isSuccess && (
        <div className="inline-ok" role="status">
          {deleteRecords.data.message}
        </div>
      )}
      {deleteTopic.isError && <InlineError error={deleteTopic.error} />}
      <ConfirmByNameDialog
        name={asking === 'records' ? topic : null}
        title={`Delete records of ${topic}`}
        actionLabel="Delete records"
        busy={deleteRecords.isPending}
        onCancel={() => setAsking(null)}
        onConfirm={(confirm) =>
          deleteRecords.mutate(
            { confirm, partitions: [{ partition: Number(records.partition), offset: Number(records.offset) }] },
            { onSettled: () => setAsking(null) },
          )
        }
      >
        <p>
          Every record of partition {records.partition} before offset {records.offset} is deleted for good.
        </p>
      </ConfirmByNameDialog>
      <ConfirmByNameDialog
        name={asking === 'topic' ? topic : null}
        title={`Delete topic ${topic}`}
        actionLabel="Delete topic"
        busy={deleteTopic.isPending}
        onCancel={() => setAsking(null)}
        onConfirm={(confirm) => deleteTopic.mutate(confirm, { onSuccess: onDeleted, onSettled: () => setAsking(null) })}
      >
        <p>The topic and all its messages are deleted. Consumers and connectors reading it will fail or wait.</p>
      </ConfirmByNameDialog>
    </div>
  );
}
