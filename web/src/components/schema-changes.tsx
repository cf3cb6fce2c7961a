import type { Incompatibility, SchemaChange } from '@pipeline-panel/server/contracts';
import { bySource, changeTone, formatPath, TONE_LABEL } from './schema-changes.ts';

/** The semantic diff as a list: each change with its place, what changed, and why it breaks or is safe. */
export function ChangeList({ changes, label }: { changes: SchemaChange[]; label: string }) {
  if (changes.length === 0) return <p className="placeholder">No changes: both describe the same data.</p>;
  return (
    <ul className="change-list" aria-label={label}>
      {changes.map((c, i) => {
        const tone = changeTone(c);
        return (
          <li key={`${c.kind}-${c.path}-${i}`} className={`change tone-${tone}`} data-kind={c.kind}>
            <span className={`badge tone-${tone}`}>{TONE_LABEL[tone]}</span>
            <div className="change-body">
              <div>
                <code className="change-path">{formatPath(c.path)}</code> <span className="change-kind muted">{c.kind}</span>
              </div>
              <div>{c.description}</div>
              <div className="change-reason">{c.reason}</div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** Every incompatibility, marked with where it came from: the registry's own message, or the panel's check. */
export function IncompatibilityList({ items }: { items: Incompatibility[] }) {
  if (items.length === 0) return null;
  const { registry, panel } = bySource(items);
  return (
    <ul className="incompatibilities" aria-label="Incompatibilities">
      {[...registry, ...panel].map((item, i) => (
        <li key={i} data-source={item.source}>
          <span className={`pill ${item.source === 'registry' ? 'tone-bad' : 'tone-warn'}`}>
            {item.source === 'registry' ? 'registry' : 'panel check'}
          </span>{' '}
          {item.version !== null && item.source === 'registry' && <span className="muted">v{item.version}: </span>}
          <span className="mono">{item.message}</span>
        </li>
      ))}
    </ul>
  );
}
