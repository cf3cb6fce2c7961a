import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ServiceAction, ServiceActionResult } from '@pipeline-panel/server/contracts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';
import { stackKeys } from './stack-keys.ts';

function post(service: string, action: ServiceAction) {
  // Stopping is destructive, so the server wants the service name echoed back as confirmation.
  const body = action === 'stop' ? { confirm: service } : {};
  return api.post<ServiceActionResult>(`/api/services/${encodeURIComponent(service)}/${action}`, body);
}

/** Start, stop or restart one service; asks for the panel token first when the panel requires one. */
export function useServiceAction(service: string) {
  const queryClient = useQueryClient();
  const guard = useTokenGuard();
  return useMutation<ServiceActionResult, ApiError, ServiceAction>({
    mutationKey: ['service-action', service],
    mutationFn: (action) => guard(() => post(service, action)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: stackKeys.all }),
  });
}
