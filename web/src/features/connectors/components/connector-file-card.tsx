import { useId } from 'react';
import type { ConnectorFile, Preflight } from '@pipeline-panel/server/contracts';
import { InlineError } from '../../../components/error-notice.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useDeploy } from '../api/deploy-connector-file.ts';
import { usePreflight } from '../api/preflight-connector-file.ts';
import { deployLabel, describeDeploy, fileStatus } from '../model/config-diff.ts';
import { shortClass } from '../model/connector-look.ts';
import { DiffTable } from './diff-table.tsx';
import { PreflightChecks } from './preflight-checks.tsx';

/** A refused deploy (422 PREFLIGHT_FAILED) carries the failed checks; show them like a preflight. */
function preflightOf(error: unknown): Preflight | null {
  if (!isApiError(error) || error.code !== 'PREFLIGHT_FAILED') return null;
  const details = error.details as Partial<Preflight> | undefined;
  return details && Array.isArray(details.checks) ? { ok: false, checks: details.checks } : null;
}

export function ConnectorFileCard({ file }: { file: ConnectorFile }) {
  const preflight = usePreflight(file.file);
  const deploy = useDeploy(file.file);
  const titleId = useId();
  const status = fileStatus(file);
  const refused = preflightOf(deploy.error);
  const checks = refused ?? (deploy.isSuccess ? deploy.data.preflight : preflight.data);

  return (
    <article className="file-card" aria-labelledby={titleId}>
      <header className="connector-head">
        <div className="title-row">
          <h3 id={titleId} className="mono">
            {file.file}
          </h3>
          <span className={`pill tone-${status.tone}`}>{status.label}</span>
        </div>
        {!file.error && (
          <div className="actions">
            <button
              type="button"
              className="btn btn-small"
              disabled={preflight.isPending}
              aria-busy={preflight.isPending}
              aria-label={`Preflight ${file.file}`}
              onClick={() => {
                deploy.reset();
                preflight.mutate();
              }}
            >
              {preflight.isPending && <span className="spinner" aria-hidden="true" />}
              Preflight
            </button>
            <button
              type="button"
              className="btn btn-small btn-primary"
              disabled={deploy.isPending}
              aria-busy={deploy.isPending}
              aria-label={`${deployLabel(file)} ${file.file}`}
              onClick={() => {
                preflight.reset();
                deploy.mutate();
              }}
            >
              {deploy.isPending && <span className="spinner" aria-hidden="true" />}
              {deployLabel(file)}
            </button>
          </div>
        )}
      </header>
      {file.error ? (
        <p className="field-error">{file.error}</p>
      ) : (
        <p className="muted file-sub">
          connector <span className="mono">{file.name}</span> · <span className="mono" title={file.connectorClass}>{shortClass(file.connectorClass)}</span>
        </p>
      )}
      {file.diff.length > 0 && !deploy.isSuccess && (
        <DiffTable
          diff={file.diff}
          collapsed={!file.deployed}
          caption={file.deployed ? `What deploying changes on ${file.name}` : `What deploying creates: ${file.name} does not exist on the worker`}
        />
      )}
      {checks && <PreflightChecks preflight={checks} />}
      {preflight.isError && <InlineError error={preflight.error} />}
      {deploy.isError && !refused && <InlineError error={deploy.error} />}
      {refused && (
        <p className="inline-error" role="alert">
          <strong>Not deployed:</strong> {deploy.error?.message}
        </p>
      )}
      {deploy.isSuccess && (
        <p className="inline-ok" role="status">
          <strong>{deploy.data.created || deploy.data.changed ? 'Deployed:' : 'Nothing to do:'}</strong> {describeDeploy(deploy.data)}
        </p>
      )}
    </article>
  );
}
