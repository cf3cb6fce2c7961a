import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConnectWorkersResponse } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { connectorKeys } from './connector-keys.ts';

// As often as the connector list: a lost worker's tasks move within a rebalance or two.
const REFRESH_MS = 5_000;

export const workersQuery = queryOptions({
  queryKey: [...connectorKeys.all, 'workers'] as const,
  queryFn: ({ signal }) => api.get<ConnectWorkersResponse>('/api/connect/workers', signal),
  refetchInterval: REFRESH_MS,
});

/** The Connect cluster's workers and where each connector and task runs (moved ones marked by the server). */
export function useWorkers() {
  return useQuery(workersQuery);
}
