import { useId, useState, type FormEvent } from 'react';
import type { SmokeCleanupMode } from '@pipeline-panel/server/contracts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { useStartSmokeRun } from '../api/smoke-runs.ts';
import { CLEANUP_MODES, formProblems } from '../model/smoke-run.ts';

/**
 * Records, timeout, what to do with the rows afterwards, and (advanced, off by default) consent to register the
 * schema file; then Run: the server answers 202 with the run id and the steps stream from there.
 */
export function RunForm({ pipeline, onStarted }: { pipeline: string; onStarted(runId: string): void }) {
  const [records, setRecords] = useState('100');
  const [timeout, setTimeoutSeconds] = useState('60');
  const [cleanup, setCleanup] = useState<SmokeCleanupMode>('keep');
  const [register, setRegister] = useState(false);
  const start = useStartSmokeRun();
  const problems = formProblems(records, timeout);
  const invalid = Object.keys(problems).length > 0;
  const recordsHint = useId();
  const timeoutHint = useId();
  const cleanupHint = useId();
  const registerHint = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    start.mutate(
      { pipeline, records: Number(records), timeoutMs: Number(timeout) * 1000, cleanup, register },
      { onSuccess: ({ runId }) => onStarted(runId) },
    );
  };

  return (
    <form className="smoke-form" onSubmit={submit} aria-label="Run a smoke test">
      <label className="field">
        <span>Records</span>
        <input
          inputMode="numeric"
          value={records}
          onChange={(e) => setRecords(e.target.value)}
          aria-describedby={recordsHint}
          aria-invalid={problems.records ? true : undefined}
          name="records"
        />
        <span id={recordsHint} className={problems.records ? 'field-error' : 'field-hint'}>
          {problems.records ?? '1 – 100,000'}
        </span>
      </label>
      <label className="field">
        <span>Timeout (s)</span>
        <input
          inputMode="numeric"
          value={timeout}
          onChange={(e) => setTimeoutSeconds(e.target.value)}
          aria-describedby={timeoutHint}
          aria-invalid={problems.timeout ? true : undefined}
          name="timeout"
        />
        <span id={timeoutHint} className={problems.timeout ? 'field-error' : 'field-hint'}>
          {problems.timeout ?? 'how long to wait for the rows'}
        </span>
      </label>
      <label className="field smoke-form-cleanup">
        <span>Rows afterwards</span>
        <select
          value={cleanup}
          onChange={(e) => setCleanup(e.target.value as SmokeCleanupMode)}
          aria-describedby={cleanupHint}
          name="cleanup"
        >
          {CLEANUP_MODES.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
        <span id={cleanupHint} className="field-hint">
          {CLEANUP_MODES.find((m) => m.value === cleanup)!.explains}
        </span>
      </label>
      <details className="smoke-form-advanced">
        <summary>Advanced{register && ': registers the schema file'}</summary>
        <label className="field field-inline">
          <input type="checkbox" checked={register} onChange={(e) => setRegister(e.target.checked)} aria-describedby={registerHint} />
          <span>Register the schema file even when the subject&apos;s latest version differs</span>
        </label>
        <span id={registerHint} className="field-hint">
          Off: a run whose schema file is not a version of the subject stops before producing and asks. On: the file&apos;s schema becomes
          the subject&apos;s latest version.
        </span>
      </details>
      <div className="smoke-form-actions">
        <button type="submit" className="btn btn-primary" disabled={invalid || start.isPending}>
          {start.isPending ? 'Starting…' : 'Run smoke test'}
        </button>
      </div>
      {start.isError && <ErrorNotice error={start.error} doing="start the smoke test" />}
    </form>
  );
}
