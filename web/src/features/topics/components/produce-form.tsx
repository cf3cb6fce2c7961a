import { useState, type FormEvent } from 'react';
import { InlineError } from '../../../components/error-notice.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useProduceMessage, useSubjectVersions } from '../api/messages.ts';
import { produceInput, type ProduceDraft } from '../model/message-view.ts';

/** The per-field reasons of a value that does not fit the schema (INVALID_MESSAGE_VALUE details). */
function fieldErrors(error: unknown): { path: string; message: string }[] {
  if (!isApiError(error) || error.code !== 'INVALID_MESSAGE_VALUE') return [];
  const details = error.details as { errors?: { path: string; message: string }[] } | undefined;
  return details?.errors ?? [];
}

/** Produces one message: Avro checked against a pinned subject version, JSON, text, or a tombstone. */
export function ProduceForm({ topic }: { topic: string }) {
  const [draft, setDraft] = useState<ProduceDraft>({
    key: '',
    headers: '',
    partition: '',
    format: 'avro',
    subject: `${topic}-value`,
    version: '',
    value: '',
  });
  const [local, setLocal] = useState<{ field: string; message: string } | null>(null);
  const produce = useProduceMessage(topic);
  const subject = useSubjectVersions(draft.format === 'avro' ? draft.subject : '');
  const versions = subject.data?.versions ?? [];
  const version = draft.version || (subject.data ? String(subject.data.latest.version) : '');
  const update = (patch: Partial<ProduceDraft>) => {
    setDraft({ ...draft, ...patch });
    setLocal(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = produceInput({ ...draft, version });
    if (!result.ok) return setLocal({ field: result.field, message: result.message });
    produce.mutate(result.input);
  };
  const errors = fieldErrors(produce.error);

  return (
    <form className="form-grid produce-form" onSubmit={submit} aria-label={`Produce a message to ${topic}`} noValidate>
      <div className="form-row">
        <label className="field grow">
          <span>Key</span>
          <input value={draft.key} placeholder="none" spellCheck={false} onChange={(e) => update({ key: e.target.value })} />
        </label>
        <label className="field narrow">
          <span>Partition</span>
          <input inputMode="numeric" value={draft.partition} placeholder="by key" onChange={(e) => update({ partition: e.target.value })} />
        </label>
        <label className="field">
          <span>Value as</span>
          <select value={draft.format} onChange={(e) => update({ format: e.target.value as ProduceDraft['format'] })}>
            <option value="avro">Avro (schema version)</option>
            <option value="json">JSON</option>
            <option value="text">text</option>
            <option value="null">null (tombstone)</option>
          </select>
        </label>
      </div>
      {draft.format === 'avro' && (
        <div className="form-row">
          <label className="field grow">
            <span>Subject</span>
            <input value={draft.subject} spellCheck={false} onChange={(e) => update({ subject: e.target.value, version: '' })} />
          </label>
          <label className="field">
            <span>Version</span>
            <select value={version} onChange={(e) => update({ version: e.target.value })} disabled={versions.length === 0}>
              {versions.length === 0 && <option value="">—</option>}
              {versions.map((v) => (
                <option key={v} value={String(v)}>
                  {v}
                  {subject.data?.latest.version === v ? ' (latest)' : ''}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {draft.format === 'avro' && subject.isError && (
        <p className="field-error">No subject {draft.subject} in the registry: register a schema first.</p>
      )}
      {local?.field === 'subject' || local?.field === 'version' ? (
        <p className="field-error" role="alert">
          {local.message}
        </p>
      ) : null}
      {draft.format !== 'null' && (
        <label className="field">
          <span>{draft.format === 'text' ? 'Value (UTF-8 text)' : 'Value (JSON)'}</span>
          <textarea rows={8} className="mono" spellCheck={false} value={draft.value} onChange={(e) => update({ value: e.target.value })} />
        </label>
      )}
      {local?.field === 'value' && (
        <p className="field-error" role="alert">
          {local.message}
        </p>
      )}
      <label className="field">
        <span>Headers, one "name: value" per line</span>
        <textarea
          rows={2}
          className="mono"
          spellCheck={false}
          value={draft.headers}
          onChange={(e) => update({ headers: e.target.value })}
        />
      </label>
      {(local?.field === 'headers' || local?.field === 'partition') && (
        <p className="field-error" role="alert">
          {local.message}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={produce.isPending} aria-busy={produce.isPending}>
          {produce.isPending && <span className="spinner" aria-hidden="true" />}
          Produce
        </button>
      </div>
      {produce.isError && errors.length === 0 && <InlineError error={produce.error} />}
      {errors.length > 0 && (
        <div className="inline-error" role="alert">
          <strong>
            The value does not fit {draft.subject} version {version}:
          </strong>
          <ul>
            {errors.map((e) => (
              <li key={e.path}>
                <code>{e.path || '(value)'}</code> {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {produce.isSuccess && (
        <div className="inline-ok" role="status">
          {produce.data.message}
        </div>
      )}
    </form>
  );
}
