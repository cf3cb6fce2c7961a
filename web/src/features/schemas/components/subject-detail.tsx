import { useId, useState } from 'react';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { Placeholder, Section } from '../../../components/page.tsx';
import { useSubject } from '../api/get-subject.ts';
import { newestFirst } from '../model/schema-draft.ts';
import { CompatibilityControl } from './compatibility-control.tsx';
import { RegisterForm } from './register-form.tsx';
import { SchemaView } from './schema-view.tsx';
import { VersionDiff } from './version-diff.tsx';

export function SubjectDetailView({ subject }: { subject: string }) {
  const detail = useSubject(subject);
  const [version, setVersion] = useState<number | null>(null);
  const versionId = useId();

  if (detail.isPending) return <Placeholder>Reading {subject}…</Placeholder>;
  if (detail.isError) return <ErrorNotice error={detail.error} doing={`read subject ${subject}`} onRetry={() => void detail.refetch()} />;

  const { latest, versions, compatibility } = detail.data;
  const shown = version ?? latest.version;
  return (
    <>
      <Section
        title={subject}
        note={`${versions.length === 1 ? '1 version' : `${versions.length} versions`} · latest v${latest.version} (id ${latest.id})`}
      >
        <div className="schema-toolbar">
          <div className="field field-inline">
            <label htmlFor={versionId}>Version</label>
            <select id={versionId} value={shown} onChange={(e) => setVersion(Number(e.target.value))}>
              {newestFirst(versions).map((v) => (
                <option key={v} value={v}>
                  v{v}
                  {v === latest.version ? ' (latest)' : ''}
                </option>
              ))}
            </select>
          </div>
          <CompatibilityControl subject={subject} effective={compatibility} />
        </div>
        <SchemaView subject={subject} version={shown} latest={latest} />
      </Section>
      <VersionDiff key={versions.join(',')} subject={subject} versions={versions} level={compatibility.level} />
      <Section title="Register a new version" note={`Checked against v${latest.version} before anything is registered.`}>
        <RegisterForm subject={subject} latest={latest} />
      </Section>
    </>
  );
}
