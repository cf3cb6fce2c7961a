import { useId, useState } from 'react';
import { ChangeList } from '../../../components/schema-changes.tsx';
import { changesSummary } from '../../../components/schema-changes.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { Placeholder, Section } from '../../../components/page.tsx';
import { useVersionDiff } from '../api/diff.ts';
import { defaultComparison, newestFirst } from '../model/schema-draft.ts';

/** What changed between two versions of a subject, each change judged under the subject's level. */
export function VersionDiff({ subject, versions, level }: { subject: string; versions: number[]; level: string }) {
  const initial = defaultComparison(versions);
  const [from, setFrom] = useState<number | null>(initial.from);
  const [to, setTo] = useState<number | null>(initial.to);
  const [sideBySide, setSideBySide] = useState(false);
  const diff = useVersionDiff(subject, from, to);
  const ids = { from: useId(), to: useId() };
  const choices = newestFirst(versions);

  if (versions.length < 2)
    return (
      <Section title="Compare versions">
        <Placeholder>{subject} has one version: nothing to compare yet.</Placeholder>
      </Section>
    );
  return (
    <Section
      title="Compare versions"
      note={diff.data ? changesSummary(diff.data.changes, diff.data.compatibility.level) : `judged under ${level}`}
    >
      <div className="schema-toolbar">
        <div className="field field-inline">
          <label htmlFor={ids.from}>From</label>
          <select id={ids.from} value={from ?? ''} onChange={(e) => setFrom(Number(e.target.value))}>
            {choices.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor={ids.to}>To</label>
          <select id={ids.to} value={to ?? ''} onChange={(e) => setTo(Number(e.target.value))}>
            {choices.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
        </div>
        <label className="field-inline">
          <input type="checkbox" checked={sideBySide} onChange={(e) => setSideBySide(e.target.checked)} /> Side by side
        </label>
      </div>
      {diff.isPending && (
        <Placeholder>
          Comparing v{from} with v{to}…
        </Placeholder>
      )}
      {diff.isError && (
        <ErrorNotice error={diff.error} doing={`compare v${from} and v${to} of ${subject}`} onRetry={() => void diff.refetch()} />
      )}
      {diff.data && (
        <div className="form-grid">
          <ChangeList changes={diff.data.changes} label={`Changes from v${from} to v${to}`} />
          {sideBySide && (
            <div className="side-by-side">
              <pre className="code-block" aria-label={`Schema v${from}`}>
                {diff.data.from.schema}
              </pre>
              <pre className="code-block" aria-label={`Schema v${to}`}>
                {diff.data.to.schema}
              </pre>
            </div>
          )}
        </div>
      )}
    </Section>
  );
}
