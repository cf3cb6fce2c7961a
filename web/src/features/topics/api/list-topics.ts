import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TopicListResponse } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { topicKeys } from './topic-keys.ts';

export const topicsQuery = queryOptions({
  queryKey: topicKeys.list(),
  queryFn: ({ signal }) => api.get<TopicListResponse>('/api/topics', signal),
});

export function useTopics() {
  return useQuery(topicsQuery);
}
