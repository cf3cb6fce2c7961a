import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { SqlQueryResult } from '@pipeline-panel/server/contracts';
import { InlineError } from '../../../components/error-notice.tsx';
import { Section } from '../../../components/page.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useRunQuery } from '../api/run-query.ts';
import { loadRecent, queryLabel, remember, saveRecent, statisticsLine } from '../model/recent-queries.ts';
import { formatCell } from '../model/tables-view.ts';

const ROW_CHOICES = [100, 1000, 10_000] as const;
const TIMEOUT_CHOICES = [10, 30, 60] as const;
/** The server's fixed caps (QUERY_LIMITS in server/src/contracts/sql-query.ts), said in the screen's note. */
const CAPS = { resultMiB: 16, rowsToRead: '1 G', memoryGiB: 1 };

/** The ClickHouse error code the server attached, when ClickHouse answered the error. */
function clickhouseCode(error: unknown): number | null {
  if (!isApiError(error)) return null;
  const code = (error.details as { clickhouseCode?: unknown } | undefined)?.clickhouseCode;
  return typeof code === 'number' ? code : null;
}

export function QueryBox() {
  const [sql, setSql] = useState(
    "SELECT database, name, total_rows FROM system.tables WHERE database NOT IN ('system', 'INFORMATION_SCHEMA', 'information_schema')",
  );
  const [maxRows, setMaxRows] = useState<number>(1000);
  const [timeoutSeconds, setTimeoutSeconds] = useState<number>(30);
  const [recent, setRecent] = useState<string[]>(loadRecent);
  const run = useRunQuery();
  const ids = { sql: useId(), rows: useId(), timeout: useId(), recent: useId() };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (sql.trim() === '' || run.isPending) return;
    const next = remember(recent, sql);
    setRecent(next);
    saveRecent(next);
    run.mutate({ sql, maxRows, timeoutSeconds });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
  };
  const code = clickhouseCode(run.error);

  return (
    <Section
      title="Query"
      note={`Read-only: ClickHouse runs it with readonly=1, at most ${maxRows} rows / ${CAPS.resultMiB} MiB of result, ${timeoutSeconds} s, ${CAPS.rowsToRead} rows read, ${CAPS.memoryGiB} GiB of memory.`}
    >
      <form className="form-grid" onSubmit={submit} aria-label="Query ClickHouse">
        <div className="field">
          <label htmlFor={ids.sql}>
            SQL <span className="field-hint">(one SELECT, WITH, SHOW, DESCRIBE, EXPLAIN or EXISTS; Ctrl+Enter runs it)</span>
          </label>
          <textarea
            id={ids.sql}
            className="query-text"
            value={sql}
            rows={5}
            spellCheck={false}
            onChange={(e) => setSql(e.target.value)}
            onKeyDown={onKeyDown}
          />
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={run.isPending || sql.trim() === ''} aria-busy={run.isPending}>
            {run.isPending && <span className="spinner" aria-hidden="true" />}
            Run query
          </button>
          <div className="field field-inline">
            <label htmlFor={ids.rows} className="field-hint">
              Rows
            </label>
            <select id={ids.rows} value={maxRows} onChange={(e) => setMaxRows(Number(e.target.value))}>
              {ROW_CHOICES.map((n) => (
                <option key={n} value={n}>
                  {n.toLocaleString('en-US')}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-inline">
            <label htmlFor={ids.timeout} className="field-hint">
              Time limit
            </label>
            <select id={ids.timeout} value={timeoutSeconds} onChange={(e) => setTimeoutSeconds(Number(e.target.value))}>
              {TIMEOUT_CHOICES.map((n) => (
                <option key={n} value={n}>
                  {n} s
                </option>
              ))}
            </select>
          </div>
          {recent.length > 0 && (
            <div className="field field-inline">
              <label htmlFor={ids.recent} className="field-hint">
                Recent
              </label>
              <select id={ids.recent} value="" onChange={(e) => e.target.value && setSql(e.target.value)}>
                <option value="">{recent.length} in this browser…</option>
                {recent.map((q) => (
                  <option key={q} value={q}>
                    {queryLabel(q)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      </form>
      {run.error && (
        <div className="form-grid query-error">
          <InlineError error={run.error} />
          {code !== null && <p className="muted">ClickHouse error code {code}</p>}
        </div>
      )}
      {run.data && !run.isPending && <QueryResult result={run.data} />}
    </Section>
  );
}

function QueryResult({ result }: { result: SqlQueryResult }) {
  return (
    <div className="query-result" aria-label="Query result">
      <p className="muted" role="status" aria-label="Query statistics">
        {statisticsLine(result.rows.length, result.statistics)}
      </p>
      {result.truncated && (
        <p className="inline-error" role="alert" aria-label="Result truncated">
          Truncated: showing the first {result.rows.length.toLocaleString('en-US')} rows — the result went over the{' '}
          {result.truncatedBy === 'bytes' ? 'result-size' : 'row'} limit. Add a LIMIT or a WHERE to see the rest.
        </p>
      )}
      {result.columns.length > 0 && (
        <div className="table-wrap preview-wrap">
          <table className="data-table" aria-label="Query result rows">
            <thead>
              <tr>
                {result.columns.map((c, i) => (
                  <th key={`${c.name}-${i}`} scope="col">
                    <span className="query-col-name">{c.name}</span>
                    <span className="query-col-type">{c.type}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((value, i) => {
                    const cell = formatCell(value);
                    return (
                      <td
                        key={i}
                        className={`mono cell${cell.isNull ? ' muted' : ''}`}
                        title={cell.full === cell.text ? undefined : cell.full}
                      >
                        {cell.text}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details className="query-settings">
        <summary className="muted">Settings it ran with</summary>
        <code className="mono">
          {Object.entries(result.settings)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}
        </code>
      </details>
    </div>
  );
}
