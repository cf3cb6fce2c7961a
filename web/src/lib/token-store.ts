/** The panel token lives for the browser tab only (sessionStorage), so closing the tab forgets it. */
const KEY = 'pipeline-panel.token';

function storage(): Storage | null {
  return typeof sessionStorage === 'undefined' ? null : sessionStorage;
}

export function readToken(): string | null {
  return storage()?.getItem(KEY) ?? null;
}

export function saveToken(token: string): void {
  storage()?.setItem(KEY, token);
}

export function clearToken(): void {
  storage()?.removeItem(KEY);
}
