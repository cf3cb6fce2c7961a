import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SchemaVersion } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { schemaKeys, subjectPath } from './schema-keys.ts';

export const schemaVersionQuery = (subject: string, version: number) =>
  queryOptions({
    queryKey: schemaKeys.version(subject, version),
    queryFn: ({ signal }) => api.get<SchemaVersion>(`${subjectPath(subject)}/versions/${version}`, signal),
    // A registered version never changes.
    staleTime: Infinity,
  });

export function useSchemaVersion(subject: string, version: number | null) {
  return useQuery({ ...schemaVersionQuery(subject, version ?? 0), enabled: version !== null });
}
