import { useQuery } from '@tanstack/react-query';
import type { PipelineListResponse } from '@pipeline-panel/server/contracts';
import { api } from '../api-client.ts';

export const pipelineKeys = { list: () => ['pipelines', 'list'] as const };

/** The pipelines the repo's connectors/ folder describes (each with its topic and dead-letter topic). */
export function usePipelineList() {
  return useQuery({ queryKey: pipelineKeys.list(), queryFn: ({ signal }) => api.get<PipelineListResponse>('/api/pipelines', signal) });
}
