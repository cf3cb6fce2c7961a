import type { ConfigDiffEntry } from '@pipeline-panel/server/contracts';
import { sortedDiff, type DiffKind } from '../model/config-diff.ts';

const KIND_LABEL: Record<DiffKind, string> = { added: 'added', removed: 'removed', changed: 'changed' };

/** Config keys that differ between the file and the worker, side by side. */
export function DiffTable({ diff, caption, collapsed = false }: { diff: ConfigDiffEntry[]; caption: string; collapsed?: boolean }) {
  const table = (
    <div className="table-wrap diff">
      <table className="data-table" aria-label={collapsed ? caption : undefined}>
        {!collapsed && <caption className="diff-caption">{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">File</th>
            <th scope="col">Deployed</th>
          </tr>
        </thead>
        <tbody>
          {sortedDiff(diff).map((row) => (
            <tr key={row.key} className={`diff-${row.kind}`}>
              <th scope="row" className="mono wrap">
                {row.key} <span className="diff-kind">{KIND_LABEL[row.kind]}</span>
              </th>
              <td className="mono wrap">{row.file ?? <span className="muted">(absent)</span>}</td>
              <td className="mono wrap">{row.deployed ?? <span className="muted">(absent)</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
