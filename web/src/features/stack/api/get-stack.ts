import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StackEvent, StackSnapshot } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { parseEventData, useEventSource } from '../../../lib/sse.ts';
import { applyStackEvent } from '../model/stack-events.ts';
import { stackKeys } from './stack-keys.ts';

export const stackSnapshotQuery = queryOptions({
  queryKey: stackKeys.snapshot(),
  queryFn: ({ signal }) => api.get<StackSnapshot>('/api/stack', signal),
  // The event stream keeps the cache current; no polling.
  staleTime: Infinity,
});

/** The stack snapshot, fetched once and then kept live by GET /api/stack/events. */
export function useStackSnapshot() {
  const queryClient = useQueryClient();
  const query = useQuery(stackSnapshotQuery);
  const { status: live } = useEventSource('/api/stack/events', {
    stack: (data) => {
      const event = parseEventData<StackEvent>(data);
      if (!event) return;
      queryClient.setQueryData<StackSnapshot>(stackKeys.snapshot(), (previous) => applyStackEvent(previous, event));
    },
  });
  return { ...query, live };
}
