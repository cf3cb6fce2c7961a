import type { ReactNode } from 'react';

export interface Column {
  title: string;
  /** e.g. 'num' (right-aligned numbers), 'hide-narrow' (dropped on phones). */
  className?: string;
}

interface Props {
  label?: string;
  columns: Column[];
  /** Extra classes beside `data-table`. */
  className?: string;
  /** A <caption> or <colgroup>, placed before the header row. */
  head?: ReactNode;
  /** The horizontal-scroll wrapper's extra classes; `false` renders the table without the wrapper. */
  wrap?: string | false;
  /** The body rows. */
  children: ReactNode;
}

/** A `.data-table` with one header row of column titles, in its horizontal-scroll wrapper. */
export function DataTable({ label, columns, className, head, wrap = '', children }: Props) {
  const table = (
    <table className={className ? `data-table ${className}` : 'data-table'} aria-label={label}>
      {head}
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.title} scope="col" className={column.className}>
              {column.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  if (wrap === false) return table;
  return <div className={wrap ? `table-wrap ${wrap}` : 'table-wrap'}>{table}</div>;
}
