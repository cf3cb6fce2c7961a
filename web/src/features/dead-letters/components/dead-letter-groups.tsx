import { useState } from 'react';
import type { DeadLetter, DeadLetterGroup, RedriveInput } from '@pipeline-panel/server/contracts';
import { DataTable } from '../../../components/data-table.tsx';
import { ErrorNotice, InlineError } from '../../../components/error-notice.tsx';
import { formatCount } from '../../../components/format-numbers.ts';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { Placeholder, Section } from '../../../components/page.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useDeadLetters, useRedrive } from '../api/dead-letters.ts';
import { letterId, parseLetterId, toggle } from '../model/selection.ts';

const COLUMNS = [
  { title: '' },
  { title: 'Offset', className: 'num' },
  { title: 'From' },
  { title: 'Key' },
  { title: 'Value' },
  { title: 'Redriven' },
];

export function DeadLetterGroups({ pipeline }: { pipeline: string }) {
  const letters = useDeadLetters(pipeline);
  const redrive = useRedrive(pipeline);
  const [repeat, setRepeat] = useState<RedriveInput | null>(null);
  const send = (input: RedriveInput) =>
    redrive.mutate(input, {
      onError: (error) => {
        if (isApiError(error) && error.code === 'ALREADY_REDRIVEN') setRepeat(input);
      },
    });
  if (letters.isPending) return <Placeholder>Reading the dead-letter topic…</Placeholder>;
  if (letters.isError)
    return <ErrorNotice error={letters.error} doing={`read the dead letters of ${pipeline}`} onRetry={() => void letters.refetch()} />;
  const body = letters.data;
  return (
    <Section
      title={body.topic}
      note={
        body.exists
          ? `${formatCount(body.total)} message(s) on the topic, the newest ${formatCount(body.scanned)} read, in ${body.groups.length} error group(s)`
          : 'Not created yet: Connect creates it with the first dead letter.'
      }
      actions={
        <button type="button" className="btn" onClick={() => void letters.refetch()} disabled={letters.isFetching}>
          Refresh
        </button>
      }
    >
      {redrive.isError && !(isApiError(redrive.error) && redrive.error.code === 'ALREADY_REDRIVEN') && (
        <InlineError error={redrive.error} />
      )}
      {redrive.isSuccess && (
        <p className="inline-ok" role="status">
          {redrive.data.message}
        </p>
      )}
      {body.exists && body.groups.length === 0 && <Placeholder>No dead letters.</Placeholder>}
      {body.groups.map((g) => (
        <ErrorGroup key={g.key} group={g} busy={redrive.isPending} onRedrive={send} />
      ))}
      <ModalDialog open={repeat !== null} title="Redrive again?" onClose={() => setRepeat(null)}>
        <div className="modal-body">
          <p>{isApiError(redrive.error) ? redrive.error.message.replace(/; send .*$/, '.') : ''}</p>
          <p>Sending them again puts a second copy on the original topic.</p>
          <div className="modal-actions">
            <button type="button" className="btn" onClick={() => setRepeat(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-danger"
              onClick={() => {
                if (repeat) redrive.mutate({ ...repeat, confirmRepeat: true });
                setRepeat(null);
              }}
            >
              Redrive again
            </button>
          </div>
        </div>
      </ModalDialog>
    </Section>
  );
}

function ErrorGroup({ group, busy, onRedrive }: { group: DeadLetterGroup; busy: boolean; onRedrive: (input: RedriveInput) => void }) {
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [shown, setShown] = useState<string | null>(null);
  return (
    <article className="error-group" aria-label={`Error group ${group.exceptionClass ?? ''}`}>
      <header className="error-group-head">
        <div>
          <strong>{formatCount(group.count)}</strong> × <span className="pill">{group.stage ?? 'unknown stage'}</span>{' '}
          <span className="mono">{group.exceptionClass ?? 'no exception class'}</span>
          <div className="mono error-pattern">{group.pattern}</div>
          <div className="muted">
            in {group.className ?? '?'} · from {group.originalTopics.join(', ') || 'unknown topics'}
            {group.redriven > 0 ? ` · ${group.redriven} redriven before` : ''}
          </div>
        </div>
        <div className="actions">
          <button type="button" className="btn btn-small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide messages' : 'Messages'}
          </button>
          <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => onRedrive({ group: group.key })}>
            Redrive all {group.count}
          </button>
        </div>
      </header>
      {open && (
        <>
          <DataTable label={`Dead letters: ${group.pattern}`} columns={COLUMNS}>
            {group.messages.map((m) => (
              <LetterRow
                key={letterId(m)}
                letter={m}
                checked={selected.has(letterId(m))}
                onCheck={() => setSelected(toggle(selected, letterId(m)))}
                open={shown === letterId(m)}
                onOpen={() => setShown(shown === letterId(m) ? null : letterId(m))}
              />
            ))}
          </DataTable>
          <div className="actions">
            <button
              type="button"
              className="btn btn-small"
              disabled={selected.size === 0 || busy}
              onClick={() => {
                onRedrive({ messages: [...selected].map(parseLetterId) });
                setSelected(new Set());
              }}
            >
              Redrive {selected.size} selected
            </button>
          </div>
        </>
      )}
    </article>
  );
}

function LetterRow({
  letter,
  checked,
  onCheck,
  open,
  onOpen,
}: {
  letter: DeadLetter;
  checked: boolean;
  onCheck: () => void;
  open: boolean;
  onOpen: () => void;
}) {
  const from = letter.original ? `${letter.original.topic} ${letter.original.partition}/${letter.original.offset}` : 'unknown';
  return (
    <>
      <tr>
        <td>
          <input type="checkbox" aria-label={`Select ${letterId(letter)}`} checked={checked} onChange={onCheck} />
        </td>
        <td className="num">
          <button type="button" className="link-btn" aria-expanded={open} onClick={onOpen}>
            {letterId(letter)}
          </button>
        </td>
        <td className="mono">{from}</td>
        <td className="mono truncate-cell">{letter.key.text ?? 'null'}</td>
        <td className="mono truncate-cell">
          <span className="pill">{letter.value.format}</span> {letter.value.text ?? 'null'}
        </td>
        <td>{letter.redrives.length === 0 ? '—' : `${letter.redrives.length}×, last ${letter.redrives.at(-1)?.at}`}</td>
      </tr>
      {open && (
        <tr className="detail-row">
          <td colSpan={6}>
            <p className="mono">{letter.error.message}</p>
            {letter.headers.length > 0 && <p className="mono">Headers: {letter.headers.map((h) => `${h.key}=${h.value}`).join(', ')}</p>}
            {letter.error.stacktrace && (
              <details>
                <summary>Stack trace</summary>
                <pre className="code-block">{letter.error.stacktrace}</pre>
              </details>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
