import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateTopicInput, CreateTopicResult } from '@pipeline-panel/server/contracts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';
import { topicKeys } from '../../../lib/queries/topic-keys.ts';

export function useCreateTopic() {
  const queryClient = useQueryClient();
  const guard = useTokenGuard();
  return useMutation<CreateTopicResult, ApiError, CreateTopicInput>({
    mutationFn: (input) => guard(() => api.post<CreateTopicResult>('/api/topics', input)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: topicKeys.list() });
    },
  });
}
