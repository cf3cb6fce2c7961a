import { useId } from 'react';
import type { WizardEngine } from '@pipeline-panel/server/contracts';
import { useWizardCall } from '../api/wizard-api.ts';
import type { WizardStore } from '../model/draft-store.ts';
import { edit } from '../model/wizard-draft.ts';
import { BusyButton, StepActions, StepError, StepOk } from './step-parts.tsx';

const PARTITION_FUNCTIONS = ['toYYYYMM', 'toYYYYMMDD', 'toDate'];

export function StepTable({ store }: { store: WizardStore }) {
  const { draft, setDraft, goTo } = store;
  const schema = draft.validated.schema!;
  const generate = useWizardCall('generateTable');
  const validate = useWizardCall('validateTable');
  const ids = { database: useId(), table: useId(), engine: useId(), partition: useId(), sql: useId() };
  const t = draft.table;
  const update = (patch: Partial<typeof t>) => {
    validate.reset();
    setDraft((d) => edit(d, 'table', patch));
  };
  const toggle = (list: string[], name: string, on: boolean) => (on ? [...list, name] : list.filter((x) => x !== name));
  const sortable = schema.fields.filter((f) => !f.nullable && !/^(array|map|record)/.test(f.type));
  const partitionOptions = [
    ...schema.fields.filter((f) => !f.nullable && f.temporal).flatMap((f) => PARTITION_FUNCTIONS.map((fn) => `${fn}(${f.name})`)),
    ...sortable.filter((f) => !f.temporal).map((f) => f.name),
  ];
  const result = draft.validated.table;

  const runGenerate = () =>
    generate.mutate(
      {
        schema: draft.schema.text,
        database: t.database,
        table: t.table,
        engine: t.engine,
        orderBy: t.orderBy,
        partitionBy: t.partitionBy || undefined,
        lowCardinality: t.lowCardinality,
      },
      { onSuccess: (r) => update({ sql: r.sql }) },
    );
  const submit = () =>
    validate.mutate(
      { schema: draft.schema.text, database: t.database, table: t.table, sql: t.sql },
      {
        onSuccess: (r) => {
          setDraft((d) => ({ ...d, validated: { ...d.validated, table: r } }));
          goTo('connector');
        },
      },
    );

  return (
    <div className="form-grid" aria-label="Table step">
      <div className="form-row">
        <div className="field">
          <label htmlFor={ids.database}>Database</label>
          <input id={ids.database} value={t.database} spellCheck={false} onChange={(e) => update({ database: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.table}>Table</label>
          <input id={ids.table} value={t.table} spellCheck={false} onChange={(e) => update({ table: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.engine}>Engine</label>
          <select id={ids.engine} value={t.engine} onChange={(e) => update({ engine: e.target.value as WizardEngine })}>
            <option value="MergeTree">MergeTree</option>
            <option value="ReplacingMergeTree">ReplacingMergeTree (absorbs at-least-once duplicates)</option>
          </select>
        </div>
      </div>
      <fieldset className="field wizard-checks">
        <legend>ORDER BY (in the order ticked)</legend>
        {sortable.map((f) => (
          <label key={f.name}>
            <input
              type="checkbox"
              checked={t.orderBy.includes(f.name)}
              onChange={(e) => update({ orderBy: toggle(t.orderBy, f.name, e.target.checked) })}
            />{' '}
            {f.name}
          </label>
        ))}
        {sortable.length === 0 && <span className="muted">No non-nullable scalar field: ORDER BY tuple()</span>}
      </fieldset>
      <div className="field">
        <label htmlFor={ids.partition}>PARTITION BY</label>
        <select id={ids.partition} value={t.partitionBy} onChange={(e) => update({ partitionBy: e.target.value })}>
          <option value="">(none)</option>
          {partitionOptions.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      {schema.fields.some((f) => f.string) && (
        <fieldset className="field wizard-checks">
          <legend>LowCardinality(String) for</legend>
          {schema.fields
            .filter((f) => f.string)
            .map((f) => (
              <label key={f.name}>
                <input
                  type="checkbox"
                  checked={t.lowCardinality.includes(f.name)}
                  onChange={(e) => update({ lowCardinality: toggle(t.lowCardinality, f.name, e.target.checked) })}
                />{' '}
                {f.name}
              </label>
            ))}
        </fieldset>
      )}
      <div>
        <BusyButton busy={generate.isPending} disabled={t.table === '' || t.database === ''} onClick={runGenerate}>
          Generate SQL
        </BusyButton>
      </div>
      <StepError error={generate.error} label="Table generation error" />
      <div className="field">
        <label htmlFor={ids.sql}>CREATE TABLE (editable)</label>
        <textarea
          id={ids.sql}
          className="mono"
          rows={12}
          spellCheck={false}
          value={t.sql}
          onChange={(e) => update({ sql: e.target.value })}
        />
        <span className="field-hint">
          Validated by running it in a scratch database on ClickHouse (dropped afterwards) and by the contract check.
        </span>
      </div>
      <StepError error={validate.error} label="Table validation error" />
      {result && (
        <StepOk label="Table validation">
          <strong>Valid:</strong> ran in {result.scratchDatabase} ({result.dropped ? 'dropped' : 'NOT dropped'}), {result.engine},{' '}
          {result.columns.length} column(s); contract {result.contract.verdict}: {result.contract.summary}.{' '}
          {result.target.exists
            ? result.target.sameColumns
              ? 'The table already exists with the same columns.'
              : 'The table already exists with OTHER columns: the plan will refuse.'
            : 'The table does not exist yet.'}
        </StepOk>
      )}
      <StepActions onBack={() => goTo('schema')}>
        <BusyButton primary busy={validate.isPending} disabled={t.sql.trim() === ''} onClick={submit}>
          Validate table
        </BusyButton>
        {result && (
          <button type="button" className="btn" onClick={() => goTo('connector')}>
            Next
          </button>
        )}
      </StepActions>
    </div>
  );
}
