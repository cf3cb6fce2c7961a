import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  EvolutionInput,
  EvolutionOperation,
  EvolutionPlan,
  EvolutionStep,
  PipelineListResponse,
  StartEvolutionResponse,
  SubjectDetail,
} from '@pipeline-panel/server/contracts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { useOperationStream } from '../../../lib/operation-stream.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';

const keys = {
  all: ['evolution'] as const,
  pipelines: () => [...keys.all, 'pipelines'] as const,
  subject: (subject: string) => [...keys.all, 'subject', subject] as const,
};

export function usePipelines() {
  return useQuery({ queryKey: keys.pipelines(), queryFn: ({ signal }) => api.get<PipelineListResponse>('/api/pipelines', signal) });
}

/** The subject's latest version: what a draft starts from. A subject with no version yet answers 404. */
export function useLatestSchema(subject: string | null) {
  return useQuery({
    queryKey: keys.subject(subject ?? ''),
    enabled: subject !== null,
    retry: false,
    queryFn: ({ signal }) => api.get<SubjectDetail>(`/api/schemas/${encodeURIComponent(subject!)}`, signal),
  });
}

/** The plan (read-only; a POST on the API, so it may need the panel token). */
export function usePlan() {
  const guard = useTokenGuard();
  return useMutation<EvolutionPlan, ApiError, EvolutionInput>({
    mutationFn: (input) => guard(() => api.post<EvolutionPlan>('/api/evolution/plan', input)),
  });
}

export function useApply() {
  const guard = useTokenGuard();
  return useMutation<StartEvolutionResponse, ApiError, EvolutionInput>({
    mutationFn: (input) => guard(() => api.post<StartEvolutionResponse>('/api/evolution/apply', input)),
  });
}

export function useEvolutionStream(operationId: string | null) {
  return useOperationStream<EvolutionStep, EvolutionOperation>(
    operationId ? `/api/evolution/operations/${encodeURIComponent(operationId)}/events` : null,
  );
}
