import { useEffect } from 'react';
import type { PlanFile, PlanItem } from '@pipeline-panel/server/contracts';
import { useWizardCall } from '../api/wizard-api.ts';
import type { WizardStore } from '../model/draft-store.ts';
import { lineDiff, pipelineInput, toggleOverwrite } from '../model/wizard-draft.ts';
import { BusyButton, StepActions, StepError } from './step-parts.tsx';

const TONE: Record<string, string> = {
  create: 'ok',
  register: 'ok',
  update: 'warn',
  overwrite: 'warn',
  differs: 'bad',
  incompatible: 'bad',
  'missing-plugin': 'bad',
  unknown: 'warn',
};

function ActionBadge({ action }: { action: string }) {
  return <span className={`badge tone-${TONE[action] ?? 'idle'}`}>{action}</span>;
}

function FileDiff({ file }: { file: PlanFile }) {
  if (file.existing === null) return null;
  return (
    <pre className="code-block wizard-diff" aria-label={`Diff of ${file.path}`}>
      {lineDiff(file.existing, file.content).map((l, i) => (
        <div key={i} className={l.sign === '+' ? 'diff-add' : l.sign === '-' ? 'diff-del' : undefined}>
          {l.sign} {l.text}
        </div>
      ))}
    </pre>
  );
}

export function StepReview({ store }: { store: WizardStore }) {
  const { draft, setDraft, goTo, setOperation } = store;
  const plan = useWizardCall('plan');
  const apply = useWizardCall('apply');
  const input = pipelineInput(draft);
  const key = JSON.stringify(input);
  const { mutate } = plan;
  useEffect(() => {
    mutate(JSON.parse(key));
  }, [key, mutate]);

  const overwriteBox = (overwriteKey: string) => (
    <label className="check-inline">
      <input
        type="checkbox"
        checked={draft.overwrite.includes(overwriteKey)}
        onChange={(e) => setDraft((d) => toggleOverwrite(d, overwriteKey, e.target.checked))}
      />{' '}
      overwrite {overwriteKey}
    </label>
  );
  const p = plan.data;

  return (
    <div className="form-grid" aria-label="Review step">
      <p className="muted">Nothing has been applied yet. This is exactly what Apply will create or change.</p>
      <StepError error={plan.error} label="Plan error" />
      {plan.isPending && !p && <p className="placeholder">Planning…</p>}
      {p && (
        <>
          <table className="data-table" aria-label="Plan">
            <thead>
              <tr>
                <th>Object</th>
                <th>Target</th>
                <th>Action</th>
                <th>Detail</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((item: PlanItem) => (
                <tr key={item.kind} data-kind={item.kind}>
                  <td>{item.kind}</td>
                  <td className="mono">{item.target}</td>
                  <td>
                    <ActionBadge action={item.action} />
                  </td>
                  <td className="wrap">
                    {item.detail}
                    {item.diff && item.diff.length > 0 && (
                      <ul>
                        {item.diff.map((d) => (
                          <li key={d.key}>
                            <code>{d.key}</code>: {d.deployed ?? '(unset)'} → {d.file ?? '(unset)'}
                          </li>
                        ))}
                      </ul>
                    )}
                    {item.overwriteKey && overwriteBox(item.overwriteKey)}
                    {item.kind === 'connector' && (item.action === 'missing-plugin' || draft.skipConnectorDeploy) && (
                      <label className="check-inline">
                        <input
                          type="checkbox"
                          checked={draft.skipConnectorDeploy}
                          onChange={(e) => setDraft((d) => ({ ...d, skipConnectorDeploy: e.target.checked }))}
                        />{' '}
                        Skip the connector: apply the topic, schema, table and files now, deploy the connector later
                      </label>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Files written to the repo</h3>
          <ul className="wizard-files" aria-label="Files">
            {p.files.map((file) => (
              <li key={file.path}>
                <ActionBadge action={file.action} /> <code>{file.path}</code> — {file.detail}
                {(file.action === 'differs' || file.action === 'overwrite') && overwriteBox(file.path)}
                <FileDiff file={file} />
                {file.existing === null && (
                  <details>
                    <summary>Content</summary>
                    <pre className="code-block">{file.content}</pre>
                  </details>
                )}
              </li>
            ))}
          </ul>
          {p.blockers.length > 0 && (
            <div className="inline-error" role="alert" aria-label="Plan blockers">
              <strong>Apply is refused:</strong>
              <ul>
                {p.blockers.map((b, i) => (
                  <li key={i}>{b}</li>
                ))}
              </ul>
            </div>
          )}
          {p.upToDate && (
            <p className="inline-ok" role="status">
              Everything is already in place: applying changes nothing.
            </p>
          )}
        </>
      )}
      <label className="check-inline">
        <input type="checkbox" checked={draft.runSmoke} onChange={(e) => setDraft((d) => ({ ...d, runSmoke: e.target.checked }))} /> Run the
        smoke test after a successful apply
      </label>
      <StepError error={apply.error} label="Apply error" />
      <StepActions onBack={() => goTo('connector')}>
        <BusyButton
          primary
          busy={apply.isPending}
          disabled={!p?.canApply || plan.isPending}
          onClick={() =>
            apply.mutate(
              { ...input, smoke: draft.runSmoke },
              {
                onSuccess: (r) => {
                  setOperation(r.operationId);
                  goTo('apply');
                },
              },
            )
          }
        >
          Apply
        </BusyButton>
      </StepActions>
    </div>
  );
}
