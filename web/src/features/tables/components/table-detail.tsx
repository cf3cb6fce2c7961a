import type { TableInfo } from '@pipeline-panel/server/contracts';
import { DataTable } from '../../../components/data-table.tsx';
import { formatBytes, formatCount } from '../../../components/format-numbers.ts';
import { Section } from '../../../components/page.tsx';
import { tableId } from '../model/tables-view.ts';
import { TablePreviewView } from './table-preview.tsx';

const COLUMNS = [{ title: 'Name' }, { title: 'Type' }];

export function TableDetail({ table, onClose }: { table: TableInfo; onClose: () => void }) {
  const id = tableId(table);
  return (
    <Section
      title={id}
      note={`${table.engine} · ${formatCount(table.totalRows)} rows · ${formatBytes(table.bytesOnDisk)} on disk`}
      actions={
        <button type="button" className="btn btn-small btn-ghost" onClick={onClose}>
          Close
        </button>
      }
    >
      <div className="table-detail">
        <div>
          <h3 className="sub-head">Columns</h3>
          {table.sortingKey && (
            <p className="muted sort-key">
              Sorting key <code>{table.sortingKey}</code>
            </p>
          )}
          <DataTable label={`Columns of ${id}`} columns={COLUMNS}>
            {table.columns.map((column) => (
              <tr key={column.name}>
                <th scope="row" className="mono wrap">
                  {column.name}
                </th>
                <td className="mono wrap">
                  {column.type}
                  {column.defaultKind && <span className="pill default-kind">{column.defaultKind}</span>}
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
        <TablePreviewView table={table} />
      </div>
    </Section>
  );
}
