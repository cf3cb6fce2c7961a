import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SubjectDetail } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { schemaKeys, subjectPath } from './schema-keys.ts';

export const subjectQuery = (subject: string) =>
  queryOptions({
    queryKey: schemaKeys.subject(subject),
    queryFn: ({ signal }) => api.get<SubjectDetail>(subjectPath(subject), signal),
  });

export function useSubject(subject: string | null) {
  return useQuery({ ...subjectQuery(subject ?? ''), enabled: subject !== null });
}
