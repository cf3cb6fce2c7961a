import { useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { useStartSmokeRun } from '../api/smoke-runs.ts';
import { formProblems } from '../model/smoke-run.ts';

/** Records and timeout, then Run: the server answers 202 with the run id and the steps stream from there. */
export function RunForm({ pipeline, onStarted }: { pipeline: string; onStarted(runId: string): void }) {
  const [records, setRecords] = useState('100');
  const [timeout, setTimeoutSeconds] = useState('60');
  const start = useStartSmokeRun();
  const problems = formProblems(records, timeout);
  const invalid = Object.keys(problems).length > 0;
  const recordsHint = useId();
  const timeoutHint = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    start.mutate({ pipeline, records: Number(records), timeoutMs: Number(timeout) * 1000 }, { onSuccess: ({ runId }) => onStarted(runId) });
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
      <div className="smoke-form-actions">
        <button type="submit" className="btn btn-primary" disabled={invalid || start.isPending}>
          {start.isPending ? 'Starting…' : 'Run smoke test'}
        </button>
      </div>
      {start.isError && <ErrorNotice error={start.error} doing="start the smoke test" />}
    </form>
  );
}
