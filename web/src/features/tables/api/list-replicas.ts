import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ReplicasResponse } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { tableKeys } from './table-keys.ts';

// Replication delay and queues change continuously; a slow poll keeps them current.
const REFRESH_MS = 10_000;

export const replicasQuery = queryOptions({
  queryKey: [...tableKeys.all, 'replicas'] as const,
  queryFn: ({ signal }) => api.get<ReplicasResponse>('/api/clickhouse/replicas', signal),
  refetchInterval: REFRESH_MS,
});

/** Replicas of the server's Replicated tables with their delay and replication queue (empty without any). */
export function useReplicas() {
  return useQuery(replicasQuery);
}
