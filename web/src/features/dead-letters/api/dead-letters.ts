import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeadLettersResponse, RedriveInput, RedriveResult } from '@pipeline-panel/server/contracts';
import { api, apiRequest, type ApiError } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';

const keys = { letters: (pipeline: string) => ['dead-letters', pipeline] as const };
const path = (pipeline: string) => `/api/pipelines/${encodeURIComponent(pipeline)}/dead-letters`;

export function useDeadLetters(pipeline: string | null) {
  return useQuery({
    queryKey: keys.letters(pipeline ?? ''),
    queryFn: ({ signal }) => api.get<DeadLettersResponse>(path(pipeline as string), signal),
    enabled: pipeline !== null,
    retry: false,
  });
}

/** Redrives a selection or a group; a repeat needs `confirmRepeat` (the server answers 409 ALREADY_REDRIVEN without). */
export function useRedrive(pipeline: string) {
  const queryClient = useQueryClient();
  const guard = useTokenGuard();
  return useMutation<RedriveResult, ApiError, RedriveInput>({
    mutationFn: (input) => guard(() => apiRequest<RedriveResult>(`${path(pipeline)}/redrive`, { method: 'POST', body: input })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.letters(pipeline) });
    },
  });
}
