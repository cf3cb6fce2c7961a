import { useQuery } from '@tanstack/react-query';
import type { PipelineListResponse } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { smokeKeys } from './smoke-keys.ts';

/** The pipelines the repo's connectors/ folder describes. */
export function usePipelines() {
  return useQuery({ queryKey: smokeKeys.pipelines(), queryFn: ({ signal }) => api.get<PipelineListResponse>('/api/pipelines', signal) });
}
