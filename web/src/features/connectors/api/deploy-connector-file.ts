import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DeployResult } from '@pipeline-panel/server/contracts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';
import { connectorFilePath, connectorKeys } from './connector-keys.ts';
import { expectConnectorState, expectations } from './settle-poll.ts';

/** Creates or updates the connector a file in connectors/ describes (PUT …/config on the worker, idempotent). */
export function useDeploy(file: string) {
  const queryClient = useQueryClient();
  const guard = useTokenGuard();
  return useMutation<DeployResult, ApiError, void>({
    mutationKey: ['connector-file', file, 'deploy'],
    mutationFn: () => guard(() => api.post<DeployResult>(`${connectorFilePath(file)}/deploy`)),
    onSuccess: async (result) => {
      expectConnectorState(expectations.deploy(result.name));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: connectorKeys.list() }),
        queryClient.invalidateQueries({ queryKey: connectorKeys.files() }),
        queryClient.invalidateQueries({ queryKey: connectorKeys.detail(result.name) }),
      ]);
    },
  });
}
