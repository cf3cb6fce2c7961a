import type { CompatibilityVerdict } from '@pipeline-panel/server/contracts';
import { describeVerdict } from '../model/schema-draft.ts';

/** The registry's verdict on a draft, with its own messages. */
export function VerdictBox({ verdict, latestVersion }: { verdict: CompatibilityVerdict; latestVersion: number | null }) {
  const look = describeVerdict(verdict, latestVersion);
  return (
    <div className={`verdict verdict-${look.tone}`} role="status" aria-label="Compatibility verdict">
      <p className="verdict-headline">{look.headline}</p>
      {verdict.messages.length > 0 && (
        <ul className="verdict-messages">
          {verdict.messages.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
