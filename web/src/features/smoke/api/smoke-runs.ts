import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CancelSmokeRunResponse, SmokeRunListResponse, SmokeRunReport, SmokeStep, StartSmokeRunRequest, StartSmokeRunResponse } from '@pipeline-panel/server/contracts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { parseEventData, useEventSource } from '../../../lib/sse.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';
import { applyStep } from '../model/smoke-run.ts';
import { runPath, smokeKeys } from './smoke-keys.ts';

export function useSmokeRuns() {
  return useQuery({ queryKey: smokeKeys.runs(), queryFn: ({ signal }) => api.get<SmokeRunListResponse>('/api/smoke-runs', signal) });
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

/**
 * One run's report, kept live: the first GET, then every `step` event from the SSE stream patched into the cache,
 * and the final report from `done`. The stream replays past steps, so opening it late loses nothing.
 */
export function useSmokeRun(runId: string | null) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: smokeKeys.run(runId ?? ''),
    enabled: runId !== null,
    queryFn: ({ signal }) => api.get<SmokeRunReport>(runPath(runId!), signal),
  });
  const running = query.data?.status === 'running';
  const { status: live } = useEventSource(
    runId ? `${runPath(runId)}/events` : null,
    {
      step: (data) => {
        const step = parseEventData<SmokeStep>(data);
        if (step) queryClient.setQueryData<SmokeRunReport>(smokeKeys.run(runId!), (old) => (old ? applyStep(old, step) : old));
      },
      done: (data) => {
        const report = parseEventData<SmokeRunReport>(data);
        if (report) queryClient.setQueryData(smokeKeys.run(runId!), report);
        void queryClient.invalidateQueries({ queryKey: smokeKeys.runs(), exact: true });
      },
    },
    { enabled: runId !== null && running, endEvent: 'done' },
  );
  return { ...query, live };
}
