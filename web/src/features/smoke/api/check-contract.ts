import { useQuery } from '@tanstack/react-query';
import type { ContractSource, PipelineContractResponse } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';
import { smokeKeys } from './smoke-keys.ts';

/** The contract check of one pipeline (read-only, but a POST on the API: it may need the panel token). */
export function usePipelineContract(pipeline: string | null, source: ContractSource = 'file') {
  const guard = useTokenGuard();
  return useQuery({
    queryKey: smokeKeys.contract(pipeline ?? '', source),
    enabled: pipeline !== null,
    queryFn: () =>
      guard(() => api.post<PipelineContractResponse>(`/api/pipelines/${encodeURIComponent(pipeline!)}/contract?source=${source}`)),
    retry: false,
  });
}
