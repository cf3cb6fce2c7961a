import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogLine } from '@pipeline-panel/server/contracts';
import { parseEventData, useEventSource } from '../../../lib/sse.ts';
import { appendBounded, type NumberedLine } from '../model/log-buffer.ts';

export const LOG_TAIL = 200;
export const LOG_MAX_LINES = 1000;

/** Streams a service's log lines (SSE `log` events), batched per animation frame and bounded to LOG_MAX_LINES. */
export function useServiceLogs(service: string | null, startedAt: string | null) {
  // Lines belong to one service: switching services starts from an empty list.
  const [buffer, setBuffer] = useState<{ service: string | null; lines: NumberedLine[] }>({ service, lines: [] });
  const lines = buffer.service === service ? buffer.lines : [];
  const setLines = useCallback(
    (next: NumberedLine[] | ((current: NumberedLine[]) => NumberedLine[])) =>
      setBuffer((b) => {
        const current = b.service === service ? b.lines : [];
        return { service, lines: typeof next === 'function' ? next(current) : next };
      }),
    [service],
  );
  const pending = useRef<LogLine[]>([]);
  const seq = useRef(0);
  const frame = useRef<number | null>(null);

  const flush = useCallback(() => {
    frame.current = null;
    const batch = pending.current;
    pending.current = [];
    const firstSeq = seq.current;
    seq.current += batch.length;
    setLines((current) => appendBounded(current, batch, LOG_MAX_LINES, firstSeq));
  }, [setLines]);

  useEffect(() => {
    pending.current = [];
    return () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
  }, [service]);

  const url = service ? `/api/services/${encodeURIComponent(service)}/logs?tail=${LOG_TAIL}&follow=true` : null;
  const { status, reconnect } = useEventSource(
    url,
    {
      log: (data) => {
        const line = parseEventData<LogLine>(data);
        if (!line) return;
        pending.current.push(line);
        frame.current ??= requestAnimationFrame(flush);
      },
    },
    {
      // Each (re)connection replays the tail, so start from a clean slate instead of duplicating lines.
      onOpen: () => {
        pending.current = [];
        setLines([]);
      },
      // The server sends `end` when the container's log stream closes (e.g. it stopped).
      endEvent: 'end',
    },
  );

  // A new start of the container means a new log stream to follow.
  const seenStart = useRef(startedAt);
  useEffect(() => {
    if (startedAt && startedAt !== seenStart.current) reconnect();
    seenStart.current = startedAt;
  }, [startedAt, reconnect]);

  const clear = useCallback(() => setLines([]), [setLines]);
  return { lines, status, clear, reconnect };
}
