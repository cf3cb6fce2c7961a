import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ProbeResult } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { stackKeys } from './stack-keys.ts';

const PROBE_INTERVAL_MS = 10_000;

export const probesQuery = queryOptions({
  queryKey: stackKeys.probes(),
  queryFn: ({ signal }) => api.get<ProbeResult[]>('/api/stack/probes', signal),
  refetchInterval: PROBE_INTERVAL_MS,
  staleTime: PROBE_INTERVAL_MS,
});

export function useProbes(enabled: boolean) {
  return useQuery({ ...probesQuery, enabled });
}
