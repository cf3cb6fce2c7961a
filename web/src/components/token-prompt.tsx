import { createContext, useCallback, useContext, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { saveToken } from '../lib/token-store.ts';
import { ModalDialog } from './modal-dialog.tsx';

type RequestToken = (reason?: string) => Promise<boolean>;

const TokenPromptContext = createContext<RequestToken | null>(null);

/** Asks for the panel token once per tab, when a mutation needs it; resolves false when the user cancels. */
export function TokenPromptProvider({ children }: { children: ReactNode }) {
  const [reason, setReason] = useState<string | null>(null);
  const [value, setValue] = useState('');
  const resolver = useRef<((ok: boolean) => void) | null>(null);

  const requestToken = useCallback<RequestToken>((why) => {
    resolver.current?.(false);
    setValue('');
    setReason(why ?? 'This panel is protected by a token. Enter it to change containers.');
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve;
    });
  }, []);

  const finish = (ok: boolean) => {
    resolver.current?.(ok);
    resolver.current = null;
    setReason(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const token = value.trim();
    if (!token) return;
    saveToken(token);
    finish(true);
  };

  return (
    <TokenPromptContext.Provider value={requestToken}>
      {children}
      <ModalDialog open={reason !== null} title="Panel token" onClose={() => finish(false)}>
        <form onSubmit={submit} className="modal-body">
          <p>{reason}</p>
          <p className="muted">
            It is the value of <code>PANEL_TOKEN</code> in your <code>.env</code>; it is kept for this tab only.
          </p>
          <label className="field">
            <span>Token</span>
            <input type="password" autoComplete="off" autoFocus value={value} onChange={(e) => setValue(e.target.value)} />
          </label>
          <div className="modal-actions">
            <button type="button" className="btn" onClick={() => finish(false)}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={!value.trim()}>
              Save token
            </button>
          </div>
        </form>
      </ModalDialog>
    </TokenPromptContext.Provider>
  );
}

export function useTokenPrompt(): RequestToken {
  const requestToken = useContext(TokenPromptContext);
  if (!requestToken) throw new Error('useTokenPrompt must be used inside <TokenPromptProvider>');
  return requestToken;
}
