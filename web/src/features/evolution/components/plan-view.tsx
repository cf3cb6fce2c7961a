import type { ReactNode } from 'react';
import type { EvolutionPlan } from '@pipeline-panel/server/contracts';
import { ChangeList, IncompatibilityList } from '../../../components/schema-changes.tsx';
import { changesSummary } from '../../../components/schema-changes.ts';
import { Section } from '../../../components/page.tsx';
import { otherBlockers, planHeadline } from '../model/plan-view.ts';

/** The whole plan, in the order it runs, before anything is applied. */
export function PlanView({ plan, children }: { plan: EvolutionPlan; children: ReactNode }) {
  const compatible = plan.compatibility.compatible;
  return (
    <Section title="Plan" note={`${plan.pipeline}: ${plan.subject} → ${plan.table}`} className="evolution-plan">
      <div className="form-grid">
        <p className={plan.canApply ? 'inline-ok' : 'inline-error'} role="status" aria-label="Plan verdict">
          <strong>{planHeadline(plan)}</strong>
        </p>
        {otherBlockers(plan).length > 0 && (
          <ul className="plan-list" aria-label="Blockers">
            {otherBlockers(plan).map((b, i) => (
              <li key={i}>{b}</li>
            ))}
          </ul>
        )}

        <h3>
          Changes from {plan.current.version !== null ? `v${plan.current.version}` : `the repo file`}{' '}
          <span className="muted">({changesSummary(plan.changes, plan.compatibility.level)})</span>
        </h3>
        <ChangeList changes={plan.changes} label="Schema changes" />

        {plan.refusals.length > 0 && (
          <>
            <h3>Refused: the sink could not write these</h3>
            <ul className="plan-list" aria-label="Refusals">
              {plan.refusals.map((r, i) => (
                <li key={i}>
                  <div>{r.reason}</div>
                  <div className="muted">Instead: {r.migration.note}</div>
                  {r.migration.statements.length > 0 && (
                    <pre className="code-block wrap-lines" aria-label={`Suggested migration for ${r.field ?? r.column}`}>
                      {r.migration.statements.join('\n')}
                    </pre>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}

        <h3>Table {plan.table}</h3>
        {plan.additions.length === 0 ? (
          <p className="muted">No column to add.</p>
        ) : (
          <ul className="plan-list" aria-label="Columns to add">
            {plan.additions.map((a) => (
              <li key={a.column}>
                <code className="mono">{a.statement}</code>
                <div className="muted">{a.note}</div>
              </li>
            ))}
          </ul>
        )}
        {plan.kept.length > 0 && (
          <ul className="plan-list" aria-label="Columns kept">
            {plan.kept.map((k) => (
              <li key={k.column}>
                <code className="mono">
                  {k.column} {k.type}
                </code>{' '}
                — kept: {k.note}
              </li>
            ))}
          </ul>
        )}
        {plan.warnings.length > 0 && (
          <ul className="plan-list" aria-label="Warnings">
            {plan.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        )}

        <h3>
          Compatibility under {plan.compatibility.level}:{' '}
          <span className={`pill tone-${compatible === false ? 'bad' : 'ok'}`}>
            {compatible === null ? 'new subject' : compatible ? 'compatible' : 'incompatible'}
          </span>
        </h3>
        <IncompatibilityList items={plan.compatibility.incompatibilities} />

        <h3>Files</h3>
        <ul className="plan-list" aria-label="Files">
          {plan.files.map((f) => (
            <li key={f.path}>
              <details>
                <summary>
                  <code>{f.path}</code> <span className="muted">({f.action})</span>
                </summary>
                <pre className="code-block">{f.content}</pre>
              </details>
            </li>
          ))}
        </ul>

        <h3>Steps</h3>
        <ol className="plan-steps" aria-label="Planned steps">
          {plan.steps.map((s) => (
            <li key={s.name} data-step={s.name}>
              <strong>{s.title}</strong> <span className="muted">— {s.detail}</span>
            </li>
          ))}
        </ol>
        {children}
      </div>
    </Section>
  );
}
