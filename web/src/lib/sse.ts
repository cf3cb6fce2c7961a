import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'ended';

/** Parses one SSE `data` payload as JSON; a malformed frame yields null instead of breaking the stream. */
export function parseEventData<T>(data: unknown): T | null {
  if (typeof data !== 'string' || data.length === 0) return null;
  try {
    return JSON.parse(data) as T;
  } catch {
    return null;
  }
}

/** Back-off between reconnect attempts: 1 s, 2 s, 4 s … capped at 15 s. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(15_000, 1_000 * 2 ** Math.max(0, attempt));
}

export type EventHandlers = Record<string, (data: string) => void>;

interface Options {
  enabled?: boolean;
  /** Called every time a connection opens, including re-connections (to resynchronise state). */
  onOpen?: () => void;
  /** An event after which the server has nothing more to send: the hook closes and waits for reconnect(). */
  endEvent?: string;
}

/**
 * Subscribes to a Server-Sent Events URL. The browser retries a dropped connection itself; when it gives up
 * (the server answered with an error or closed for good) this hook opens a new EventSource with back-off.
 */
export function useEventSource(
  url: string | null,
  handlers: EventHandlers,
  { enabled = true, onOpen, endEvent }: Options = {},
): { status: StreamStatus; reconnect: () => void } {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [generation, setGeneration] = useState(0);
  const reconnect = useCallback(() => setGeneration((g) => g + 1), []);
  const handlersRef = useRef(handlers);
  const onOpenRef = useRef(onOpen);
  // The latest handlers, without reconnecting when a caller passes new closures.
  useLayoutEffect(() => {
    handlersRef.current = handlers;
    onOpenRef.current = onOpen;
  });
  const eventNames = Object.keys(handlers).sort().join(',');

  useEffect(() => {
    if (!enabled || !url) return;
    let source: EventSource | null = null;
    let retryTimer: number | undefined;
    let attempt = 0;
    let disposed = false;

    const connect = () => {
      setStatus(attempt === 0 ? 'connecting' : 'reconnecting');
      source = new EventSource(url);
      source.onopen = () => {
        attempt = 0;
        setStatus('open');
        onOpenRef.current?.();
      };
      source.onerror = () => {
        if (disposed || !source) return;
        setStatus('reconnecting');
        if (source.readyState === EventSource.CLOSED) {
          source.close();
          retryTimer = window.setTimeout(connect, reconnectDelayMs(attempt++));
        }
      };
      for (const name of eventNames.split(',').filter(Boolean)) {
        source.addEventListener(name, (event) => handlersRef.current[name]?.((event as MessageEvent<string>).data));
      }
      if (endEvent) {
        source.addEventListener(endEvent, () => {
          source?.close();
          setStatus('ended');
        });
      }
    };

    connect();
    return () => {
      disposed = true;
      window.clearTimeout(retryTimer);
      source?.close();
    };
  }, [url, enabled, eventNames, endEvent, generation]);

  return { status, reconnect };
}
