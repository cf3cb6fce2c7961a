import { useId, useState } from 'react';
import { useTopics } from '../../../lib/queries/list-topics.ts';
import { useWizardCall } from '../api/wizard-api.ts';
import type { WizardStore } from '../model/draft-store.ts';
import { edit, topicRequest } from '../model/wizard-draft.ts';
import { BusyButton, StepActions, StepError, StepOk } from './step-parts.tsx';

export function StepTopic({ store }: { store: WizardStore }) {
  const { draft, setDraft, goTo } = store;
  const topics = useTopics();
  const validate = useWizardCall('validateTopic');
  const [local, setLocal] = useState<string | null>(null);
  const ids = { name: useId(), list: useId() };
  const t = draft.topic;
  const update = (patch: Partial<typeof t>) => {
    setLocal(null);
    validate.reset();
    setDraft((d) => edit(d, 'topic', patch));
  };
  const submit = () => {
    const request = topicRequest(draft);
    if (!request.ok) return setLocal(request.message);
    validate.mutate(request.body, {
      onSuccess: (result) => {
        setDraft((d) => ({
          ...d,
          validated: { ...d.validated, topic: result },
          table: d.table.table === '' ? { ...d.table, table: result.suggested.table } : d.table,
        }));
        goTo('schema');
      },
    });
  };
  const existing = (topics.data?.topics ?? []).filter((x) => !x.internal);
  const result = draft.validated.topic;

  return (
    <div className="form-grid" aria-label="Topic step">
      <fieldset className="field wizard-radio">
        <legend>Topic</legend>
        <label>
          <input type="radio" name="topic-mode" checked={t.mode === 'new'} onChange={() => update({ mode: 'new' })} /> New topic
        </label>
        <label>
          <input type="radio" name="topic-mode" checked={t.mode === 'existing'} onChange={() => update({ mode: 'existing' })} /> Existing
          topic
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={ids.name}>Topic name</label>
        <input
          id={ids.name}
          value={t.name}
          list={t.mode === 'existing' ? ids.list : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder="clicks"
          onChange={(e) => update({ name: e.target.value })}
        />
        <datalist id={ids.list}>
          {existing.map((x) => (
            <option key={x.name} value={x.name}>{`${x.partitions} partition(s), ${x.endOffset} message(s)`}</option>
          ))}
        </datalist>
        {t.mode === 'existing' && existing.length > 0 && (
          <span className="field-hint">Existing: {existing.map((x) => x.name).join(', ')}</span>
        )}
      </div>
      {t.mode === 'new' && (
        <div className="form-row">
          <NumberField label="Partitions" min={1} value={t.partitions} onChange={(partitions) => update({ partitions })} />
          <NumberField
            label="Replication factor (empty = broker default)"
            min={1}
            placeholder="default"
            hint="At most the number of live brokers; 3 on a production cluster"
            value={t.replicationFactor}
            onChange={(replicationFactor) => update({ replicationFactor })}
          />
          <NumberField
            label="Retention (days, empty = broker default)"
            min={0}
            step="any"
            value={t.retentionDays}
            onChange={(retentionDays) => update({ retentionDays })}
          />
        </div>
      )}
      {local && (
        <span className="field-error" role="alert">
          {local}
        </span>
      )}
      <StepError error={validate.error} label="Topic validation error" />
      {result && (
        <StepOk label="Topic validation">
          <strong>{result.exists ? 'Exists' : 'Will be created'}:</strong> {result.name} — {result.partitions} partition(s),{' '}
          {result.replicationFactor === null ? "the broker's default replication factor" : `replication factor ${result.replicationFactor}`}
          {result.exists ? `, ${result.messages} message(s)` : ''}; value subject <code>{result.subject}</code>
          {result.warnings.map((w, i) => (
            <div key={i} className="muted">
              {w}
            </div>
          ))}
        </StepOk>
      )}
      <StepActions>
        <BusyButton primary busy={validate.isPending} disabled={t.name.trim() === ''} onClick={submit}>
          Validate topic
        </BusyButton>
        {result && (
          <button type="button" className="btn" onClick={() => goTo('schema')}>
            Next
          </button>
        )}
      </StepActions>
    </div>
  );
}

interface NumberFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  min: number;
  step?: string;
  placeholder?: string;
  hint?: string;
}

/** A labelled number input that keeps what was typed as text (the draft validates it on submit). */
function NumberField({ label, value, onChange, min, step, placeholder, hint }: NumberFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        step={step}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && <span className="field-hint">{hint}</span>}
    </div>
  );
}
