import type { SchemaRegistrationNeededDetails, SmokeRunReport } from '@pipeline-panel/server/contracts';
import { InlineError } from '../../../components/error-notice.tsx';
import { useStartSmokeRun } from '../api/smoke-runs.ts';
import { registerAndRunAgain, versionList } from '../model/smoke-run.ts';

/**
 * The schema step stopped because the subject's latest version is not the repo's schema file: says so plainly and
 * offers to register the file and run again. Nothing is registered without this click (or `register: true`).
 */
export function RegistrationOffer({
  report,
  needed,
  onStarted,
}: {
  report: SmokeRunReport;
  needed: SchemaRegistrationNeededDetails;
  onStarted(runId: string): void;
}) {
  const start = useStartSmokeRun();
  const { subject, latestVersion, latestId, versions } = needed;
  const file = `connectors/${subject}.avsc`;
  return (
    <section className="smoke-offer" aria-labelledby={`offer-${report.runId}`} data-offer="register">
      <h3 id={`offer-${report.runId}`}>The subject&apos;s latest version differs from the repo&apos;s schema file</h3>
      <p>
        <span className="mono">{subject}</span>&apos;s latest version is v{latestVersion}
        {latestId !== null && ` (schema id ${latestId})`}. The file <span className="mono">{file}</span> matches none of the subject&apos;s
        versions ({versionList(versions)}), so the run stopped before producing anything and registered nothing.
      </p>
      <p>
        Registering makes the file&apos;s schema the subject&apos;s latest version (a new version after v{latestVersion}): producers and
        consumers that ask for the latest get it from then on. The earlier versions stay, and the registry still refuses a schema that
        breaks the subject&apos;s compatibility level.
      </p>
      <p className="muted">
        To test with v{latestVersion} instead, make {file} equal to it (the Schemas screen shows it) and run again.
      </p>
      <div className="actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={start.isPending}
          aria-busy={start.isPending}
          onClick={() => start.mutate(registerAndRunAgain(report), { onSuccess: ({ runId }) => onStarted(runId) })}
        >
          {start.isPending ? 'Starting…' : "Register the file's schema and run again"}
        </button>
      </div>
      {start.isError && <InlineError error={start.error} />}
    </section>
  );
}
