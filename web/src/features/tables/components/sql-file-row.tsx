import { useId } from 'react';
import type { SqlFile } from '@pipeline-panel/server/contracts';
import { InlineError } from '../../../components/error-notice.tsx';
import { useApplySqlFile } from '../api/apply-sql-file.ts';
import { applyReport, describeApply, sqlFileStatus } from '../model/tables-view.ts';

export function SqlFileRow({ file }: { file: SqlFile }) {
  const apply = useApplySqlFile(file.file);
  const titleId = useId();
  const status = sqlFileStatus(file);
  return (
    <li className="sql-file" aria-labelledby={titleId}>
      <div className="sql-file-head">
        <div className="title-row">
          <h3 id={titleId} className="mono">
            {file.file}
          </h3>
          <span className={`pill tone-${status.tone}`}>{status.label}</span>
        </div>
        {!file.error && (
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={apply.isPending}
            aria-busy={apply.isPending}
            aria-label={`Create from ${file.file}`}
            onClick={() => apply.mutate()}
          >
            {apply.isPending && <span className="spinner" aria-hidden="true" />}
            Create from file
          </button>
        )}
      </div>
      {file.error && <p className="field-error">{file.error}</p>}
      {file.tables.length > 0 && (
        <ul className="sql-tables" aria-label={`Tables in ${file.file}`}>
          {file.tables.map((t) => (
            <li key={`${t.database}.${t.name}`}>
              <span className="mono">
                {t.database}.{t.name}
              </span>{' '}
              <span className={`pill tone-${t.exists ? 'ok' : 'idle'}`}>{t.exists ? 'exists' : 'missing'}</span>
            </li>
          ))}
        </ul>
      )}
      {apply.isSuccess && (
        <p className="inline-ok" role="status">
          <strong>Applied:</strong> {describeApply(apply.data)}
        </p>
      )}
      {apply.isError && <InlineError error={apply.error} />}
      {apply.isError && <StatementReportList details={apply.error.details} file={file.file} />}
    </li>
  );
}

/** What is known of each statement after a failed or timed-out apply. */
function StatementReportList({ details, file }: { details: unknown; file: string }) {
  const rows = applyReport(details);
  if (!rows) return null;
  return (
    <ol className="sql-statements" aria-label={`Statements of ${file}`}>
      {rows.map((r) => (
        <li key={r.index}>
          <span className={`pill tone-${r.tone}`}>{r.label}</span> <span className="mono">{r.summary}</span>
          {r.message && <span className="muted"> — {r.message}</span>}
        </li>
      ))}
    </ol>
  );
}
