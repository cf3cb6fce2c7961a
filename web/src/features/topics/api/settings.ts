import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DeleteRecordsInput,
  DeleteRecordsResult,
  DeleteTopicResult,
  TopicConfigsResponse,
  UpdateTopicConfigsInput,
  UpdateTopicConfigsResult,
} from '@pipeline-panel/server/contracts';
import { api, apiRequest, type ApiError } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';
import { topicKeys } from '../../../lib/queries/topic-keys.ts';

const topicPath = (topic: string) => `/api/topics/${encodeURIComponent(topic)}`;
const configsKey = (topic: string) => [...topicKeys.detail(topic), 'configs'] as const;

export function useTopicConfigs(topic: string) {
  return useQuery({
    queryKey: configsKey(topic),
    queryFn: ({ signal }) => api.get<TopicConfigsResponse>(`${topicPath(topic)}/configs`, signal),
  });
}

export function useUpdateTopicConfigs(topic: string) {
  const queryClient = useQueryClient();
  const guard = useTokenGuard();
  return useMutation<UpdateTopicConfigsResult, ApiError, UpdateTopicConfigsInput>({
    mutationFn: (input) => guard(() => apiRequest<UpdateTopicConfigsResult>(`${topicPath(topic)}/configs`, { method: 'PUT', body: input })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: configsKey(topic) });
      await queryClient.invalidateQueries({ queryKey: topicKeys.list() });
    },
  });
}

export function useDeleteRecords(topic: string) {
  const queryClient = useQueryClient();
  const guard = useTokenGuard();
  return useMutation<DeleteRecordsResult, ApiError, DeleteRecordsInput>({
    mutationFn: (input) =>
      guard(() => apiRequest<DeleteRecordsResult>(`${topicPath(topic)}/delete-records`, { method: 'POST', body: input })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: topicKeys.detail(topic) });
      await queryClient.invalidateQueries({ queryKey: topicKeys.list() });
    },
  });
}

export function useDeleteTopic(topic: string) {
  const queryClient = useQueryClient();
  const guard = useTokenGuard();
  return useMutation<DeleteTopicResult, ApiError, string>({
    mutationFn: (confirm) => guard(() => apiRequest<DeleteTopicResult>(topicPath(topic), { method: 'DELETE', body: { confirm } })),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: topicKeys.detail(topic) });
      await queryClient.invalidateQueries({ queryKey: topicKeys.list() });
    },
  });
}
