import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApplySqlResult } from '@pipeline-panel/server/contracts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';
import { tableKeys } from './table-keys.ts';

/** Runs a file from sql/ against ClickHouse (its statements are IF NOT EXISTS, so re-running changes nothing). */
export function useApplySqlFile(file: string) {
  const queryClient = useQueryClient();
  const guard = useTokenGuard();
  return useMutation<ApplySqlResult, ApiError, void>({
    mutationKey: ['sql-file', file, 'apply'],
    mutationFn: () => guard(() => api.post<ApplySqlResult>(`/api/sql-files/${encodeURIComponent(file)}/apply`)),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: tableKeys.tables(), exact: true }),
        queryClient.invalidateQueries({ queryKey: tableKeys.sqlFiles() }),
      ]);
    },
  });
}
