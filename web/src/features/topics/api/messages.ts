import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BrowseMessagesResponse, ProduceMessageInput, ProduceMessageResult, SubjectDetail } from '@pipeline-panel/server/contracts';
import { api, apiRequest, type ApiError } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';
import { topicKeys } from '../../../lib/queries/topic-keys.ts';

const topicPath = (topic: string) => `/api/topics/${encodeURIComponent(topic)}`;

/** One page of messages for the exact query string; nothing is read until `query` is set. */
export function useMessagePage(topic: string, query: string | null) {
  return useQuery({
    queryKey: [...topicKeys.detail(topic), 'messages', query],
    queryFn: ({ signal }) => api.get<BrowseMessagesResponse>(`${topicPath(topic)}/messages?${query}`, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}

export function useProduceMessage(topic: string) {
  const queryClient = useQueryClient();
  const guard = useTokenGuard();
  return useMutation<ProduceMessageResult, ApiError, ProduceMessageInput>({
    mutationFn: (input) => guard(() => apiRequest<ProduceMessageResult>(`${topicPath(topic)}/messages`, { method: 'POST', body: input })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: topicKeys.detail(topic) });
      await queryClient.invalidateQueries({ queryKey: topicKeys.list() });
    },
  });
}

/** The subject's versions, for pinning the one a produced value is checked against; null when there is no subject. */
export function useSubjectVersions(subject: string) {
  return useQuery({
    queryKey: ['schemas', 'detail', subject],
    queryFn: ({ signal }) => api.get<SubjectDetail>(`/api/schemas/${encodeURIComponent(subject)}`, signal),
    enabled: subject.trim() !== '',
    retry: false,
  });
}
