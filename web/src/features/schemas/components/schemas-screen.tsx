import { useState } from 'react';
import { DataAge } from '../../../components/data-age.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageHeader, Placeholder, Section } from '../../../components/page.tsx';
import { useSubjects } from '../api/list-subjects.ts';
import { RegisterForm } from './register-form.tsx';
import { SubjectDetailView } from './subject-detail.tsx';
import { SubjectList } from './subject-list.tsx';
import './schemas.css';

type Selection = { kind: 'subject'; subject: string } | { kind: 'new' } | null;

export function SchemasScreen() {
  const subjects = useSubjects();
  const [selection, setSelection] = useState<Selection>(null);
  const list = subjects.data?.subjects ?? [];
  // Until the user picks, show the first subject; with none, offer the form for a first one.
  const effective: Selection =
    selection ?? (list[0] ? { kind: 'subject', subject: list[0].subject } : subjects.isSuccess ? { kind: 'new' } : null);

  return (
    <div className="page schemas-screen">
      <PageHeader
        title="Schemas"
        sub="Subjects in the Schema Registry: view versions, check a change against the registry, register it, set compatibility."
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setSelection({ kind: 'new' })} disabled={!subjects.isSuccess}>
            New subject
          </button>
        }
      />
      {subjects.isError && <ErrorNotice error={subjects.error} doing="read the subjects" onRetry={() => void subjects.refetch()} />}
      {(subjects.isPending || subjects.isSuccess) && (
        <div className="split">
          <Section
            title="Subjects"
            note={
              subjects.isSuccess ? (
                <>
                  {list.length} in the registry · <DataAge fetchedAt={subjects.data.fetchedAt} />
                </>
              ) : undefined
            }
          >
            {subjects.isPending ? (
              <Placeholder>Reading subjects from the Schema Registry…</Placeholder>
            ) : list.length === 0 ? (
              <Placeholder>No subjects yet. Register a first schema with the form.</Placeholder>
            ) : (
              <SubjectList
                subjects={list}
                current={effective?.kind === 'subject' ? effective.subject : null}
                onPick={(subject) => setSelection({ kind: 'subject', subject })}
              />
            )}
          </Section>
          <div className="schemas-detail">
            {effective?.kind === 'subject' && <SubjectDetailView key={effective.subject} subject={effective.subject} />}
            {effective?.kind === 'new' && (
              <Section title="Register a new subject" note="Subject names usually follow <topic>-value or <topic>-key.">
                <RegisterForm subject={null} latest={null} onRegistered={(subject) => setSelection({ kind: 'subject', subject })} />
              </Section>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
