import { useId, useState } from 'react';
import type { EvolutionInput } from '@pipeline-panel/server/contracts';
import { ErrorNotice, InlineError } from '../../../components/error-notice.tsx';
import { PageHeader, Placeholder, Section } from '../../../components/page.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useApply, useLatestSchema, usePipelines, usePlan } from '../api/evolution-api.ts';
import { startingDraft } from '../model/plan-view.ts';
import { ApplyProgress } from './apply-progress.tsx';
import { PlanView } from './plan-view.tsx';
import './evolution.css';

export function EvolutionScreen() {
  const pipelines = usePipelines();
  const [chosen, setChosen] = useState<string | null>(null);
  const list = pipelines.data?.pipelines ?? [];
  const pipeline = list.find((p) => p.id === chosen) ?? list[0] ?? null;

  return (
    <div className="page evolution-screen">
      <PageHeader
        title="Evolve schema"
        sub="A new schema version for a pipeline, as a plan: the ALTERs, the checks, the registration and the restart, shown in full before anything is applied."
      />
      {pipelines.isError && <ErrorNotice error={pipelines.error} doing="read the pipelines" onRetry={() => void pipelines.refetch()} />}
      {pipelines.isPending && <Placeholder>Reading the pipelines in connectors/…</Placeholder>}
      {pipelines.isSuccess && list.length === 0 && (
        <Placeholder>No pipeline in connectors/ yet: create one with New pipeline, then evolve its schema here.</Placeholder>
      )}
      {pipeline && (
        <>
          <PipelinePicker ids={list.map((p) => p.id)} current={pipeline.id} onPick={setChosen} />
          <DraftEditor
            key={pipeline.id}
            pipeline={pipeline.id}
            subject={pipeline.subject}
            table={`${pipeline.database}.${pipeline.table}`}
          />
        </>
      )}
    </div>
  );
}

function PipelinePicker({ ids, current, onPick }: { ids: string[]; current: string; onPick: (id: string) => void }) {
  const id = useId();
  return (
    <div className="field field-inline">
      <label htmlFor={id}>Pipeline</label>
      <select id={id} value={current} onChange={(e) => onPick(e.target.value)}>
        {ids.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
    </div>
  );
}

function DraftEditor({ pipeline, subject, table }: { pipeline: string; subject: string; table: string }) {
  const latest = useLatestSchema(subject);
  if (latest.isPending) return <Placeholder>Reading the latest version of {subject}…</Placeholder>;
  const initial = latest.data ? startingDraft(latest.data.latest.schema) : '';
  if (latest.isError && !(isApiError(latest.error) && latest.error.statusCode === 404))
    return <ErrorNotice error={latest.error} doing={`read ${subject}`} onRetry={() => void latest.refetch()} />;
  return (
    <DraftForm pipeline={pipeline} subject={subject} table={table} initial={initial} latestVersion={latest.data?.latest.version ?? null} />
  );
}

interface FormProps {
  pipeline: string;
  subject: string;
  table: string;
  initial: string;
  latestVersion: number | null;
}

function DraftForm({ pipeline, subject, table, initial, latestVersion }: FormProps) {
  const [draft, setDraft] = useState(initial);
  const [smoke, setSmoke] = useState(false);
  const [operationId, setOperationId] = useState<string | null>(null);
  const plan = usePlan();
  const apply = useApply();
  const ids = { draft: useId(), error: useId() };
  const input: EvolutionInput = { pipeline, draft, smoke };
  const planned = plan.data && plan.variables?.draft === draft && plan.variables.smoke === smoke ? plan.data : null;
  const invalid = isApiError(plan.error) && (plan.error.code === 'INVALID_AVRO' || plan.error.code === 'SCHEMA_NOT_RECORD');

  const runPlan = () => {
    apply.reset();
    setOperationId(null);
    plan.mutate(input);
  };
  const runApply = () => apply.mutate(input, { onSuccess: (r) => setOperationId(r.operationId) });

  return (
    <>
      <Section
        title="New schema"
        note={`${subject} → ${table}${latestVersion !== null ? ` · starts from v${latestVersion}` : ' · the subject has no version yet'}`}
      >
        <div className="form-grid">
          <div className="field">
            <label htmlFor={ids.draft}>
              Draft <span className="field-hint">(Avro, JSON)</span>
            </label>
            <textarea
              id={ids.draft}
              value={draft}
              rows={16}
              spellCheck={false}
              aria-invalid={invalid || undefined}
              aria-describedby={invalid ? ids.error : undefined}
              onChange={(e) => setDraft(e.target.value)}
            />
            {invalid && (
              <span id={ids.error} className="field-error" role="alert">
                {plan.error?.message}
              </span>
            )}
          </div>
          <div className="actions">
            <button
              type="button"
              className="btn btn-primary"
              onClick={runPlan}
              disabled={plan.isPending || draft.trim() === ''}
              aria-busy={plan.isPending}
            >
              {plan.isPending && <span className="spinner" aria-hidden="true" />}
              Plan
            </button>
            <label className="field-inline">
              <input type="checkbox" checked={smoke} onChange={(e) => setSmoke(e.target.checked)} /> Run the smoke test last
            </label>
            <span className="field-hint">Planning changes nothing.</span>
          </div>
          {plan.error && !invalid && <InlineError error={plan.error} />}
        </div>
      </Section>
      {planned && (
        <PlanView plan={planned}>
          <div className="actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={!planned.canApply || apply.isPending}
              aria-busy={apply.isPending}
              onClick={runApply}
            >
              {apply.isPending && <span className="spinner" aria-hidden="true" />}
              Apply the plan
            </button>
            {!planned.canApply && <span className="field-hint">Fix what the plan refuses, then plan again.</span>}
          </div>
          {apply.error && <InlineError error={apply.error} />}
        </PlanView>
      )}
      {operationId && <ApplyProgress key={operationId} operationId={operationId} onRunAgain={runApply} busy={apply.isPending} />}
    </>
  );
}
