import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CompatibilityLevel, SetCompatibilityResult } from '@pipeline-panel/server/contracts';
import { apiRequest, type ApiError } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';
import { schemaKeys, subjectPath } from './schema-keys.ts';

export function useSetCompatibility(subject: string) {
  const queryClient = useQueryClient();
  const guard = useTokenGuard();
  return useMutation<SetCompatibilityResult, ApiError, CompatibilityLevel>({
    mutationFn: (level) =>
      guard(() => apiRequest<SetCompatibilityResult>(`${subjectPath(subject)}/compatibility`, { method: 'PUT', body: { level } })),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: schemaKeys.list() }),
        queryClient.invalidateQueries({ queryKey: schemaKeys.subject(subject), exact: true }),
      ]);
    },
  });
}
