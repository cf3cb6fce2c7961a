import type { SchemaVersion } from '@pipeline-panel/server/contracts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { Placeholder } from '../../../components/page.tsx';
import { useSchemaVersion } from '../api/get-schema-version.ts';

/** One version's schema as pretty JSON; the latest comes with the subject, older ones are fetched on demand. */
export function SchemaView({ subject, version, latest }: { subject: string; version: number; latest: SchemaVersion }) {
  const older = useSchemaVersion(subject, version === latest.version ? null : version);
  const shown = version === latest.version ? latest : older.data;

  if (older.isError)
    return <ErrorNotice error={older.error} doing={`read version ${version} of ${subject}`} onRetry={() => void older.refetch()} />;
  if (!shown) return <Placeholder>Reading version {version}…</Placeholder>;
  return (
    <figure className="schema-figure">
      <figcaption className="muted">
        {shown.schemaType} · schema id {shown.id} · version {shown.version}
      </figcaption>
      <pre className="code-block" aria-label={`Schema of ${subject} version ${shown.version}`}>
        {shown.schema}
      </pre>
    </figure>
  );
}
