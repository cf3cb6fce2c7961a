import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TopicListResponse } from '@pipeline-panel/server/contracts';
import { api } from '../api-client.ts';
import { topicKeys } from './topic-keys.ts';

export const topicsQuery = queryOptions({
  queryKey: topicKeys.list(),
  queryFn: ({ signal }) => api.get<TopicListResponse>('/api/topics', signal),
});

/**
 * The topic list. `expected` names a topic just created: a fresh broker's metadata can lag the create by a moment,
 * so the list is re-read every second until it shows up.
 */
export function useTopics(expected: string | null = null) {
  return useQuery({
    ...topicsQuery,
    refetchInterval: (query) =>
      expected && query.state.status === 'success' && !query.state.data?.topics.some((t) => t.name === expected) ? 1_000 : false,
  });
}
