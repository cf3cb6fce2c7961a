import type { CompatibilityVerdict } from '@pipeline-panel/server/contracts';
import { IncompatibilityList } from '../../../components/schema-changes.tsx';
import { describeVerdict } from '../model/schema-draft.ts';

/** The registry's verdict on a draft, with every incompatibility, from the registry or the panel's own check. */
export function VerdictBox({ verdict, latestVersion }: { verdict: CompatibilityVerdict; latestVersion: number | null }) {
  const look = describeVerdict(verdict, latestVersion);
  return (
    <div className={`verdict verdict-${look.tone}`} role="status" aria-label="Compatibility verdict">
      <p className="verdict-headline">{look.headline}</p>
      {verdict.disagreement && (
        <p className="verdict-note">
          The panel's own check and the registry disagree. The registry's verdict decides registration; the panel checks as Avro's
          SchemaCompatibility (Confluent Schema Registry) does.
        </p>
      )}
      <IncompatibilityList items={verdict.incompatibilities} />
    </div>
  );
}
