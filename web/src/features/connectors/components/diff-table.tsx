import type { ConfigDiffEntry } from '@pipeline-panel/server/contracts';
import { sortedDiff, type DiffKind } from '../model/config-diff.ts';

const KIND_LABEL: Record<DiffKind, string> = { added: 'added', removed: 'removed', changed: 'changed' };

/** Config keys that differ between the file and the worker, side by side. */
export function DiffTable({ diff, caption }: { diff: ConfigDiffEntry[]; caption: string }) {
  return (
    <div className="table-wrap diff">
      <table className="data-table">
        <caption className="diff-caption">{caption}</caption>
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
}
