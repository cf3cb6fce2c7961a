import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConnectorFileListResponse } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { connectorKeys } from './connector-keys.ts';

export const connectorFilesQuery = queryOptions({
  queryKey: connectorKeys.files(),
  queryFn: ({ signal }) => api.get<ConnectorFileListResponse>('/api/connector-files', signal),
});

export function useConnectorFiles() {
  return useQuery(connectorFilesQuery);
}
