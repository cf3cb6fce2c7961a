import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DeleteConnectorResult } from '@pipeline-panel/server/contracts';
import { apiRequest, type ApiError } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';
import { connectorKeys, connectorPath } from './connector-keys.ts';
import { expectConnectorState, expectations } from './settle-poll.ts';

/** Deletes a connector; the server wants its name echoed back as `confirm`. */
export function useDeleteConnector() {
  const queryClient = useQueryClient();
  const guard = useTokenGuard();
  return useMutation<DeleteConnectorResult, ApiError, string>({
    mutationFn: (name) => guard(() => apiRequest<DeleteConnectorResult>(connectorPath(name), { method: 'DELETE', body: { confirm: name } })),
    onSuccess: async (result) => {
      expectConnectorState(expectations.remove(result.name));
      queryClient.removeQueries({ queryKey: connectorKeys.detail(result.name) });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: connectorKeys.list() }),
        queryClient.invalidateQueries({ queryKey: connectorKeys.files() }),
      ]);
    },
  });
}
