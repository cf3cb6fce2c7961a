import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ModalDialog } from './modal-dialog.tsx';

interface Props {
  /** The name the user must type; null closes the dialog. */
  name: string | null;
  title: string;
  actionLabel: string;
  busy?: boolean;
  children?: ReactNode;
  onCancel: () => void;
  onConfirm: (name: string) => void;
}

/** A destructive action confirmed by typing the exact name of what goes away; the button stays disabled until it matches. */
export function ConfirmByNameDialog({ name, title, actionLabel, busy = false, children, onCancel, onConfirm }: Props) {
  // What was typed belongs to one name: opening the dialog for another starts empty.
  const [entry, setEntry] = useState({ for: name, typed: '' });
  const typed = entry.for === name ? entry.typed : '';
  const setTyped = (value: string) => setEntry({ for: name, typed: value });
  const inputId = useId();
  const matches = name !== null && typed === name;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (matches && !busy) onConfirm(name);
  };

  return (
    <ModalDialog open={name !== null} title={title} onClose={onCancel}>
      <form className="modal-body" onSubmit={submit}>
        {children}
        <label className="field" htmlFor={inputId}>
          <span>
            Type <code>{name}</code> to confirm
          </span>
          <input id={inputId} autoComplete="off" spellCheck={false} autoFocus value={typed} onChange={(e) => setTyped(e.target.value)} />
        </label>
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={!matches || busy} aria-busy={busy}>
            {busy && <span className="spinner" aria-hidden="true" />}
            {actionLabel}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
