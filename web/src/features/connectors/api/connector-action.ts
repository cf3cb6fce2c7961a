import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConnectorAction, ConnectorActionResult } from '@pipeline-panel/server/contracts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';
import { connectorKeys, connectorPath } from './connector-keys.ts';
import { expectConnectorState, expectations } from './settle-poll.ts';

/** Pause, resume or restart (connector and its tasks). */
export function useConnectorAction(name: string) {
  const queryClient = useQueryClient();
  const guard = useTokenGuard();
  return useMutation<ConnectorActionResult, ApiError, ConnectorAction>({
    mutationKey: ['connector', name, 'action'],
    mutationFn: (action) => guard(() => api.post<ConnectorActionResult>(`${connectorPath(name)}/${action}`)),
    onSettled: async (_result, _error, action) => {
      expectConnectorState(expectations[action](name));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: connectorKeys.list() }),
        queryClient.invalidateQueries({ queryKey: connectorKeys.detail(name) }),
      ]);
    },
  });
}
