import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResetReport, ResetStep } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { parseEventData, useEventSource } from '../../../lib/sse.ts';
import { applyStep, isFinished } from '../model/reset-report.ts';
import { resetKeys } from './reset-keys.ts';

/** One reset's report, fetched once and then kept live by its event stream (`step` updates, then `done`). */
export function useResetOperation(operationId: string | null) {
  const queryClient = useQueryClient();
  const key = resetKeys.operation(operationId ?? '');
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<ResetReport>(`/api/reset/${encodeURIComponent(operationId!)}`, signal),
    enabled: operationId !== null,
    staleTime: Infinity,
  });
  const finished = isFinished(query.data);
  const { status: live } = useEventSource(
    operationId ? `/api/reset/${encodeURIComponent(operationId)}/events` : null,
    {
      step: (data) => {
        const step = parseEventData<ResetStep>(data);
        if (step) queryClient.setQueryData<ResetReport>(key, (previous) => applyStep(previous, step));
      },
      done: (data) => {
        const report = parseEventData<ResetReport>(data);
        if (!report) return;
        queryClient.setQueryData<ResetReport>(key, report);
        void queryClient.invalidateQueries({ queryKey: resetKeys.plan() });
        void queryClient.invalidateQueries({ queryKey: resetKeys.latest() });
      },
    },
    { enabled: operationId !== null && query.isSuccess && !finished, endEvent: 'done' },
  );
  return { ...query, live };
}
