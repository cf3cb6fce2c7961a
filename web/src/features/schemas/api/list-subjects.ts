import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SubjectListResponse } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { schemaKeys } from './schema-keys.ts';

export const subjectsQuery = queryOptions({
  queryKey: schemaKeys.list(),
  queryFn: ({ signal }) => api.get<SubjectListResponse>('/api/schemas', signal),
});

export function useSubjects() {
  return useQuery(subjectsQuery);
}
