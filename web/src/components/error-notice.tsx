import { Notice } from './notice.tsx';
import { RichText } from './rich-text.tsx';
import { explainError } from './explain-error.ts';

interface Props {
  error: unknown;
  /** What the screen was doing, e.g. "read the subjects". */
  doing: string;
  onRetry?: () => void;
}

/** A failed query as a notice: which service, what it said, and the commands to run about it. */
export function ErrorNotice({ error, doing, onRetry }: Props) {
  const explained = explainError(error);
  return (
    <Notice
      tone="bad"
      title={explained.title}
      action={
        onRetry && (
          <button type="button" className="btn" onClick={onRetry}>
            Try again
          </button>
        )
      }
    >
      <p>
        The panel could not {doing}: <RichText text={explained.message} /> <code className="code-tag">{explained.code}</code>
      </p>
      {explained.hint && <p>{explained.hint}</p>}
      {explained.commands.length > 0 && (
        <p className="command-list">
          {explained.commands.map((command, i) => (
            <span key={command}>
              {i > 0 && <span className="muted"> · </span>}
              <code>{command}</code>
            </span>
          ))}
        </p>
      )}
    </Notice>
  );
}

/** A rejected mutation next to the control that caused it: the server's message, and for a down service the command. */
export function InlineError({ error }: { error: unknown }) {
  const explained = explainError(error);
  return (
    <div className="inline-error" role="alert">
      <strong>{explained.kind === 'rejected' ? 'Refused' : explained.title}:</strong> <RichText text={explained.message} />{' '}
      <code className="code-tag">{explained.code}</code>
      {explained.commands.length > 0 && (
        <div className="muted">
          Try <code>{explained.commands[0]}</code>
        </div>
      )}
    </div>
  );
}
