import { ErrorNotice } from '../../../components/error-notice.tsx';
import { Placeholder } from '../../../components/page.tsx';
import { useCancelSmokeRun, useSmokeRun } from '../api/smoke-runs.ts';
import { registrationNeeded } from '../model/smoke-run.ts';
import { RegistrationOffer } from './registration-offer.tsx';
import { RunCleanup } from './run-cleanup.tsx';
import { RunSteps } from './run-steps.tsx';

/**
 * The selected run, live while it runs, with Cancel; once it ended, the offer to register the schema file when
 * that is what stopped it, and "Remove this run's rows".
 */
export function RunPanel({ runId, onStarted }: { runId: string; onStarted(runId: string): void }) {
  const run = useSmokeRun(runId);
  const cancel = useCancelSmokeRun();
  if (run.isError) return <ErrorNotice error={run.error} doing={`read smoke run ${runId}`} />;
  if (!run.data) return <Placeholder>Loading run {runId}…</Placeholder>;
  const running = run.data.status === 'running';
  const needed = registrationNeeded(run.data.steps.find((s) => s.name === 'schema')?.failure);
  return (
    <div className="smoke-run-panel" aria-live="polite">
      {running && (
        <div className="smoke-run-actions">
          <button type="button" className="btn btn-danger-quiet" onClick={() => cancel.mutate(runId)} disabled={cancel.isPending}>
            {cancel.isPending ? 'Cancelling…' : 'Cancel run'}
          </button>
          <span className="muted">
            Cancel stops at the current step: producing stops, the wait ends; rows already sent keep their run id.
          </span>
        </div>
      )}
      {cancel.isError && <ErrorNotice error={cancel.error} doing="cancel the run" />}
      <RunSteps report={run.data} />
      {needed && <RegistrationOffer report={run.data} needed={needed} onStarted={onStarted} />}
      <RunCleanup report={run.data} />
    </div>
  );
}
