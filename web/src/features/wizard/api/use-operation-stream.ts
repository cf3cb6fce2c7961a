import { useCallback, useState } from 'react';
import type { SmokeRunReport, SmokeStep, WizardApplyStep, WizardOperation } from '@pipeline-panel/server/contracts';
import { parseEventData, useEventSource } from '../../../lib/sse.ts';

/** The apply operation's steps, live over SSE (`step` updates, then `done` with the final report). */
export function useOperationStream(operationId: string | null) {
  const [steps, setSteps] = useState<Record<string, WizardApplyStep>>({});
  const [final, setFinal] = useState<WizardOperation | null>(null);
  const onStep = useCallback((data: string) => {
    const step = parseEventData<WizardApplyStep>(data);
    if (step) setSteps((s) => ({ ...s, [step.name]: step }));
  }, []);
  const onDone = useCallback((data: string) => setFinal(parseEventData<WizardOperation>(data)), []);
  const url = operationId ? `/api/wizard/operations/${encodeURIComponent(operationId)}/events` : null;
  const { status } = useEventSource(url, { step: onStep, done: onDone }, { enabled: url !== null && final === null, endEvent: 'done' });
  return { steps, final, status };
}

/** A smoke run's steps, live over SSE (the smoke routes' stream). */
export function useSmokeStream(runId: string | null) {
  const [steps, setSteps] = useState<Record<string, SmokeStep>>({});
  const [final, setFinal] = useState<SmokeRunReport | null>(null);
  const onStep = useCallback((data: string) => {
    const step = parseEventData<SmokeStep>(data);
    if (step) setSteps((s) => ({ ...s, [step.name]: step }));
  }, []);
  const onDone = useCallback((data: string) => setFinal(parseEventData<SmokeRunReport>(data)), []);
  const url = runId ? `/api/smoke-runs/${encodeURIComponent(runId)}/events` : null;
  useEventSource(url, { step: onStep, done: onDone }, { enabled: url !== null && final === null, endEvent: 'done' });
  return { steps, final };
}
