import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConnectorListResponse } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { connectorKeys } from './connector-keys.ts';

import { connectorsRefetchInterval } from './settle-poll.ts';

// Connect applies pause/resume/restart asynchronously and tasks can fail at any time; a slow poll keeps states honest,
// a fast one follows an action until its effect shows (settle-poll.ts).

export const connectorsQuery = queryOptions({
  queryKey: connectorKeys.list(),
  queryFn: ({ signal }) => api.get<ConnectorListResponse>('/api/connectors', signal),
  refetchInterval: (query) => connectorsRefetchInterval(query.state.data),
});

export function useConnectors() {
  return useQuery(connectorsQuery);
}
