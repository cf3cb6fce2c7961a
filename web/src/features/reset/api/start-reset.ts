import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { StartResetRequest, StartResetResponse } from '@pipeline-panel/server/contracts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';
import { resetKeys } from './reset-keys.ts';

/** POST /api/reset with the typed project name; the server refuses a mismatch (400) or a second run (409). */
export function useStartReset() {
  const queryClient = useQueryClient();
  const guard = useTokenGuard();
  return useMutation<StartResetResponse, ApiError, StartResetRequest>({
    mutationKey: ['reset', 'start'],
    mutationFn: (body) => guard(() => api.post<StartResetResponse>('/api/reset', body)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: resetKeys.latest() }),
  });
}
