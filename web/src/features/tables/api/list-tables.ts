import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableListResponse } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { tableKeys } from './table-keys.ts';

const listTables = (signal: AbortSignal, fresh = false) => api.get<TableListResponse>('/api/clickhouse/tables', signal, { fresh });

export const tablesQuery = queryOptions({
  queryKey: tableKeys.tables(),
  queryFn: ({ signal }) => listTables(signal),
});

export function useTables() {
  return useQuery(tablesQuery);
}

/** The Refresh button: ClickHouse's answer of now (rows inserted by the sink or by hand), past the server's read cache. */
export function useRefreshTables(): () => Promise<unknown> {
  const queryClient = useQueryClient();
  return () => queryClient.fetchQuery({ ...tablesQuery, queryFn: ({ signal }) => listTables(signal, true), staleTime: 0 });
}
