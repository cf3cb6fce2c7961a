import { useState } from 'react';
import type { SmokeRunReport, SmokeStep, WizardApplyStep, WizardOperation } from '@pipeline-panel/server/contracts';
import { useOperationStream } from '../../../lib/operation-stream.ts';
import { useWizardCall } from '../api/wizard-api.ts';
import type { WizardStore } from '../model/draft-store.ts';
import { BusyButton, StepActions, StepError } from './step-parts.tsx';

const STATUS_TONE: Record<string, string> = {
  ok: 'ok',
  passed: 'ok',
  succeeded: 'ok',
  running: 'warn',
  failed: 'bad',
  cancelled: 'bad',
  skipped: 'idle',
  pending: 'idle',
};

interface ProgressStep {
  name: string;
  title: string;
  status: string;
  durationMs: number | null;
  detail: string;
  changed?: WizardApplyStep['changed'];
  failure?: SmokeStep['failure'];
}

function StepRow({ step }: { step: ProgressStep }) {
  return (
    <li className="wizard-progress-step" data-step={step.name} data-status={step.status}>
      <span className={`badge tone-${STATUS_TONE[step.status] ?? 'idle'}`}>{step.status}</span> <strong>{step.title}</strong>
      {step.changed === false && step.status === 'ok' && <span className="muted"> (unchanged)</span>}
      {step.durationMs !== null && <span className="muted"> · {step.durationMs} ms</span>}
      {step.detail && <div className="wizard-step-detail">{step.detail}</div>}
      {step.failure && (
        <div className="wizard-step-detail warn-text">
          {step.failure.service}: {step.failure.message} — {step.failure.fix}
        </div>
      )}
    </li>
  );
}

function SmokeRun({ runId }: { runId: string }) {
  const { steps, final } = useOperationStream<SmokeStep, SmokeRunReport>(`/api/smoke-runs/${encodeURIComponent(runId)}/events`);
  const list = final?.steps ?? steps;
  return (
    <section className="box" aria-label="Smoke test">
      <h3>
        Smoke test <code>{runId}</code>{' '}
        <span className={`badge tone-${STATUS_TONE[final?.status ?? 'running']}`} aria-label="Smoke test status">
          {final?.status ?? 'running'}
        </span>
      </h3>
      <ol className="wizard-progress">
        {list.map((s) => (
          <StepRow key={s.name} step={s} />
        ))}
      </ol>
      {final && <p>{final.message}</p>}
      <p>
        <a href="#/smoke">Open the Smoke test screen</a>
      </p>
    </section>
  );
}

export function StepApply({ store }: { store: WizardStore }) {
  const { operationId, goTo, reset } = store;
  const { steps, final } = useOperationStream<WizardApplyStep, WizardOperation>(
    operationId ? `/api/wizard/operations/${encodeURIComponent(operationId)}/events` : null,
  );
  const startSmoke = useWizardCall('startSmoke');
  const [manualRun, setManualRun] = useState<string | null>(null);
  const list = final?.steps ?? steps;
  const runId = manualRun ?? final?.smokeRunId ?? null;

  return (
    <div className="form-grid" aria-label="Apply step">
      <h3>
        Apply <code>{operationId}</code>{' '}
        <span className={`badge tone-${STATUS_TONE[final?.status ?? 'running']}`} aria-label="Apply status">
          {final?.status ?? 'running'}
        </span>
      </h3>
      <ol className="wizard-progress" aria-label="Apply progress">
        {list.map((s) => (
          <StepRow key={s.name} step={s} />
        ))}
      </ol>
      {final && (
        <div className={final.status === 'succeeded' ? 'inline-ok' : 'inline-error'} role="status" aria-label="Apply result">
          {final.message}
          {final.status === 'failed' && (
            <div>
              Done: {final.done.join(', ') || 'nothing'} · Not done: {final.left.join(', ')}
            </div>
          )}
        </div>
      )}
      {runId && <SmokeRun key={runId} runId={runId} />}
      <StepError error={startSmoke.error} label="Smoke start error" />
      <StepActions onBack={() => goTo('review')}>
        {final?.status === 'failed' && (
          <button type="button" className="btn btn-primary" onClick={() => goTo('review')}>
            Review and apply again
          </button>
        )}
        {final?.status === 'succeeded' && (
          <BusyButton
            busy={startSmoke.isPending}
            onClick={() => operationId && startSmoke.mutate({ operationId }, { onSuccess: (r) => setManualRun(r.runId) })}
          >
            {runId ? 'Run the smoke test again' : 'Run the smoke test'}
          </BusyButton>
        )}
        {final && (
          <button type="button" className="btn" onClick={reset}>
            Start a new pipeline
          </button>
        )}
      </StepActions>
    </div>
  );
}
