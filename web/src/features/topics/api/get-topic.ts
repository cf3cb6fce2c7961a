import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TopicDetail } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { topicKeys } from '../../../lib/queries/topic-keys.ts';

export const topicQuery = (name: string) =>
  queryOptions({
    queryKey: topicKeys.detail(name),
    queryFn: ({ signal }) => api.get<TopicDetail>(`/api/topics/${encodeURIComponent(name)}`, signal),
  });

/** Partitions (leader, replicas, offsets) and configs of one topic, fetched when the user opens it. */
export function useTopic(name: string | null) {
  return useQuery({ ...topicQuery(name ?? ''), enabled: name !== null });
}
