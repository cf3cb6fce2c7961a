import { Section } from '../../../components/page.tsx';
import { useEvolutionStream } from '../api/evolution-api.ts';
import { STEP_TONE, stepBadge } from '../model/plan-view.ts';

/** The apply's steps as they happen; a failed run can be run again to finish (finished steps say so). */
export function ApplyProgress({ operationId, onRunAgain, busy }: { operationId: string; onRunAgain: () => void; busy: boolean }) {
  const { steps, final } = useEvolutionStream(operationId);
  const list = final?.steps ?? steps;
  const status = final?.status ?? 'running';
  return (
    <Section title="Apply" note={operationId}>
      <div className="form-grid">
        <p>
          <span className={`badge tone-${STEP_TONE[status] ?? 'idle'}`} aria-label="Apply status">
            {status}
          </span>
        </p>
        <ol className="evolution-progress" aria-label="Apply progress">
          {list.map((s) => (
            <li key={s.name} data-step={s.name} data-status={s.status}>
              <span className={`badge tone-${STEP_TONE[s.status] ?? 'idle'}`}>{stepBadge(s)}</span> <strong>{s.title}</strong>
              {s.durationMs !== null && <span className="muted"> · {s.durationMs} ms</span>}
              {s.detail && <div className="evolution-step-detail">{s.detail}</div>}
            </li>
          ))}
        </ol>
        {final && (
          <div className={final.status === 'succeeded' ? 'inline-ok' : 'inline-error'} role="status" aria-label="Apply result">
            {final.message}
            {final.smokeRunId && (
              <div>
                Smoke run <code>{final.smokeRunId}</code>: <a href="#/smoke">open the Smoke test screen</a>
              </div>
            )}
          </div>
        )}
        {final?.status === 'failed' && (
          <div className="actions">
            <button type="button" className="btn btn-primary" onClick={onRunAgain} disabled={busy} aria-busy={busy}>
              Run again to finish
            </button>
          </div>
        )}
      </div>
    </Section>
  );
}
