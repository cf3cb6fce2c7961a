import { useMutation } from '@tanstack/react-query';
import type { SqlQueryInput, SqlQueryResult } from '@pipeline-panel/server/contracts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';

/** Runs one read-only statement (a POST on the API, so it may need the panel token); changes nothing. */
export function useRunQuery() {
  const guard = useTokenGuard();
  return useMutation<SqlQueryResult, ApiError, SqlQueryInput>({
    mutationFn: (input) => guard(() => api.post<SqlQueryResult>('/api/clickhouse/query', input)),
  });
}
