import { useMemo, useState } from 'react';
import { parseEventData, useEventSource, type StreamStatus } from './sse.ts';

/**
 * Long-running operations (smoke runs, resets, wizard applies) all stream the same way: `step` events carrying a
 * whole step as it is now (the server replays every step first, then each change), then `done` with the final
 * report, after which the stream ends.
 */
export interface OperationStream<Step, Final> {
  /** Every step seen so far, in the order they first arrived (the server replays them in order), each at its newest. */
  steps: Step[];
  /** The final report, once `done` arrived. */
  final: Final | null;
  status: StreamStatus;
}

export interface OperationStreamOptions {
  /** The field that identifies a step: `name` (smoke, wizard; the default) or `id` (reset). */
  key?: string;
  /** Connect only while this holds (e.g. while the fetched report says running). */
  enabled?: boolean;
}

const keyOf = (step: object, key: string) => String((step as Record<string, unknown>)[key]);

/** The list with `step` replacing the step of the same key, or appended when it is new. */
export function upsertStep<Step extends object>(steps: readonly Step[], step: Step, key = 'name'): Step[] {
  const k = keyOf(step, key);
  const index = steps.findIndex((s) => keyOf(s, key) === k);
  return index < 0 ? [...steps, step] : steps.map((s, i) => (i === index ? step : s));
}

/** A fetched report with the streamed steps applied over its own (the report keeps its step order). */
export function withStreamedSteps<Step extends object, Report extends { steps: Step[] }>(
  report: Report,
  streamed: readonly Step[],
  key = 'name',
): Report {
  if (streamed.length === 0) return report;
  const byKey = new Map(streamed.map((s) => [keyOf(s, key), s]));
  return { ...report, steps: report.steps.map((s) => byKey.get(keyOf(s, key)) ?? s) };
}

interface State<Step, Final> {
  url: string | null;
  steps: Step[];
  final: Final | null;
}

/** Follows one operation's event stream; a new URL starts over. Stops once `done` arrived. */
export function useOperationStream<Step extends object, Final>(
  url: string | null,
  { key = 'name', enabled = true }: OperationStreamOptions = {},
): OperationStream<Step, Final> {
  const [state, setState] = useState<State<Step, Final>>({ url, steps: [], final: null });
  // Derived from the URL: another operation starts from nothing (React's "adjust state while rendering" pattern).
  if (state.url !== url) setState({ url, steps: [], final: null });
  const current: State<Step, Final> = state.url === url ? state : { url, steps: [], final: null };
  const handlers = useMemo(
    () => ({
      step: (data: string) => {
        const step = parseEventData<Step>(data);
        if (step) setState((s) => (s.url === url ? { ...s, steps: upsertStep(s.steps, step, key) } : s));
      },
      done: (data: string) => {
        const final = parseEventData<Final>(data);
        if (final) setState((s) => (s.url === url ? { ...s, final } : s));
      },
    }),
    [url, key],
  );
  const { status } = useEventSource(url, handlers, { enabled: enabled && url !== null && current.final === null, endEvent: 'done' });
  return { steps: current.steps, final: current.final, status };
}
