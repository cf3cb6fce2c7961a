import { useQuery } from '@tanstack/react-query';
import type { ResetReport } from '@pipeline-panel/server/contracts';
import { api, isApiError } from '../../../lib/api-client.ts';
import { resetKeys } from './reset-keys.ts';

/** The last reset since the panel started, or null (404 means none ran). */
export function useLatestReset() {
  return useQuery({
    queryKey: resetKeys.latest(),
    queryFn: async ({ signal }) => {
      try {
        return await api.get<ResetReport>('/api/reset/latest', signal);
      } catch (error) {
        if (isApiError(error) && error.statusCode === 404) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });
}
