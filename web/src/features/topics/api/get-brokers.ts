import { queryOptions, useQuery } from '@tanstack/react-query';
import type { BrokersResponse } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { topicKeys } from '../../../lib/queries/topic-keys.ts';

// A broker can leave at any time; a slow poll shows its partitions falling out of sync without a click.
const REFRESH_MS = 5_000;

export const brokersQuery = queryOptions({
  queryKey: [...topicKeys.all, 'brokers'] as const,
  queryFn: ({ signal }) => api.get<BrokersResponse>('/api/kafka/brokers', signal),
  refetchInterval: REFRESH_MS,
});

/** Brokers with racks and partitions led, and every under-replicated or offline partition. */
export function useBrokers() {
  return useQuery(brokersQuery);
}
