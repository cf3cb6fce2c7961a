import { formatBytes, formatCount } from '../../../components/format-numbers.ts';
import { DataTable } from '../../../components/data-table.tsx';
import { tableId, type DatabaseGroup } from '../model/tables-view.ts';

const COLUMNS = [
  { title: 'Table' },
  { title: 'Engine', className: 'hide-narrow' },
  { title: 'Rows', className: 'num' },
  { title: 'On disk', className: 'num' },
  { title: 'Columns', className: 'num hide-narrow' },
];

interface Props {
  group: DatabaseGroup;
  selected: string | null;
  onSelect: (id: string) => void;
}

export function DatabaseTables({ group, selected, onSelect }: Props) {
  return (
    <div className="db">
      <h3 className="db-name">
        <span className="mono">{group.database}</span>
        <span className="muted">{group.tables.length === 1 ? '1 table' : `${group.tables.length} tables`}</span>
      </h3>
      {group.tables.length === 0 ? (
        <p className="muted db-empty">No tables in this database.</p>
      ) : (
        <DataTable
          label={`Tables in ${group.database}`}
          className="db-tables"
          columns={COLUMNS}
          head={
            <colgroup>
              <col className="col-name" />
              <col className="col-engine hide-narrow" />
              <col className="col-num" />
              <col className="col-num" />
              <col className="col-cols hide-narrow" />
            </colgroup>
          }
        >
          {group.tables.map((table) => {
            const id = tableId(table);
            return (
              <tr key={id} aria-selected={id === selected}>
                <th scope="row" className="mono wrap">
                  <button
                    type="button"
                    className="link-btn"
                    aria-label={`Open ${id}`}
                    aria-expanded={id === selected}
                    onClick={() => onSelect(id)}
                  >
                    {table.name}
                  </button>
                </th>
                <td className="mono hide-narrow">{table.engine}</td>
                <td className="num">{formatCount(table.totalRows)}</td>
                <td className="num">{formatBytes(table.bytesOnDisk)}</td>
                <td className="num hide-narrow muted">{table.columns.length}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </div>
  );
}
