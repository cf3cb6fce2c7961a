import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PipelinesGraphResponse } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';

/** States and problems change slower than the charts (which stream); one read every 5 s keeps them honest. */
export const pipelinesGraphQuery = queryOptions({
  queryKey: ['pipelines-graph'] as const,
  queryFn: ({ signal }) => api.get<PipelinesGraphResponse>('/api/pipelines-graph', signal),
  refetchInterval: 5_000,
});

export function usePipelinesGraph() {
  return useQuery(pipelinesGraphQuery);
}
