import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current screen path from `#/<path>`; hash routing needs no server-side fallback route. */
export function useHashPath(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash.replace(/^#\/?/, '').split('/')[0] ?? '');
}
