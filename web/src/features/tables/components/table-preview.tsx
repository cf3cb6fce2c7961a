import { useId, useState } from 'react';
import type { TableInfo } from '@pipeline-panel/server/contracts';
import { DataTable } from '../../../components/data-table.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { Placeholder } from '../../../components/page.tsx';
import { PREVIEW_LIMITS, useTablePreview } from '../api/preview-table.ts';
import { formatCell, tableId } from '../model/tables-view.ts';

export function TablePreviewView({ table }: { table: TableInfo }) {
  const [limit, setLimit] = useState<number>(PREVIEW_LIMITS[0]);
  const preview = useTablePreview(table, limit);
  const id = tableId(table);
  const limitId = useId();

  return (
    <div className="preview">
      <div className="preview-head">
        <h3 className="sub-head">Newest rows</h3>
        <div className="field field-inline">
          <label className="field-hint" htmlFor={limitId}>
            Show
          </label>
          <select id={limitId} value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
            {PREVIEW_LIMITS.map((n) => (
              <option key={n} value={n}>
                {n} rows
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn btn-small" onClick={() => void preview.refetch()} disabled={preview.isFetching}>
          Reload
        </button>
      </div>
      {preview.isPending && <Placeholder>Reading the newest rows of {id}…</Placeholder>}
      {preview.isError && <ErrorNotice error={preview.error} doing={`read rows of ${id}`} onRetry={() => void preview.refetch()} />}
      {preview.data && (
        <>
          <p className="muted preview-order">
            {preview.data.orderedBy && (
              <>
                Ordered by <code>{preview.data.orderedBy}</code>, at most {preview.data.limit} rows.{' '}
              </>
            )}
            {preview.data.orderNote}
          </p>
          {preview.data.rows.length === 0 ? (
            <Placeholder>{id} has no rows yet.</Placeholder>
          ) : (
            <DataTable label={`Rows of ${id}`} columns={preview.data.columns.map((title) => ({ title }))} wrap="preview-wrap">
              {preview.data.rows.map((row, i) => (
                <tr key={i}>
                  {preview.data.columns.map((c) => {
                    const cell = formatCell(row[c]);
                    return (
                      <td
                        key={c}
                        className={`mono cell${cell.isNull ? ' muted' : ''}`}
                        title={cell.full === cell.text ? undefined : cell.full}
                      >
                        {cell.text}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </div>
  );
}
