import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import type { SchemaDiffResult } from '@pipeline-panel/server/contracts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';
import { schemaKeys, subjectPath } from './schema-keys.ts';

export const versionDiffQuery = (subject: string, from: number, to: number) =>
  queryOptions({
    queryKey: [...schemaKeys.subject(subject), 'diff', from, to] as const,
    queryFn: ({ signal }) => api.get<SchemaDiffResult>(`${subjectPath(subject)}/diff?from=${from}&to=${to}`, signal),
  });

/** The semantic diff of two registered versions (judged under the subject's current level). */
export function useVersionDiff(subject: string, from: number | null, to: number | null) {
  return useQuery({ ...versionDiffQuery(subject, from ?? 0, to ?? 0), enabled: from !== null && to !== null });
}

/** A draft against the latest version; changes nothing. */
export function useDraftDiff() {
  const guard = useTokenGuard();
  return useMutation<SchemaDiffResult, ApiError, { subject: string; draft: string }>({
    mutationFn: ({ subject, draft }) => guard(() => api.post<SchemaDiffResult>(`${subjectPath(subject)}/diff`, { draft })),
  });
}
