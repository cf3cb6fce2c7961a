import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SqlFileListResponse } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { tableKeys } from './table-keys.ts';

export const sqlFilesQuery = queryOptions({
  queryKey: tableKeys.sqlFiles(),
  queryFn: ({ signal }) => api.get<SqlFileListResponse>('/api/sql-files', signal),
});

export function useSqlFiles() {
  return useQuery(sqlFilesQuery);
}
