import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResetReport, ResetStep } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { useOperationStream, withStreamedSteps } from '../../../lib/operation-stream.ts';
import { isFinished } from '../model/reset-report.ts';
import { resetKeys } from './reset-keys.ts';

/** One reset's report, fetched once and then kept live by its event stream (reset steps are keyed by `id`). */
export function useResetOperation(operationId: string | null) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: resetKeys.operation(operationId ?? ''),
    queryFn: ({ signal }) => api.get<ResetReport>(`/api/reset/${encodeURIComponent(operationId!)}`, signal),
    enabled: operationId !== null,
    staleTime: Infinity,
  });
  const stream = useOperationStream<ResetStep, ResetReport>(operationId ? `/api/reset/${encodeURIComponent(operationId)}/events` : null, {
    key: 'id',
    enabled: query.isSuccess && !isFinished(query.data),
  });
  const { final } = stream;
  useEffect(() => {
    if (!final) return;
    queryClient.setQueryData(resetKeys.operation(final.operationId), final);
    void queryClient.invalidateQueries({ queryKey: resetKeys.plan() });
    void queryClient.invalidateQueries({ queryKey: resetKeys.latest() });
  }, [final, queryClient]);
  const data = final ?? (query.data && withStreamedSteps(query.data, stream.steps, 'id'));
  return { ...query, data, live: stream.status };
}
