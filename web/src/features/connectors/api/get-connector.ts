import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConnectorDetail } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { connectorKeys, connectorPath } from './connector-keys.ts';

export const connectorQuery = (name: string) =>
  queryOptions({
    queryKey: connectorKeys.detail(name),
    queryFn: ({ signal }) => api.get<ConnectorDetail>(connectorPath(name), signal),
  });

/** One connector with its deployed config (fetched when the user opens it). */
export function useConnector(name: string, enabled: boolean) {
  return useQuery({ ...connectorQuery(name), enabled });
}
