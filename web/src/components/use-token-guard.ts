import { useCallback } from 'react';
import { ApiError, isApiError } from '../lib/api-client.ts';
import { usePanelConfig } from '../lib/panel-config.ts';
import { clearToken, readToken } from '../lib/token-store.ts';
import { useTokenPrompt } from './token-prompt.tsx';

function isTokenRejection(error: unknown): boolean {
  return isApiError(error) && (error.statusCode === 401 || error.code === 'TOKEN_REQUIRED');
}

/**
 * Wraps a mutating call so it asks for the panel token first when the panel requires one, and once more when the
 * panel refuses the stored token. A cancelled prompt rethrows the panel's refusal.
 */
export function useTokenGuard() {
  const config = usePanelConfig();
  const requestToken = useTokenPrompt();
  return useCallback(
    async <T>(call: () => Promise<T>): Promise<T> => {
      if (
        config.data?.tokenRequired &&
        !readToken() &&
        !(await requestToken('This panel is protected by a token. Enter it to make changes.'))
      ) {
        throw new ApiError({ statusCode: 0, code: 'TOKEN_REQUIRED', message: 'Cancelled: this panel needs its token to make changes.' });
      }
      try {
        return await call();
      } catch (error) {
        if (!isTokenRejection(error)) throw error;
        clearToken();
        if (!(await requestToken('The panel did not accept that token. Enter it again.'))) throw error;
        return await call();
      }
    },
    [config.data?.tokenRequired, requestToken],
  );
}
