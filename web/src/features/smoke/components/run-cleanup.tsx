import { useState } from 'react';
import type { SmokeCleanup, SmokeRunReport } from '@pipeline-panel/server/contracts';
import { ConfirmByNameDialog } from '../../../components/confirm-by-name-dialog.tsx';
import { InlineError } from '../../../components/error-notice.tsx';
import { useCleanupSmokeRun } from '../api/smoke-runs.ts';

const STATEMENT: Record<SmokeCleanup['statement'], string> = {
  DELETE: 'lightweight DELETE FROM',
  'ALTER TABLE DELETE': 'ALTER TABLE … DELETE (the table has projections)',
  none: 'none needed',
};

/** What the run's cleanup removed so far and what no delete removes. */
function CleanupResult({ cleanup }: { cleanup: SmokeCleanup }) {
  return (
    <div className="smoke-cleanup-result" data-testid="cleanup-result">
      <dl className="kv" aria-label="Rows removed">
        <dt>Rows removed</dt>
        <dd>{cleanup.removed.toLocaleString('en')}</dd>
        <dt>Remaining</dt>
        <dd>{cleanup.remaining < 0 ? 'unknown (the removal failed)' : cleanup.remaining.toLocaleString('en')}</dd>
        <dt>Statement</dt>
        <dd>{STATEMENT[cleanup.statement]}</dd>
      </dl>
      <p className="smoke-cleanup-message">{cleanup.message}</p>
      {cleanup.stays.length > 0 && (
        <>
          <p className="smoke-cleanup-stays-title">What stays:</p>
          <ul className="smoke-cleanup-stays">
            {cleanup.stays.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** After a run: "Remove this run's rows", confirmed by typing its run id, and what the removal did. */
export function RunCleanup({ report }: { report: SmokeRunReport }) {
  const [asking, setAsking] = useState(false);
  const remove = useCleanupSmokeRun(report.runId);
  if (report.status === 'running') return null;
  const field = report.runIdField ?? 'the run-id field';
  return (
    <section className="smoke-cleanup" aria-label="This run's rows">
      {report.cleanup && <CleanupResult cleanup={report.cleanup} />}
      {report.produced === 0 ? (
        <p className="muted">Nothing was produced, so the table holds no rows of this run.</p>
      ) : (
        <div className="smoke-run-actions">
          <button type="button" className="btn btn-danger-quiet" onClick={() => setAsking(true)}>
            Remove this run&apos;s rows
          </button>
          <span className="muted">
            Deletes the rows of {report.table} whose <span className="mono">{field}</span> starts with the run id, and only those.
          </span>
        </div>
      )}
      {remove.data && (
        <p className="inline-ok" role="status">
          <strong>{remove.data.removed > 0 ? 'Removed' : 'Nothing to remove'}:</strong> {remove.data.message}
        </p>
      )}
      {remove.isError && <InlineError error={remove.error} />}
      <ConfirmByNameDialog
        name={asking ? report.runId : null}
        title="Remove this run's rows"
        actionLabel="Remove the rows"
        busy={remove.isPending}
        onCancel={() => setAsking(false)}
        onConfirm={(confirm) => remove.mutate(confirm, { onSettled: () => setAsking(false) })}
      >
        <p>
          Deletes every row of <span className="mono">{report.table}</span> whose <span className="mono">{field}</span> starts with{' '}
          <span className="mono">{report.runId}-</span> (the run produced {report.produced.toLocaleString('en')} records). No other row is
          touched.
        </p>
        <p className="muted">
          What stays: the records on topic <span className="mono">{report.topic}</span> (Kafka topics are append-only; retention removes
          them), the run&apos;s dead letters, and any schema version it registered.
        </p>
      </ConfirmByNameDialog>
    </section>
  );
}
