import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './api-client.ts';

/** Mirrors GET /api/config. */
export interface PanelConfig {
  project: string;
  composeFile: string;
  tokenRequired: boolean;
}

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
