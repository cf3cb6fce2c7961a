import { useEffect, useId, useRef, useState } from 'react';
import type { StreamStatus } from '../../../lib/sse.ts';
import { LOG_MAX_LINES, useServiceLogs } from '../api/stream-logs.ts';

interface Props {
  service: string;
  /** The container's start time: a new start reopens the stream. */
  startedAt: string | null;
  onClose: () => void;
}

const STATUS_TEXT: Record<StreamStatus, string> = {
  connecting: 'Connecting…',
  open: 'Streaming',
  reconnecting: 'Stream interrupted, reconnecting…',
  ended: 'Stream ended (the container stopped)',
};

function timeOf(ts: string | null): string {
  if (!ts) return '';
  const date = new Date(ts);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour12: false });
}

/** A side panel streaming one service's logs; stderr lines are marked, the newest stays in view while following. */
export function LogsDrawer({ service, startedAt, onClose }: Props) {
  const titleId = useId();
  const { lines, status, clear, reconnect } = useServiceLogs(service, startedAt);
  const [follow, setFollow] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  // Focus moves into the drawer and, on close, back to whatever opened it.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeButton.current?.focus();
    return () => opener?.focus();
  }, [service]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  useEffect(() => {
    const el = scroller.current;
    if (follow && el) el.scrollTop = el.scrollHeight;
  }, [lines, follow]);

  // Scrolling up to read stops following; scrolling back to the bottom resumes it.
  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
    if (atBottom !== follow) setFollow(atBottom);
  };

  return (
    <aside className="drawer" role="dialog" aria-modal="false" aria-labelledby={titleId}>
      <header className="drawer-head">
        <div>
          <h2 id={titleId} className="drawer-title">
            Logs · {service}
          </h2>
          <p className={`stream-status stream-${status}`} role="status">
            <span className="dot" aria-hidden="true" />
            {STATUS_TEXT[status]} · {lines.length} {lines.length === 1 ? 'line' : 'lines'} (newest {LOG_MAX_LINES} kept)
          </p>
        </div>
        <button type="button" ref={closeButton} className="btn btn-ghost icon-btn" aria-label="Close logs" onClick={onClose}>
          ✕
        </button>
      </header>
      <div className="drawer-tools">
        <label className="toggle">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          Follow
        </label>
        <button type="button" className="btn btn-small" onClick={clear}>
          Clear
        </button>
        {status === 'ended' && (
          <button type="button" className="btn btn-small" onClick={reconnect}>
            Reconnect
          </button>
        )}
        <span className="legend-stderr">
          <span className="swatch" aria-hidden="true" /> stderr
        </span>
      </div>
      <div className="log-scroller" ref={scroller} onScroll={onScroll} tabIndex={0}>
        {lines.length === 0 ? (
          <p className="log-empty">{status === 'open' ? 'No log lines yet.' : STATUS_TEXT[status]}</p>
        ) : (
          <ol className="log-lines" role="log" aria-live="off" aria-label={`Log lines of ${service}`}>
            {lines.map((line) => (
              <li key={line.seq} className={`log-line log-${line.stream}`}>
                <span className="log-ts">{timeOf(line.ts)}</span>
                <span className="log-text">{line.line}</span>
                {line.stream === 'stderr' && <span className="visually-hidden"> (stderr)</span>}
              </li>
            ))}
          </ol>
        )}
      </div>
    </aside>
  );
}
