import { useState, type FormEvent } from 'react';
import type { ResetOffsetsResult } from '@pipeline-panel/server/contracts';
import { ConfirmByNameDialog } from '../../../components/confirm-by-name-dialog.tsx';
import { DataTable } from '../../../components/data-table.tsx';
import { InlineError } from '../../../components/error-notice.tsx';
import { useResetOffsets } from '../api/groups.ts';
import { EMPTY_RESET, resetInput, shift, type ResetDraft } from '../model/reset-form.ts';

const COLUMNS = [
  { title: 'Topic' },
  { title: 'Partition', className: 'num' },
  { title: 'Offset' },
  { title: 'Lag after', className: 'num' },
];

/** Dry run first (current → new per partition), then the reset with the group id typed; refused while members are in. */
export function ResetOffsets({ group, topics, members }: { group: string; topics: string[]; members: number }) {
  const [draft, setDraft] = useState<ResetDraft>(EMPTY_RESET);
  const [plan, setPlan] = useState<ResetOffsetsResult | null>(null);
  const [confirming, setConfirming] = useState(false);
  const reset = useResetOffsets(group);
  const update = (patch: Partial<ResetDraft>) => {
    setDraft({ ...draft, ...patch });
    setPlan(null);
    reset.reset();
  };
  const dryRun = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate(resetInput(draft, true), { onSuccess: setPlan });
  };
  const shown = reset.data?.applied ? reset.data : plan;

  return (
    <div className="reset-offsets">
      <h3 className="sub-head">Reset offsets</h3>
      <form className="form-row reset-form" onSubmit={dryRun} aria-label={`Reset the offsets of ${group}`}>
        <label className="field">
          <span>To</span>
          <select value={draft.to} onChange={(e) => update({ to: e.target.value as ResetDraft['to'] })}>
            <option value="earliest">earliest</option>
            <option value="latest">latest</option>
            <option value="timestamp">a time</option>
            <option value="offset">an offset</option>
          </select>
        </label>
        {draft.to === 'timestamp' && (
          <label className="field">
            <span>Time</span>
            <input type="datetime-local" step="1" value={draft.timestamp} onChange={(e) => update({ timestamp: e.target.value })} />
          </label>
        )}
        {draft.to === 'offset' && (
          <label className="field">
            <span>Offset</span>
            <input inputMode="numeric" value={draft.offset} onChange={(e) => update({ offset: e.target.value })} />
          </label>
        )}
        {topics.length > 1 && (
          <fieldset className="field topics-pick">
            <legend>Topics (none ticked: all)</legend>
            {topics.map((t) => (
              <label key={t} className="check-inline">
                <input
                  type="checkbox"
                  checked={draft.topics.includes(t)}
                  onChange={(e) => update({ topics: e.target.checked ? [...draft.topics, t] : draft.topics.filter((x) => x !== t) })}
                />{' '}
                {t}
              </label>
            ))}
          </fieldset>
        )}
        <div className="actions">
          <button type="submit" className="btn" disabled={reset.isPending}>
            Dry run
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={!plan || plan.blockers.length > 0 || reset.isPending}
            onClick={() => setConfirming(true)}
          >
            Reset…
          </button>
        </div>
      </form>
      {members > 0 && (
        <p className="warn-text">
          The group has {members} member(s): a reset is refused until they leave (stop the consumers, or pause the connector).
        </p>
      )}
      {reset.isError && <InlineError error={reset.error} />}
      {shown && (
        <>
          <p className={shown.applied ? 'inline-ok' : 'muted'} role="status">
            {shown.message}
          </p>
          <DataTable label={shown.applied ? 'Offsets reset' : 'Dry run'} columns={COLUMNS}>
            {shown.partitions.map((p) => (
              <tr key={`${p.topic}-${p.partition}`}>
                <td className="mono">{p.topic}</td>
                <td className="num">{p.partition}</td>
                <td className="mono">{shift(p.current, p.new)}</td>
                <td className="num">{p.lagAfter}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      <ConfirmByNameDialog
        name={confirming ? group : null}
        title={`Reset the offsets of ${group}`}
        actionLabel="Reset offsets"
        busy={reset.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={(confirm) =>
          reset.mutate(resetInput(draft, false, confirm), { onSettled: () => setConfirming(false), onSuccess: () => setPlan(null) })
        }
      >
        <p>The group will consume from the new offsets shown in the dry run when it starts again.</p>
      </ConfirmByNameDialog>
    </div>
  );
}
