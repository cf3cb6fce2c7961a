import { useState } from 'react';
import { ConfirmByNameDialog } from '../../../components/confirm-by-name-dialog.tsx';
import { ErrorNotice, InlineError } from '../../../components/error-notice.tsx';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader, Placeholder, Section } from '../../../components/page.tsx';
import { usePanelConfig } from '../../../lib/panel-config.ts';
import { useResetOperation } from '../api/follow-reset.ts';
import { useLatestReset } from '../api/get-latest-reset.ts';
import { useResetPlan } from '../api/get-reset-plan.ts';
import { useStartReset } from '../api/start-reset.ts';
import { ResetPlanView } from './reset-plan-view.tsx';
import { ResetProgress } from './reset-progress.tsx';
import './reset.css';

export function ResetScreen() {
  const config = usePanelConfig();
  if (config.data?.remote) {
    return (
      <div className="page reset-screen">
        <PageHeader title="Reset volumes" sub="Not available in remote mode." />
        <Notice tone="info" title="Reset needs a compose project">
          <p>{config.data.remote.reason}</p>
        </Notice>
      </div>
    );
  }
  return <ComposeReset />;
}

function ComposeReset() {
  const plan = useResetPlan();
  const latest = useLatestReset();
  const start = useStartReset();
  const [confirming, setConfirming] = useState<'reset' | 'resume' | null>(null);
  const [started, setStarted] = useState<string | null>(null);
  const operationId = started ?? latest.data?.operationId ?? null;
  const operation = useResetOperation(operationId);
  const running = operation.data?.status === 'running';
  const project = plan.data?.project ?? null;

  const close = () => {
    setConfirming(null);
    start.reset();
  };

  return (
    <div className="page reset-screen">
      <PageHeader
        title="Reset volumes"
        sub="Start the stack over with empty data: remove the project's containers and named volumes, bring it back with Docker Compose, then re-apply sql/, schemas and connectors from the repo."
        actions={
          <button type="button" className="btn btn-danger" disabled={!project || running} onClick={() => setConfirming('reset')}>
            Reset volumes…
          </button>
        }
      />
      {plan.isError ? (
        <ErrorNotice error={plan.error} doing="work out what a reset would delete" onRetry={() => void plan.refetch()} />
      ) : (
        <Section title="What a reset deletes" note={plan.data ? `compose project ${plan.data.project}` : undefined}>
          {plan.data ? (
            <ResetPlanView plan={plan.data} />
          ) : (
            <Placeholder>Asking Docker for the project's containers and volumes…</Placeholder>
          )}
        </Section>
      )}
      {operationId && (
        <Section title={running ? 'Reset in progress' : 'Last reset'} note={running ? 'live: each step streams as it runs' : undefined}>
          {operation.isError ? (
            <ErrorNotice error={operation.error} doing="read the reset's progress" />
          ) : operation.data ? (
            <ResetProgress report={operation.data} onRunAgain={() => setConfirming('resume')} />
          ) : (
            <Placeholder>Loading the reset's steps…</Placeholder>
          )}
        </Section>
      )}
      <ConfirmByNameDialog
        name={confirming && project ? project : null}
        title={confirming === 'resume' ? `Finish the reset of ${project ?? ''}?` : `Reset the volumes of ${project ?? ''}?`}
        actionLabel={confirming === 'resume' ? 'Run again to finish' : 'Delete volumes and reset'}
        busy={start.isPending}
        onCancel={close}
        onConfirm={(name) =>
          start.mutate(
            { confirm: name },
            {
              onSuccess: (result) => {
                setStarted(result.operationId);
                setConfirming(null);
              },
            },
          )
        }
      >
        {confirming === 'resume' ? (
          <p>The reset continues where it stopped: steps already done are not repeated, so nothing is deleted twice.</p>
        ) : (
          <p>
            This deletes <strong>{plan.data?.volumes.length ?? 0}</strong> volume(s) with all their data and removes{' '}
            <strong>{plan.data?.containers.length ?? 0}</strong> container(s) of project <strong>{project}</strong>. It cannot be undone.
          </p>
        )}
        {start.isError && <InlineError error={start.error} />}
      </ConfirmByNameDialog>
    </div>
  );
}
