import type { Preflight } from '@pipeline-panel/server/contracts';
import { RichText } from '../../../components/rich-text.tsx';

const CHECK_LABEL: Record<string, string> = {
  'plugin-installed': 'Plugin installed',
  'table-exists': 'Target table exists',
  'converter-set': 'Converter set',
  'registry-url-set': 'Registry URL set',
  'keys-valid': 'Config keys valid',
};

export function PreflightChecks({ preflight }: { preflight: Preflight }) {
  const failed = preflight.checks.filter((c) => !c.ok).length;
  return (
    <div className="preflight" role="status" aria-label="Preflight checks">
      <p className={preflight.ok ? 'preflight-ok' : 'preflight-bad'}>
        <strong>{preflight.ok ? 'Preflight passed' : `Preflight failed: ${failed} of ${preflight.checks.length} checks`}</strong>
      </p>
      <ul className="checklist">
        {preflight.checks.map((check) => (
          <li key={check.id} className={check.ok ? 'tone-ok' : 'tone-bad'}>
            <span className="check-mark" aria-label={check.ok ? 'ok' : 'failed'}>
              {check.ok ? '✓' : '✗'}
            </span>
            <span>
              <strong>{CHECK_LABEL[check.id] ?? check.id}</strong> — <RichText text={check.message} />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
