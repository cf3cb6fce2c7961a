import type { SmokeRunSummary } from '@pipeline-panel/server/contracts';
import { DataTable } from '../../../components/data-table.tsx';
import { Placeholder } from '../../../components/page.tsx';
import { formatMs, runLook } from '../model/smoke-run.ts';

const COLUMNS = [
  { title: 'Run' },
  { title: 'Pipeline' },
  { title: 'Result' },
  { title: 'Records', className: 'num' },
  { title: 'Took', className: 'num' },
  { title: 'Started' },
];

/** Recent runs (the panel keeps them in memory), newest first; picking one shows its report. */
export function RunHistory({
  runs,
  selected,
  onSelect,
}: {
  runs: SmokeRunSummary[];
  selected: string | null;
  onSelect(runId: string): void;
}) {
  if (runs.length === 0) return <Placeholder>No smoke runs yet since the panel started.</Placeholder>;
  return (
    <DataTable label="Recent smoke runs" className="smoke-history" columns={COLUMNS}>
      {runs.map((run) => {
        const look = runLook(run.status);
        return (
          <tr key={run.runId} aria-selected={run.runId === selected} data-run={run.runId}>
            <td className="mono">
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => onSelect(run.runId)}
                aria-label={`Show run ${run.runId}`}
              >
                {run.runId}
              </button>
            </td>
            <td className="mono">{run.pipeline}</td>
            <td>
              <span className={`badge tone-${look.tone}`}>{look.label}</span>
              {run.failedStep && <span className="muted"> at {run.failedStep}</span>}
            </td>
            <td className="num">{run.records.toLocaleString('en')}</td>
            <td className="num">{formatMs(run.durationMs)}</td>
            <td>{new Date(run.startedAt).toLocaleTimeString()}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}
