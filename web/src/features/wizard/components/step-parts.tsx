import type { ReactNode } from 'react';
import { InlineError } from '../../../components/error-notice.tsx';

/** Back / primary action row at the bottom of a step. */
export function StepActions({ onBack, children }: { onBack?: () => void; children: ReactNode }) {
  return (
    <div className="actions wizard-actions">
      {onBack && (
        <button type="button" className="btn" onClick={onBack}>
          Back
        </button>
      )}
      {children}
    </div>
  );
}

export function BusyButton({
  busy,
  disabled,
  onClick,
  children,
  primary = false,
}: {
  busy: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
  primary?: boolean;
}) {
  return (
    <button type="button" className={`btn${primary ? ' btn-primary' : ''}`} disabled={busy || disabled} aria-busy={busy} onClick={onClick}>
      {busy && <span className="spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}

/** A server refusal of this step, with its code. */
export function StepError({ error, label }: { error: unknown; label: string }) {
  if (!error) return null;
  return (
    <div className="wizard-step-error" aria-label={label}>
      <InlineError error={error} />
    </div>
  );
}

export function StepOk({ children, label }: { children: ReactNode; label: string }) {
  return (
    <div className="inline-ok" role="status" aria-label={label}>
      {children}
    </div>
  );
}

export function Notes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="wizard-notes" aria-label="Notes">
      {notes.map((n, i) => (
        <li key={i}>{n}</li>
      ))}
    </ul>
  );
}
