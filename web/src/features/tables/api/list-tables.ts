import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TableListResponse } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { tableKeys } from './table-keys.ts';

export const tablesQuery = queryOptions({
  queryKey: tableKeys.tables(),
  queryFn: ({ signal }) => api.get<TableListResponse>('/api/clickhouse/tables', signal),
});

export function useTables() {
  return useQuery(tablesQuery);
}
