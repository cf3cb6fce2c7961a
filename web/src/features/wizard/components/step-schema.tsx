import { useId } from 'react';
import { useWizardCall } from '../api/wizard-api.ts';
import type { WizardStore } from '../model/draft-store.ts';
import { edit } from '../model/wizard-draft.ts';
import { BusyButton, Notes, StepActions, StepError, StepOk } from './step-parts.tsx';

export function StepSchema({ store }: { store: WizardStore }) {
  const { draft, setDraft, goTo } = store;
  const topic = draft.validated.topic!;
  const latest = useWizardCall('latestSchema');
  const infer = useWizardCall('inferSchema');
  const validate = useWizardCall('validateSchema');
  const ids = { schema: useId(), samples: useId() };
  const setSchema = (text: string, notes: string[] = []) => {
    validate.reset();
    setDraft((d) => edit(d, 'schema', { text, notes }));
  };
  const result = draft.validated.schema;
  const incompatible = validate.data?.compatibility.compatible === false;

  const submit = () =>
    validate.mutate(
      { topic: topic.name, schema: draft.schema.text },
      {
        onSuccess: (r) => {
          if (r.compatibility.compatible === false) return;
          setDraft((d) => ({ ...d, validated: { ...d.validated, schema: r } }));
          goTo('table');
        },
      },
    );

  return (
    <div className="form-grid" aria-label="Schema step">
      <div className="wizard-sources">
        <BusyButton
          busy={latest.isPending}
          onClick={() =>
            latest.mutate(
              { topic: topic.name },
              { onSuccess: (r) => r.schema && setSchema(r.schema, [`latest version ${r.version} of ${r.subject} (id ${r.id})`]) },
            )
          }
        >
          Latest from the registry
        </BusyButton>
        <BusyButton
          busy={infer.isPending && infer.variables?.source === 'topic'}
          disabled={!topic.exists}
          onClick={() =>
            infer.mutate(
              { source: 'topic', topic: topic.name, recordName: topic.suggested.recordName },
              { onSuccess: (r) => setSchema(r.schema, r.notes) },
            )
          }
        >
          Infer from messages on {topic.name}
        </BusyButton>
      </div>
      {latest.data && !latest.data.exists && <p className="muted">{latest.data.subject} has no versions in the registry yet.</p>}
      <StepError error={latest.error} label="Registry error" />
      <div className="field">
        <label htmlFor={ids.samples}>JSON samples (an array of objects, or one object per line)</label>
        <textarea
          id={ids.samples}
          rows={4}
          spellCheck={false}
          value={draft.schema.samples}
          onChange={(e) => setDraft((d) => ({ ...d, schema: { ...d.schema, samples: e.target.value } }))}
        />
        <div>
          <BusyButton
            busy={infer.isPending && infer.variables?.source === 'samples'}
            disabled={draft.schema.samples.trim() === ''}
            onClick={() =>
              infer.mutate(
                { source: 'samples', samples: draft.schema.samples, topic: topic.name, recordName: topic.suggested.recordName },
                { onSuccess: (r) => setSchema(r.schema, r.notes) },
              )
            }
          >
            Infer from samples
          </BusyButton>
        </div>
      </div>
      <StepError error={infer.error} label="Inference error" />
      <Notes notes={draft.schema.notes} />
      <div className="field">
        <label htmlFor={ids.schema}>Avro value schema ({topic.subject})</label>
        <textarea
          id={ids.schema}
          className="mono"
          rows={14}
          spellCheck={false}
          value={draft.schema.text}
          onChange={(e) => setSchema(e.target.value)}
        />
      </div>
      <StepError error={validate.error} label="Schema validation error" />
      {validate.data && (
        <div className={incompatible ? 'inline-error' : 'inline-ok'} role="status" aria-label="Compatibility verdict">
          <strong>
            {validate.data.compatibility.registered
              ? 'Already registered'
              : validate.data.compatibility.compatible === null
                ? 'New subject'
                : validate.data.compatibility.compatible
                  ? 'Compatible'
                  : 'Incompatible'}
            :
          </strong>{' '}
          {validate.data.compatibility.messages.join('; ') || 'compatible with the latest version'}
        </div>
      )}
      {result && !validate.data && <StepOk label="Schema validation">Validated: {result.fields.length} field(s)</StepOk>}
      <StepActions onBack={() => goTo('topic')}>
        <BusyButton primary busy={validate.isPending} disabled={draft.schema.text.trim() === ''} onClick={submit}>
          Validate schema
        </BusyButton>
        {result && (
          <button type="button" className="btn" onClick={() => goTo('table')}>
            Next
          </button>
        )}
      </StepActions>
    </div>
  );
}
