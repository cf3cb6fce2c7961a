import { useId } from 'react';
import { useWizardCall } from '../api/wizard-api.ts';
import type { WizardStore } from '../model/draft-store.ts';
import { edit } from '../model/wizard-draft.ts';
import { BusyButton, StepActions, StepError } from './step-parts.tsx';

export function StepConnector({ store }: { store: WizardStore }) {
  const { draft, setDraft, goTo } = store;
  const topic = draft.validated.topic!;
  const target = { topic: topic.name, database: draft.table.database, table: draft.table.table };
  const generate = useWizardCall('generateConnector');
  const validate = useWizardCall('validateConnector');
  const ids = { text: useId() };
  const result = draft.validated.connector;
  const update = (patch: Partial<typeof draft.connector>) => {
    validate.reset();
    setDraft((d) => edit(d, 'connector', patch));
  };
  const submit = () =>
    validate.mutate(
      { ...target, text: draft.connector.text },
      {
        onSuccess: (r) => {
          setDraft((d) => ({ ...d, validated: { ...d.validated, connector: r } }));
          if (r.ok) goTo('review');
        },
      },
    );
  const reasons = Object.entries(draft.connector.reasons);

  return (
    <div className="form-grid" aria-label="Connector step">
      <div>
        <BusyButton
          busy={generate.isPending}
          onClick={() => generate.mutate(target, { onSuccess: (r) => update({ text: r.text, reasons: r.reasons }) })}
        >
          Generate config
        </BusyButton>
      </div>
      <StepError error={generate.error} label="Connector generation error" />
      <div className="field">
        <label htmlFor={ids.text}>Connector file (connectors/&lt;name&gt;.json, editable JSON)</label>
        <textarea
          id={ids.text}
          className="mono"
          rows={16}
          spellCheck={false}
          value={draft.connector.text}
          onChange={(e) => update({ text: e.target.value })}
        />
      </div>
      {reasons.length > 0 && (
        <ul className="wizard-notes" aria-label="Why these settings">
          {reasons.map(([key, reason]) => (
            <li key={key}>
              <code>{key}</code>: {reason}
            </li>
          ))}
        </ul>
      )}
      <label className="check-inline">
        <input
          type="checkbox"
          checked={draft.skipConnectorDeploy}
          onChange={(e) => setDraft((d) => ({ ...d, skipConnectorDeploy: e.target.checked }))}
        />{' '}
        Skip connector deployment (write the files only; e.g. when the ClickHouse sink plugin is not installed)
      </label>
      <StepError error={validate.error} label="Connector validation error" />
      {result && (
        <div className={result.ok ? 'inline-ok' : 'inline-error'} role="status" aria-label="Connector validation">
          <strong>{result.ok ? 'Valid' : 'Invalid'}:</strong> {result.message}
          {result.errors.length > 0 && (
            <ul>
              {result.errors.map((e) => (
                <li key={e.key}>
                  <code>{e.key}</code>: {e.messages.join('; ')}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <StepActions onBack={() => goTo('table')}>
        <BusyButton primary busy={validate.isPending} disabled={draft.connector.text.trim() === ''} onClick={submit}>
          Validate connector
        </BusyButton>
        {result?.ok && (
          <button type="button" className="btn" onClick={() => goTo('review')}>
            Next
          </button>
        )}
      </StepActions>
    </div>
  );
}
