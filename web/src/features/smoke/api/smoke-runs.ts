import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CancelSmokeRunResponse,
  CleanupSmokeRunResponse,
  SmokeRunListResponse,
  SmokeRunReport,
  SmokeStep,
  StartSmokeRunRequest,
  StartSmokeRunResponse,
} from '@pipeline-panel/server/contracts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { useOperationStream, withStreamedSteps } from '../../../lib/operation-stream.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';
import { runPath, smokeKeys } from './smoke-keys.ts';

export function useSmokeRuns() {
  return useQuery({
    queryKey: smokeKeys.runs(),
    queryFn: ({ signal }) => api.get<SmokeRunListResponse>('/api/smoke-runs', signal),
    // Runs started elsewhere (another tab, the API) finish without this page's stream: refresh while any runs.
    refetchInterval: (query) => (query.state.data?.runs.some((r) => r.status === 'running') ? 2_000 : false),
  });
}

export function useStartSmokeRun() {
  const queryClient = useQueryClient();
  const guard = useTokenGuard();
  return useMutation<StartSmokeRunResponse, ApiError, StartSmokeRunRequest>({
    mutationFn: (body) => guard(() => api.post<StartSmokeRunResponse>('/api/smoke-runs', body)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: smokeKeys.runs(), exact: true }),
  });
}

export function useCancelSmokeRun() {
  const guard = useTokenGuard();
  return useMutation<CancelSmokeRunResponse, ApiError, string>({
    mutationFn: (runId) => guard(() => api.post<CancelSmokeRunResponse>(`${runPath(runId)}/cancel`)),
  });
}

/** "Remove this run's rows", confirmed with the run id; the run's report then shows what went. */
export function useCleanupSmokeRun(runId: string) {
  const queryClient = useQueryClient();
  const guard = useTokenGuard();
  return useMutation<CleanupSmokeRunResponse, ApiError, string>({
    mutationFn: (confirm) => guard(() => api.post<CleanupSmokeRunResponse>(`${runPath(runId)}/cleanup`, { confirm })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: smokeKeys.run(runId), exact: true }),
  });
}

/**
 * One run's report, kept live: the first GET, then the run's event stream (every step as it changes, then the final
 * report). The stream replays past steps, so opening it late loses nothing.
 */
export function useSmokeRun(runId: string | null) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: smokeKeys.run(runId ?? ''),
    enabled: runId !== null,
    queryFn: ({ signal }) => api.get<SmokeRunReport>(runPath(runId!), signal),
  });
  const stream = useOperationStream<SmokeStep, SmokeRunReport>(runId ? `${runPath(runId)}/events` : null, {
    enabled: query.data?.status === 'running',
  });
  const { final } = stream;
  useEffect(() => {
    if (final) queryClient.setQueryData(smokeKeys.run(final.runId), final);
  }, [final, queryClient]);
  // A finished report from the query is the newest (a later cleanup refetches it); while running, the stream is.
  const fetchedFinal = query.data && query.data.status !== 'running' ? query.data : null;
  const data = fetchedFinal ?? final ?? (query.data && withStreamedSteps(query.data, stream.steps));
  const finalStatus = data && data.status !== 'running' ? data.status : null;
  // However the run ended (stream, or already over at the first GET), the recent-runs list must show it.
  useEffect(() => {
    if (finalStatus) void queryClient.invalidateQueries({ queryKey: smokeKeys.runs(), exact: true });
  }, [finalStatus, runId, queryClient]);
  return { ...query, data, live: stream.status };
}
