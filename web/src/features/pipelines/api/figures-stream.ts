import { useMemo, useSyncExternalStore } from 'react';
import type { FiguresEvent } from '@pipeline-panel/server/contracts';
import { parseEventData, useEventSource, type StreamStatus } from '../../../lib/sse.ts';
import { FiguresStore } from '../model/figures-store.ts';

/**
 * Follows the live figures on the panel's stack event stream (`?figures=true`): the server samples only while a
 * screen follows them, and sends the buffered window on every (re)connect.
 */
export function useFiguresStream(): { store: FiguresStore; status: StreamStatus } {
  const store = useMemo(() => new FiguresStore(), []);
  const { status } = useEventSource('/api/stack/events?figures=true', {
    figures: (data) => {
      const event = parseEventData<FiguresEvent>(data);
      if (event) store.apply(event);
    },
  });
  return { store, status };
}

/** Re-renders on every new sample. */
export function useFiguresVersion(store: FiguresStore): number {
  return useSyncExternalStore(store.subscribe, () => store.version);
}
