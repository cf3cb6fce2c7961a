import type { ResetReport, ResetStep } from '@pipeline-panel/server/contracts';
import { Notice } from '../../../components/notice.tsx';
import { RichText } from '../../../components/rich-text.tsx';
import { formatElapsed } from '../../../lib/format.ts';
import { useNow } from '../../../lib/use-now.ts';
import { stepElapsedMs, stepLook } from '../model/reset-report.ts';

function StepRow({ step, now }: { step: ResetStep; now: number }) {
  const look = stepLook(step.status);
  const elapsed = stepElapsedMs(step, now);
  return (
    <li className={`reset-step reset-step-${step.status}`} aria-label={step.title}>
      <div className="reset-step-head">
        <span className={`badge tone-${look.tone}`}>
          <span className="dot" aria-hidden="true" />
          {look.label}
        </span>
        <strong>{step.title}</strong>
        <span className="reset-step-time mono" aria-label="duration">
          {elapsed === null ? '' : formatElapsed(elapsed)}
        </span>
      </div>
      {step.detail && (
        <p className="reset-step-detail">
          <RichText text={step.detail} />
        </p>
      )}
      {step.items.length > 0 && (
        <ul className="reset-items">
          {step.items.map((item, i) => (
            <li key={`${item.name}-${i}`}>
              <code>{item.name}</code> <span className="muted">{item.outcome}</span> · {item.message}
            </li>
          ))}
        </ul>
      )}
      {step.lines.length > 0 && (
        <details className="reset-lines" open={step.status === 'running' || step.status === 'failed'}>
          <summary>docker compose output ({step.lines.length} lines)</summary>
          <pre className="code-block">{step.lines.join('\n')}</pre>
        </details>
      )}
    </li>
  );
}

/** The live step list of one reset: status, per-step time, what each step did; the failure with its fix. */
export function ResetProgress({ report, onRunAgain }: { report: ResetReport; onRunAgain: () => void }) {
  const now = useNow(500);
  const failed = report.status === 'failed' && report.failure;
  return (
    <div className="reset-progress">
      <p className="muted">
        Operation <code>{report.operationId}</code> started {new Date(report.startedAt).toLocaleTimeString()}
        {report.resumedFrom && (
          <>
            {' '}
            · resumes <code>{report.resumedFrom}</code>
          </>
        )}
      </p>
      <ol className="reset-steps" aria-label="Reset steps">
        {report.steps.map((step) => (
          <StepRow key={step.id} step={step} now={now} />
        ))}
      </ol>
      {failed && report.failure && (
        <Notice
          tone="bad"
          title={`Reset stopped: ${report.failure.service} failed`}
          action={
            <button type="button" className="btn btn-danger" onClick={onRunAgain}>
              Run again to finish
            </button>
          }
        >
          <p>
            <RichText text={report.failure.message} />
          </p>
          <p>
            <strong>Fix:</strong> <RichText text={report.failure.fix} />
          </p>
          <p>
            <strong>Done:</strong> {report.done.join(' · ') || 'nothing'}
          </p>
          <p>
            <strong>Left:</strong> {report.left.join(' · ')}
          </p>
        </Notice>
      )}
      {report.status === 'succeeded' && (
        <p className="inline-ok" role="status">
          <strong>Reset complete.</strong> Every step is done; the stack runs on fresh volumes with sql/, schemas and connectors applied
          again.
        </p>
      )}
    </div>
  );
}
