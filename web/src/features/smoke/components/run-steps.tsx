import type { SmokeRunReport, SmokeStep } from '@pipeline-panel/server/contracts';
import { DataTable } from '../../../components/data-table.tsx';
import { deliveryStuck, formatMs, runLook, stepLook } from '../model/smoke-run.ts';
import { StuckDelivery } from './stuck-delivery.tsx';

const MISMATCH_COLUMNS = [{ title: 'Record' }, { title: 'Field' }, { title: 'Expected' }, { title: 'Actual' }];

function StepItem({ step }: { step: SmokeStep }) {
  const look = stepLook(step.status);
  const stuck = deliveryStuck(step.failure);
  return (
    <li
      className={`smoke-step tone-${look.tone}`}
      data-step={step.name}
      data-status={step.status}
      aria-label={`${step.title}: ${look.label}`}
    >
      <span className={`smoke-step-icon${step.status === 'running' ? ' is-running' : ''}`} aria-hidden="true">
        {look.icon}
      </span>
      <div className="smoke-step-body">
        <div className="smoke-step-head">
          <span className="smoke-step-title">{step.title}</span>
          <span className="smoke-step-status">{look.label}</span>
          {step.durationMs !== null && <span className="smoke-step-time muted">{formatMs(step.durationMs)}</span>}
        </div>
        {step.detail && <p className="smoke-step-detail">{step.detail}</p>}
        {stuck && step.failure && <StuckDelivery failure={step.failure} stuck={stuck} />}
        {step.failure && !stuck && (
          <div className="smoke-failure" role="alert">
            <p>
              <strong>{step.failure.service}:</strong> <span className="smoke-failure-message">{step.failure.message}</span>
            </p>
            <p>
              <strong>Fix:</strong> <span className="smoke-failure-fix">{step.failure.fix}</span>
            </p>
          </div>
        )}
      </div>
    </li>
  );
}

/** A run's steps as a checklist that fills in live, with timings, the failure (service + fix) and the mismatches. */
export function RunSteps({ report }: { report: SmokeRunReport }) {
  const look = runLook(report.status);
  return (
    <div className="smoke-run" data-run={report.runId} data-run-status={report.status}>
      <p className="smoke-run-head">
        <span className={`badge tone-${look.tone}`} data-testid="run-status">
          {look.label}
        </span>
        <span className="mono">{report.runId}</span>
        <span className="muted">
          {report.records.toLocaleString('en')} records → {report.table}
          {report.durationMs !== null && ` · ${formatMs(report.durationMs)}`}
        </span>
      </p>
      <ol className="smoke-steps" aria-label="Smoke test steps">
        {report.steps.map((step) => (
          <StepItem key={step.name} step={step} />
        ))}
      </ol>
      {/* A failed or cancelled step carries its own message; only a run that ended outside any step needs this line. */}
      {report.status !== 'running' && report.status !== 'passed' && report.failedStep === null && (
        <p className="smoke-run-message">{report.message}</p>
      )}
      {report.mismatches.length > 0 && (
        <DataTable label="First value mismatches" columns={MISMATCH_COLUMNS}>
          {report.mismatches.map((m, i) => (
            <tr key={i}>
              <td className="mono">{m.record}</td>
              <td className="mono">{m.field}</td>
              <td className="mono wrap">{JSON.stringify(m.expected)}</td>
              <td className="mono wrap">{JSON.stringify(m.actual)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
