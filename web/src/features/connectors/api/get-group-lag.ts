import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsumerGroupLag } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { connectorKeys } from './connector-keys.ts';

export const groupLagQuery = (group: string) =>
  queryOptions({
    queryKey: connectorKeys.groupLag(group),
    queryFn: ({ signal }) => api.get<ConsumerGroupLag>(`/api/consumer-groups/${encodeURIComponent(group)}/lag`, signal),
    refetchInterval: 10_000,
  });

/** Per-partition lag of a sink's consumer group, fetched while the user has it open. */
export function useGroupLag(group: string | null) {
  return useQuery({ ...groupLagQuery(group ?? ''), enabled: group !== null });
}
