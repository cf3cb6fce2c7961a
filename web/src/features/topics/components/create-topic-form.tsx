import { useId, useState, type FormEvent } from 'react';
import { InlineError } from '../../../components/error-notice.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useCreateTopic } from '../api/create-topic.ts';
import { draftToInput, EMPTY_DRAFT, type DraftField, type RetentionUnit, type TopicDraft } from '../model/topic-form.ts';

/** Server codes that are about one field, so their message goes next to it. */
function fieldOfError(error: unknown): DraftField | null {
  if (!isApiError(error)) return null;
  if (error.code === 'INVALID_TOPIC_NAME') return 'name';
  if (error.code === 'INVALID_PARTITIONS') return 'partitions';
  if (error.code === 'INVALID_RETENTION') return 'retention';
  if (error.code === 'INVALID_REPLICATION_FACTOR' || error.code === 'REPLICATION_FACTOR_TOO_HIGH') return 'replication';
  return null;
}

export function CreateTopicForm({ onCreated }: { onCreated: (name: string) => void }) {
  const [draft, setDraft] = useState<TopicDraft>(EMPTY_DRAFT);
  const [local, setLocal] = useState<{ field: string; message: string } | null>(null);
  const create = useCreateTopic();
  const ids = {
    name: useId(),
    nameError: useId(),
    partitions: useId(),
    partitionsError: useId(),
    retention: useId(),
    retentionError: useId(),
    replication: useId(),
    replicationError: useId(),
  };

  const serverField = fieldOfError(create.error);
  const errorFor = (field: DraftField) =>
    local?.field === field ? local.message : serverField === field ? (create.error?.message ?? null) : null;
  const update = (patch: Partial<TopicDraft>) => {
    setDraft({ ...draft, ...patch });
    setLocal(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = draftToInput(draft);
    if (!result.ok) {
      setLocal({ field: result.field, message: result.message });
      return;
    }
    create.mutate(result.input, { onSuccess: (r) => onCreated(r.name) });
  };

  const nameError = errorFor('name');
  const partitionsError = errorFor('partitions');
  const retentionError = errorFor('retention');
  const replicationError = errorFor('replication');

  return (
    <form className="form-grid" onSubmit={submit} aria-label="Create a topic" noValidate>
      <div className="field">
        <label htmlFor={ids.name}>Name</label>
        <input
          id={ids.name}
          value={draft.name}
          placeholder="orders"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? ids.nameError : undefined}
          onChange={(e) => update({ name: e.target.value })}
        />
        {nameError && (
          <span id={ids.nameError} className="field-error" role="alert">
            {nameError}
          </span>
        )}
      </div>
      <div className="form-row">
        <div className="field topic-partitions-field">
          <label htmlFor={ids.partitions}>Partitions</label>
          <input
            id={ids.partitions}
            type="number"
            min={1}
            max={1000}
            step={1}
            value={draft.partitions}
            aria-invalid={partitionsError ? true : undefined}
            aria-describedby={partitionsError ? ids.partitionsError : undefined}
            onChange={(e) => update({ partitions: e.target.value })}
          />
          {partitionsError && (
            <span id={ids.partitionsError} className="field-error" role="alert">
              {partitionsError}
            </span>
          )}
        </div>
        <div className="field topic-partitions-field">
          <label htmlFor={ids.replication}>Replication factor</label>
          <input
            id={ids.replication}
            type="number"
            min={1}
            step={1}
            placeholder="default"
            value={draft.replicationFactor}
            aria-invalid={replicationError ? true : undefined}
            aria-describedby={replicationError ? ids.replicationError : undefined}
            onChange={(e) => update({ replicationFactor: e.target.value })}
          />
          {replicationError && (
            <span id={ids.replicationError} className="field-error" role="alert">
              {replicationError}
            </span>
          )}
        </div>
        <fieldset className="field retention-field" aria-describedby={retentionError ? ids.retentionError : undefined}>
          <legend>Retention</legend>
          <div className="retention-inputs">
            <input
              id={ids.retention}
              type="number"
              min={0}
              step="any"
              aria-label="Retention amount"
              value={draft.retentionAmount}
              disabled={draft.retentionUnit === 'default' || draft.retentionUnit === 'unlimited'}
              aria-invalid={retentionError ? true : undefined}
              onChange={(e) => update({ retentionAmount: e.target.value })}
            />
            <select
              aria-label="Retention unit"
              value={draft.retentionUnit}
              onChange={(e) => update({ retentionUnit: e.target.value as RetentionUnit })}
            >
              <option value="default">broker default</option>
              <option value="hours">hours</option>
              <option value="days">days</option>
              <option value="unlimited">unlimited</option>
            </select>
          </div>
          {retentionError && (
            <span id={ids.retentionError} className="field-error" role="alert">
              {retentionError}
            </span>
          )}
        </fieldset>
      </div>
      <div className="actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={create.isPending || draft.name.trim() === ''}
          aria-busy={create.isPending}
        >
          {create.isPending && <span className="spinner" aria-hidden="true" />}
          Create topic
        </button>
      </div>
      {create.isError && serverField === null && <InlineError error={create.error} />}
      {create.isSuccess && (
        <div className="inline-ok" role="status">
          {create.data.message}
          {create.data.warnings.length > 0 && (
            <ul className="warnings">
              {create.data.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p className="field-hint">
        Kafka allows letters, digits, <code>.</code>, <code>_</code> and <code>-</code>, up to 249 characters. “Broker default” keeps the
        broker's <code>log.retention.*</code> setting; an empty replication factor the broker's <code>default.replication.factor</code>
        (at most the number of live brokers).
      </p>
    </form>
  );
}
