import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RegisterResult } from '@pipeline-panel/server/contracts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';
import { schemaKeys, subjectPath } from './schema-keys.ts';

export function useRegisterSchema() {
  const queryClient = useQueryClient();
  const guard = useTokenGuard();
  return useMutation<RegisterResult, ApiError, { subject: string; schema: string }>({
    mutationFn: ({ subject, schema }) => guard(() => api.post<RegisterResult>(`${subjectPath(subject)}/versions`, { schema })),
    onSuccess: async (result) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: schemaKeys.list() }),
        queryClient.invalidateQueries({ queryKey: schemaKeys.subject(result.subject) }),
      ]);
    },
  });
}
