import type { ResetPlan } from '@pipeline-panel/server/contracts';
import { plural } from '../../../components/format-numbers.ts';

/** Exactly what a reset deletes, what it keeps and what it brings back, as the server computed it. */
export function ResetPlanView({ plan }: { plan: ResetPlan }) {
  return (
    <div className="reset-plan">
      <div className="reset-plan-col">
        <h3>{plural(plan.volumes.length, 'volume')} deleted, with all their data</h3>
        {plan.volumes.length === 0 ? (
          <p className="muted">The project has no named volumes to delete.</p>
        ) : (
          <ul aria-label="Volumes to delete" className="reset-list">
            {plan.volumes.map((v) => (
              <li key={v.name}>
                <code>{v.name}</code>
                {v.usedBy.length > 0 && <span className="muted"> · mounted by {v.usedBy.join(', ')}</span>}
              </li>
            ))}
          </ul>
        )}
        <h3>{plural(plan.containers.length, 'container')} stopped and removed</h3>
        {plan.containers.length === 0 ? (
          <p className="muted">No containers of the project exist right now.</p>
        ) : (
          <ul aria-label="Containers to remove" className="reset-list">
            {plan.containers.map((c) => (
              <li key={c.id}>
                <code>{c.name}</code>{' '}
                <span className="muted">
                  · {c.service} · {c.state}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="reset-plan-col">
        <h3>Kept</h3>
        {plan.excluded.length === 0 ? (
          <p className="muted">
            {plan.panel.insideProject ? 'Nothing else.' : 'The panel runs outside the project, so nothing of it is affected.'}
          </p>
        ) : (
          <ul aria-label="Kept" className="reset-list">
            {plan.excluded.map((e) => (
              <li key={`${e.kind}:${e.name}`}>
                <code>{e.name}</code>{' '}
                <span className="muted">
                  · {e.kind}: {e.reason}
                </span>
              </li>
            ))}
          </ul>
        )}
        <h3>Then brought back and bootstrapped</h3>
        <ul className="reset-list">
          <li>
            <code>docker compose up -d --wait {plan.services.join(' ')}</code>
          </li>
          <li>
            sql/:{' '}
            {plan.bootstrap.sql.length === 0 ? (
              <span className="muted">no files</span>
            ) : (
              plan.bootstrap.sql.map((f) => <code key={f}>{f}</code>)
            )}
          </li>
          <li>
            schemas:{' '}
            {plan.bootstrap.schemas.length === 0 ? (
              <span className="muted">no .avsc files</span>
            ) : (
              plan.bootstrap.schemas.map((s) => (
                <code key={s.file}>
                  {s.file} → {s.subject}
                </code>
              ))
            )}
          </li>
          <li>
            connectors:{' '}
            {plan.bootstrap.connectors.length === 0 ? (
              <span className="muted">no .json files</span>
            ) : (
              plan.bootstrap.connectors.map((f) => <code key={f}>{f}</code>)
            )}
          </li>
        </ul>
        <p className="muted">
          Only containers and volumes labelled com.docker.compose.project={plan.project} are touched; nothing is matched by name.
        </p>
      </div>
    </div>
  );
}
