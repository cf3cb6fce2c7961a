import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GroupDetail, GroupListResponse, ResetOffsetsInput, ResetOffsetsResult } from '@pipeline-panel/server/contracts';
import { api, apiRequest, type ApiError } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';

export const groupKeys = {
  all: ['groups'] as const,
  list: () => [...groupKeys.all, 'list'] as const,
  detail: (group: string) => [...groupKeys.all, 'detail', group] as const,
};
const groupPath = (group: string) => `/api/consumer-groups/${encodeURIComponent(group)}`;

export function useGroups() {
  return useQuery({
    queryKey: groupKeys.list(),
    queryFn: ({ signal }) => api.get<GroupListResponse>('/api/consumer-groups', signal),
    refetchInterval: 10_000,
  });
}

export function useGroup(group: string | null) {
  return useQuery({
    queryKey: groupKeys.detail(group ?? ''),
    queryFn: ({ signal }) => api.get<GroupDetail>(groupPath(group as string), signal),
    enabled: group !== null,
    refetchInterval: 5_000,
    retry: false,
  });
}

/** A dry run or a reset; the server refuses the reset while the group has members, and checks the typed group id. */
export function useResetOffsets(group: string) {
  const queryClient = useQueryClient();
  const guard = useTokenGuard();
  return useMutation<ResetOffsetsResult, ApiError, ResetOffsetsInput>({
    mutationFn: (input) =>
      guard(() => apiRequest<ResetOffsetsResult>(`${groupPath(group)}/reset-offsets`, { method: 'POST', body: input })),
    onSuccess: async (result) => {
      if (!result.applied) return;
      await queryClient.invalidateQueries({ queryKey: groupKeys.all });
    },
  });
}
