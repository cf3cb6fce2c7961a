import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The segment after the screen in `#/<screen>/<param>` (decoded), or null: e.g. the group a link opens. */
export function useHashParam(): string | null {
  return useSyncExternalStore(subscribe, () => {
    const raw = window.location.hash.replace(/^#\/?/, '').split('/')[1];
    if (!raw) return null;
    try {
      return decodeURIComponent(raw);
    } catch {
      return null;
    }
  });
}

/** Points the hash at `#/<screen>/<param>` (or `#/<screen>`), which the screen reads back with useHashParam. */
export function setHashParam(screen: string, param: string | null): void {
  window.location.hash = param === null ? `#/${screen}` : `#/${screen}/${encodeURIComponent(param)}`;
}
