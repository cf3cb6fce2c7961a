import { useMutation } from '@tanstack/react-query';
import type { Preflight } from '@pipeline-panel/server/contracts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';
import { connectorFilePath } from './connector-keys.ts';

/** Runs the pre-deploy checks for a file; nothing changes, so nothing is invalidated. */
export function usePreflight(file: string) {
  const guard = useTokenGuard();
  return useMutation<Preflight, ApiError, void>({
    mutationKey: ['connector-file', file, 'preflight'],
    mutationFn: () => guard(() => api.post<Preflight>(`${connectorFilePath(file)}/preflight`)),
  });
}
