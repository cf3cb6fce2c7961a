import { useId, useState, type FormEvent } from 'react';
import type { Incompatibility, SchemaVersion } from '@pipeline-panel/server/contracts';
import { InlineError } from '../../../components/error-notice.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { ChangeList, IncompatibilityList } from '../../../components/schema-changes.tsx';
import { changesSummary } from '../../../components/schema-changes.ts';
import { useCheckCompatibility } from '../api/check-compatibility.ts';
import { useDraftDiff } from '../api/diff.ts';
import { useRegisterSchema } from '../api/register-schema.ts';
import { canRegister, draftKey, NEW_SCHEMA_TEMPLATE, prettyJson, type CheckedDraft } from '../model/schema-draft.ts';
import { VerdictBox } from './verdict-box.tsx';

interface Props {
  /** null: a new subject, named in the form. */
  subject: string | null;
  latest: SchemaVersion | null;
  onRegistered?: (subject: string) => void;
}

/** Errors the server attaches to one field; anything else is shown under the buttons. */
function fieldOf(error: unknown): 'schema' | 'subject' | null {
  if (!isApiError(error)) return null;
  if (error.code === 'INVALID_AVRO') return 'schema';
  if (error.code === 'INVALID_SUBJECT') return 'subject';
  return null;
}

function incompatibilities(error: unknown): Incompatibility[] {
  if (!isApiError(error) || error.code !== 'INCOMPATIBLE_SCHEMA') return [];
  const items = (error.details as { incompatibilities?: unknown } | undefined)?.incompatibilities;
  return Array.isArray(items) ? (items as Incompatibility[]) : [];
}

export function RegisterForm({ subject, latest, onRegistered }: Props) {
  const [text, setText] = useState(() => latest?.schema ?? NEW_SCHEMA_TEMPLATE);
  const [newSubject, setNewSubject] = useState('');
  const [checked, setChecked] = useState<CheckedDraft | null>(null);
  const check = useCheckCompatibility();
  const register = useRegisterSchema();
  const diff = useDraftDiff();
  const ids = { subject: useId(), schema: useId(), schemaError: useId(), subjectError: useId() };

  const target = subject ?? newSubject.trim();
  const lastError = register.error ?? check.error ?? diff.error;
  const errorField = fieldOf(lastError);
  const stale = checked !== null && checked.key !== draftKey(text);
  const registrable = canRegister(text, checked) && target !== '' && !register.isPending;

  const runCheck = (event: FormEvent) => {
    event.preventDefault();
    if (target === '') return;
    const key = draftKey(text);
    register.reset();
    setChecked(null);
    check.mutate({ subject: target, schema: text }, { onSuccess: (verdict) => setChecked({ key, verdict }) });
  };

  const runRegister = () => {
    register.mutate({ subject: target, schema: text });
  };

  return (
    <form
      className="form-grid"
      onSubmit={runCheck}
      aria-label={subject ? `Register a new version of ${subject}` : 'Register a new subject'}
    >
      {subject === null && (
        <div className="field">
          <label htmlFor={ids.subject}>Subject</label>
          <input
            id={ids.subject}
            value={newSubject}
            placeholder="orders-value"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errorField === 'subject' || undefined}
            aria-describedby={errorField === 'subject' ? ids.subjectError : undefined}
            onChange={(e) => {
              setNewSubject(e.target.value);
              setChecked(null);
            }}
          />
          {errorField === 'subject' && (
            <span id={ids.subjectError} className="field-error" role="alert">
              {lastError?.message}
            </span>
          )}
        </div>
      )}

      <div className="field">
        <label htmlFor={ids.schema}>
          Avro schema <span className="field-hint">(JSON)</span>
        </label>
        <textarea
          id={ids.schema}
          value={text}
          spellCheck={false}
          rows={14}
          aria-invalid={errorField === 'schema' || undefined}
          aria-describedby={errorField === 'schema' ? ids.schemaError : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        {errorField === 'schema' && (
          <span id={ids.schemaError} className="field-error" role="alert">
            Invalid Avro: {lastError?.message}
          </span>
        )}
      </div>

      <div className="actions">
        <button type="submit" className="btn" disabled={check.isPending || target === ''} aria-busy={check.isPending}>
          {check.isPending && <span className="spinner" aria-hidden="true" />}
          Check compatibility
        </button>
        <button type="button" className="btn btn-primary" disabled={!registrable} aria-busy={register.isPending} onClick={runRegister}>
          {register.isPending && <span className="spinner" aria-hidden="true" />}
          Register
        </button>
        {latest && subject && (
          <button
            type="button"
            className="btn"
            disabled={diff.isPending}
            aria-busy={diff.isPending}
            onClick={() => diff.mutate({ subject, draft: text })}
          >
            {diff.isPending && <span className="spinner" aria-hidden="true" />}
            Show changes
          </button>
        )}
        <button type="button" className="btn btn-ghost" onClick={() => setText(prettyJson(text))}>
          Format
        </button>
        <span className="field-hint">
          {checked === null
            ? 'Register unlocks after a passing check of this exact text.'
            : stale
              ? 'Edited since the check: check again.'
              : ''}
        </span>
      </div>

      {checked && !stale && <VerdictBox verdict={checked.verdict} latestVersion={latest?.version ?? null} />}
      {diff.data && diff.variables?.draft === text && (
        <section className="form-grid" aria-label="Changes of the draft">
          <p className="muted">
            Against v{diff.data.from.version}: {changesSummary(diff.data.changes, diff.data.compatibility.level)}
          </p>
          <ChangeList changes={diff.data.changes} label={`Changes from v${diff.data.from.version} to the draft`} />
        </section>
      )}
      {lastError && errorField === null && (
        <div className="form-grid">
          <InlineError error={lastError} />
          <IncompatibilityList items={incompatibilities(lastError)} />
        </div>
      )}
      {register.isSuccess && (
        <div className="inline-ok" role="status">
          <strong>{register.data.created ? 'Registered' : 'Already registered'}:</strong>{' '}
          {register.data.created
            ? `${register.data.subject} version ${register.data.version} (schema id ${register.data.id}).`
            : `this exact schema is ${register.data.subject} version ${register.data.version} (schema id ${register.data.id}); nothing changed.`}
          {subject === null && onRegistered && (
            <>
              {' '}
              <button type="button" className="btn btn-small" onClick={() => onRegistered(register.data.subject)}>
                View {register.data.subject}
              </button>
            </>
          )}
        </div>
      )}
    </form>
  );
}
