import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PanelConfigResponse } from '@pipeline-panel/server/contracts';
import { api } from './api-client.ts';

/** GET /api/config; `remote` is set when the panel runs without a compose project. */
export type PanelConfig = PanelConfigResponse;

export const panelConfigQuery = queryOptions({
  queryKey: ['config'],
  queryFn: ({ signal }) => api.get<PanelConfig>('/api/config', signal),
  staleTime: Infinity,
  // Keep trying while the API is down, so the header fills in once the panel is back.
  refetchInterval: (query) => (query.state.status === 'error' ? 5_000 : false),
});

export function usePanelConfig() {
  return useQuery(panelConfigQuery);
}
