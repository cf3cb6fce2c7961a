import type { SubjectSummary } from '@pipeline-panel/server/contracts';

interface Props {
  subjects: SubjectSummary[];
  current: string | null;
  onPick: (subject: string) => void;
}

export function SubjectList({ subjects, current, onPick }: Props) {
  return (
    <ul className="pick-list" aria-label="Subjects">
      {subjects.map((s) => (
        <li key={s.subject}>
          <button type="button" aria-current={s.subject === current ? 'true' : undefined} onClick={() => onPick(s.subject)}>
            <span className="pick-name">{s.subject}</span>
            <span className="pick-meta">
              {s.versions.length === 1 ? '1 version' : `${s.versions.length} versions`} · v{s.latestVersion}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
