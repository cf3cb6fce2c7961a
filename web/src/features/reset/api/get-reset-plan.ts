import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ResetPlan } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { resetKeys } from './reset-keys.ts';

export const resetPlanQuery = queryOptions({
  queryKey: resetKeys.plan(),
  queryFn: ({ signal }) => api.get<ResetPlan>('/api/reset/plan', signal),
});

/** What a reset would delete, keep and bring back (GET /api/reset/plan). */
export function useResetPlan() {
  return useQuery(resetPlanQuery);
}
