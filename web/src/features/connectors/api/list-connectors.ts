import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConnectorListResponse } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { connectorKeys } from './connector-keys.ts';

// Connect applies pause/resume/restart asynchronously and tasks can fail at any time; a slow poll keeps states honest.
const REFRESH_MS = 5_000;

export const connectorsQuery = queryOptions({
  queryKey: connectorKeys.list(),
  queryFn: ({ signal }) => api.get<ConnectorListResponse>('/api/connectors', signal),
  refetchInterval: REFRESH_MS,
});

export function useConnectors() {
  return useQuery(connectorsQuery);
}
