import type { ConfigDiffEntry } from '@pipeline-panel/server/contracts';
import { DataTable } from '../../../components/data-table.tsx';
import { sortedDiff, type DiffKind } from '../model/config-diff.ts';

const COLUMNS = [{ title: 'Key' }, { title: 'File' }, { title: 'Deployed' }];
const KIND_LABEL: Record<DiffKind, string> = { added: 'added', removed: 'removed', changed: 'changed' };

/** Config keys that differ between the file and the worker, side by side. */
export function DiffTable({ diff, caption, collapsed = false }: { diff: ConfigDiffEntry[]; caption: string; collapsed?: boolean }) {
  const table = (
    <DataTable
      label={collapsed ? caption : undefined}
      columns={COLUMNS}
      wrap="diff"
      head={!collapsed && <caption className="diff-caption">{caption}</caption>}
    >
      {sortedDiff(diff).map((row) => (
        <tr key={row.key} className={`diff-${row.kind}`}>
          <th scope="row" className="mono wrap">
            {row.key} <span className="diff-kind">{KIND_LABEL[row.kind]}</span>
          </th>
          <td className="mono wrap">{row.file ?? <span className="muted">(absent)</span>}</td>
          <td className="mono wrap">{row.deployed ?? <span className="muted">(absent)</span>}</td>
        </tr>
      ))}
    </DataTable>
  );
  if (!collapsed) return table;
  // A connector not deployed yet: every key is "added", so the table is reference material, one click away.
  return (
    <details className="diff-details">
      <summary>
        {caption} <span className="muted">({diff.length} keys)</span>
      </summary>
      {table}
    </details>
  );
}
