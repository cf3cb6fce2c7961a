import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TablePreview } from '@pipeline-panel/server/contracts';
import { api } from '../../../lib/api-client.ts';
import { tableKeys } from './table-keys.ts';

export const PREVIEW_LIMITS = [20, 50, 100] as const;

export const tablePreviewQuery = (database: string, table: string, limit: number) =>
  queryOptions({
    queryKey: tableKeys.preview(database, table, limit),
    queryFn: ({ signal }) =>
      api.get<TablePreview>(
        `/api/clickhouse/tables/${encodeURIComponent(database)}/${encodeURIComponent(table)}/preview?limit=${limit}`,
        signal,
      ),
  });

/** The newest rows of a table (by insert block for MergeTree tables; the answer's orderNote says how), bounded by limit. */
export function useTablePreview(target: { database: string; name: string } | null, limit: number) {
  return useQuery({ ...tablePreviewQuery(target?.database ?? '', target?.name ?? '', limit), enabled: target !== null });
}
